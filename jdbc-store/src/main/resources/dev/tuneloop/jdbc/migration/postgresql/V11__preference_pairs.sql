-- Tuneloop schema version 11: preference pairs marked by reviewers. A new table only; no existing row is changed.
--
-- preference_pairs: on an approved example (the prompt and the chosen answer), another recorded interaction's answer
-- marked as the worse one. Both answers are copies, as training_examples copies its interaction, so the export writes
-- what the reviewer compared. user_id is the example's user and rejected_user_id the rejected interaction's: erasing
-- either deletes the row. No foreign key, as for review_claims: erasure deletes these rows before their parents.
-- The unique key pairs an example with a rejected interaction at most once, even from two app instances at once.
CREATE TABLE preference_pairs (
    id                      UUID        PRIMARY KEY,
    example_id              UUID        NOT NULL,
    user_id                 TEXT        NOT NULL,
    rejected_interaction_id UUID        NOT NULL,
    rejected_user_id        TEXT        NOT NULL,
    chosen                  TEXT        NOT NULL,
    rejected                TEXT        NOT NULL,
    marked_by               TEXT        NOT NULL,
    note                    TEXT,
    marked_at               TIMESTAMPTZ NOT NULL,
    CONSTRAINT preference_pairs_example_rejected_uq UNIQUE (example_id, rejected_interaction_id)
);
-- the export reads every pair oldest first; erasure finds a user's pairs on either side
CREATE INDEX preference_pairs_marked_idx ON preference_pairs (marked_at, id);
CREATE INDEX preference_pairs_user_idx ON preference_pairs (user_id);
CREATE INDEX preference_pairs_rejected_user_idx ON preference_pairs (rejected_user_id);
