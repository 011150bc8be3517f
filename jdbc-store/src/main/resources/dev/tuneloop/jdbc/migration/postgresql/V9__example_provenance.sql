-- Imported golden examples: who imported the file, its name and the line each example starts on. All three are null
-- for an example reviewed from a recorded interaction; adding nullable columns rewrites no existing row.
ALTER TABLE training_examples ADD COLUMN imported_by TEXT;
ALTER TABLE training_examples ADD COLUMN import_source TEXT;
ALTER TABLE training_examples ADD COLUMN import_line BIGINT;
