-- Multi-part final user message: the user's message as content parts (text, images as references), JSON as in the
-- "parts" of a message in prior_turns. Existing rows get '[]' (a text-only message); no existing row is rewritten.
ALTER TABLE interaction_logs ADD COLUMN user_message_parts VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE training_examples ADD COLUMN user_message_parts VARCHAR DEFAULT '[]' NOT NULL;
