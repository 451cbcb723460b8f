"""Legal stage: where the law applies, no text or image depicting a child is shown (the filter and its decisions)."""
