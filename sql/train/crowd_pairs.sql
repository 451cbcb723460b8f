-- Every crowd-judged pair whose caption text is known (Flickr8K-CF evaluation; 23 crowd captions have no
-- text in any file and cannot be scored).
SELECT c.image, c.query_id, c.crowd_share
FROM stg_crowd_annotations AS c
JOIN captions AS t ON t.query_id = c.query_id AND t.split = 'train'
ORDER BY c.image, c.query_id
