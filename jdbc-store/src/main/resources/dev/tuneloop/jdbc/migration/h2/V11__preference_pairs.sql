-- Tuneloop schema version 11 (H2): preference pairs marked by reviewers; see the PostgreSQL file for the design. A new
-- table only; no existing row is changed.
CREATE TABLE preference_pairs (
    id                      UUID                         PRIMARY KEY,
    example_id              UUID                         NOT NULL,
    user_id                 VARCHAR                      NOT NULL,
    rejected_interaction_id UUID                         NOT NULL,
    rejected_user_id        VARCHAR                      NOT NULL,
    chosen                  VARCHAR                      NOT NULL,
    rejected                VARCHAR                      NOT NULL,
    marked_by               VARCHAR                      NOT NULL,
    note                    VARCHAR,
    marked_at               TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    CONSTRAINT preference_pairs_example_rejected_uq UNIQUE (example_id, rejected_interaction_id)
);
CREATE INDEX preference_pairs_marked_idx ON preference_pairs (marked_at, id);
CREATE INDEX preference_pairs_user_idx ON preference_pairs (user_id);
CREATE INDEX preference_pairs_rejected_user_idx ON preference_pairs (rejected_user_id);
