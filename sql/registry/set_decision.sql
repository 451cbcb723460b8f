-- Record why $model_version became (or did not become) champion.
UPDATE models SET decision = $decision WHERE model_version = $model_version
