-- Multi-part final user message: the user's message as content parts (text, images as references), JSON as in the
-- "parts" of a message in prior_turns. A column with a constant default is added without rewriting the table
-- (PostgreSQL 11+): existing rows read '[]' (a text-only message).
ALTER TABLE interaction_logs ADD COLUMN user_message_parts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE training_examples ADD COLUMN user_message_parts TEXT NOT NULL DEFAULT '[]';
