-- Tuneloop schema version 7: where a model version's fine-tuned weights can be downloaded, for providers that offer
-- a download (Together AI). Never holds a key. Null for versions registered before this version of the schema and
-- for providers that serve the model only.

ALTER TABLE model_versions ADD COLUMN weights_uri VARCHAR(2048);
