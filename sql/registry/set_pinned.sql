-- Pin $model_version as champion (the nightly run will not replace it), or unpin every model.
UPDATE models SET is_pinned = (model_version = $model_version AND $pinned)
