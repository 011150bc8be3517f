-- Imported golden examples: who imported the file, its name and the line each example starts on. All three are null
-- for an example reviewed from a recorded interaction, so existing rows are not rewritten.
ALTER TABLE training_examples ADD COLUMN imported_by VARCHAR;
ALTER TABLE training_examples ADD COLUMN import_source VARCHAR;
ALTER TABLE training_examples ADD COLUMN import_line BIGINT;
