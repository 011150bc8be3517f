-- Recording v2: the tool-calling exchange of an interaction and the tools offered to the model.
-- Existing rows get empty lists; prior_turns keeps its format ("tool_calls" and "tool_call_id" appear only on the
-- messages that have them), so no existing row is rewritten.
ALTER TABLE interaction_logs ADD COLUMN steps VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE interaction_logs ADD COLUMN tools VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE training_examples ADD COLUMN steps VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE training_examples ADD COLUMN tools VARCHAR DEFAULT '[]' NOT NULL;
