-- Tuneloop schema version 5: where each model version is trained and served (the provider id, e.g. openai,
-- azure, together, vertex) and the version whose exact dataset it was relaunched from (lineage across providers).
-- Both are null for versions registered before this version of the schema.

ALTER TABLE model_versions ADD COLUMN provider VARCHAR(64);
ALTER TABLE model_versions ADD COLUMN parent_version VARCHAR(16);
