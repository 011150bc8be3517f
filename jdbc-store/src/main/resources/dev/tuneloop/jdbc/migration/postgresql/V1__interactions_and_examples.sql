-- Tuneloop schema version 1 (PostgreSQL): interactions, feedback events, training examples and their history.
-- Table and column names follow the seed guide, so its weekly curation SQL runs unchanged.
-- Applied by JdbcStore in one transaction; hosts running Flyway or Liquibase may copy this file as is.

CREATE TABLE interaction_logs (
    id                   UUID         PRIMARY KEY,
    created_at           TIMESTAMPTZ  NOT NULL,
    user_id              VARCHAR(256) NOT NULL,
    session_id           VARCHAR(256),
    system_prompt        TEXT,
    user_message         TEXT         NOT NULL,
    assistant_response   TEXT         NOT NULL,
    response_chars       INTEGER      NOT NULL,
    retrieved_context    TEXT         NOT NULL,
    model_used           VARCHAR(256) NOT NULL,
    prior_turns          TEXT         NOT NULL,
    latency_nanos        BIGINT       NOT NULL,
    prompt_tokens        INTEGER      NOT NULL,
    completion_tokens    INTEGER      NOT NULL,
    metadata             TEXT         NOT NULL,
    feedback_rating      SMALLINT,
    user_edited_response TEXT,
    had_followup         BOOLEAN      NOT NULL DEFAULT FALSE,
    CONSTRAINT interaction_logs_rating_ck CHECK (feedback_rating IN (1, -1))
);

-- scans, metrics and the candidate window
CREATE INDEX interaction_logs_created_idx ON interaction_logs (created_at, id);
-- erasure and per-user scans
CREATE INDEX interaction_logs_user_idx ON interaction_logs (user_id);
-- the seed's candidate rule: only rows that can be candidates are indexed, newest first (the seed's weekly query
-- reads its window through this one)
CREATE INDEX interaction_logs_candidates_idx ON interaction_logs (created_at DESC, id DESC)
    WHERE had_followup = FALSE AND (feedback_rating = 1 OR user_edited_response IS NOT NULL);
-- the same rows in review order (edited first, newest, highest id): a page of candidates is read in index order
CREATE INDEX interaction_logs_review_order_idx
    ON interaction_logs ((user_edited_response IS NULL), created_at DESC, id DESC)
    WHERE had_followup = FALSE AND (feedback_rating = 1 OR user_edited_response IS NOT NULL);

CREATE TABLE feedback_events (
    event_id       UUID         PRIMARY KEY,
    interaction_id UUID         NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    rating         SMALLINT,
    body           TEXT,
    editor         VARCHAR(1024),
    CONSTRAINT feedback_events_kind_ck CHECK (kind IN ('rating', 'edit', 'followup')),
    CONSTRAINT feedback_events_rating_ck CHECK (rating IN (1, -1))
);
-- no foreign key: events may arrive before their interaction
CREATE INDEX feedback_events_interaction_idx ON feedback_events (interaction_id);

CREATE TABLE training_examples (
    id                     UUID        PRIMARY KEY,
    source_interaction_id  UUID        NOT NULL,
    user_id                TEXT        NOT NULL,
    status                 VARCHAR(16) NOT NULL,
    split                  VARCHAR(16) NOT NULL,
    interaction_created_at TIMESTAMPTZ NOT NULL,
    system_prompt          TEXT,
    prior_turns            TEXT        NOT NULL,
    user_message           TEXT        NOT NULL,
    retrieved_context      TEXT        NOT NULL,
    original_response      TEXT        NOT NULL,
    user_edited_response   TEXT,
    improved_response      TEXT,
    model_used             TEXT        NOT NULL,
    category               VARCHAR(64),
    quality                SMALLINT,
    reviewer               TEXT        NOT NULL,
    notes                  TEXT,
    reject_reason          TEXT,
    created_at             TIMESTAMPTZ NOT NULL,
    reviewed_at            TIMESTAMPTZ NOT NULL,
    version                INTEGER     NOT NULL,
    -- an interaction is promoted at most once, whoever approves it at the same moment
    CONSTRAINT training_examples_source_uq UNIQUE (source_interaction_id),
    CONSTRAINT training_examples_status_ck CHECK (status IN ('APPROVED', 'REJECTED')),
    CONSTRAINT training_examples_split_ck CHECK (split IN ('TRAIN', 'HOLDOUT')),
    CONSTRAINT training_examples_quality_ck CHECK (quality BETWEEN 1 AND 10)
);
CREATE INDEX training_examples_user_idx ON training_examples (user_id);
CREATE INDEX training_examples_reviewed_idx ON training_examples (reviewed_at);

CREATE TABLE example_revisions (
    revision_id    BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    example_id     UUID        NOT NULL,
    version        INTEGER     NOT NULL,
    revised_at     TIMESTAMPTZ NOT NULL,
    reviewer       TEXT        NOT NULL,
    changed_fields TEXT        NOT NULL,
    note           TEXT
);
CREATE INDEX example_revisions_example_idx ON example_revisions (example_id, revision_id);
