-- Decisions by content hash (for images met again under another name or folder).
SELECT sha256, bool_or(is_blocked) AS is_blocked, any_value(reason) FILTER (WHERE is_blocked) AS reason
FROM image_legal
GROUP BY sha256
