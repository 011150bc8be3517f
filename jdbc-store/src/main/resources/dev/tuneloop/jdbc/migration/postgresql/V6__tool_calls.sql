-- Recording v2: the tool-calling exchange of an interaction and the tools offered to the model.
-- A column with a constant default is added without rewriting the table (PostgreSQL 11+): existing rows read '[]'.
-- prior_turns keeps its format ("tool_calls" and "tool_call_id" appear only on the messages that have them).
ALTER TABLE interaction_logs ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';
ALTER TABLE interaction_logs ADD COLUMN tools TEXT NOT NULL DEFAULT '[]';
ALTER TABLE training_examples ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';
ALTER TABLE training_examples ADD COLUMN tools TEXT NOT NULL DEFAULT '[]';
