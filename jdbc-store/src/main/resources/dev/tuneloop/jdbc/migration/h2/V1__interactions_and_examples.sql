-- Tuneloop schema version 1 (H2): interactions, feedback events, training examples and their history.
-- Table and column names follow the seed guide, so its weekly curation SQL runs unchanged.
-- Applied by JdbcStore in one transaction; hosts running Flyway or Liquibase may copy this file as is.

CREATE TABLE interaction_logs (
    id                   UUID         PRIMARY KEY,
    created_at           TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    user_id              VARCHAR(256) NOT NULL,
    session_id           VARCHAR(256),
    system_prompt        VARCHAR,
    user_message         VARCHAR         NOT NULL,
    assistant_response   VARCHAR         NOT NULL,
    response_chars       INTEGER      NOT NULL,
    retrieved_context    VARCHAR         NOT NULL,
    model_used           VARCHAR(256) NOT NULL,
    prior_turns          VARCHAR         NOT NULL,
    latency_nanos        BIGINT       NOT NULL,
    prompt_tokens        INTEGER      NOT NULL,
    completion_tokens    INTEGER      NOT NULL,
    metadata             VARCHAR         NOT NULL,
    feedback_rating      SMALLINT,
    user_edited_response VARCHAR,
    had_followup         BOOLEAN      NOT NULL DEFAULT FALSE,
    CONSTRAINT interaction_logs_rating_ck CHECK (feedback_rating IN (1, -1))
);

-- scans, metrics and the candidate window
CREATE INDEX interaction_logs_created_idx ON interaction_logs (created_at, id);
-- erasure and per-user scans
CREATE INDEX interaction_logs_user_idx ON interaction_logs (user_id);
-- H2 has no partial indexes: the candidate query reads the created_at window through interaction_logs_created_idx

CREATE TABLE feedback_events (
    event_id       UUID         PRIMARY KEY,
    interaction_id UUID         NOT NULL,
    occurred_at    TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    rating         SMALLINT,
    body           VARCHAR,
    editor         VARCHAR(1024),
    CONSTRAINT feedback_events_kind_ck CHECK (kind IN ('rating', 'edit', 'followup')),
    CONSTRAINT feedback_events_rating_ck CHECK (rating IN (1, -1))
);
-- no foreign key: events may arrive before their interaction
CREATE INDEX feedback_events_interaction_idx ON feedback_events (interaction_id);

CREATE TABLE training_examples (
    id                     UUID        PRIMARY KEY,
    source_interaction_id  UUID        NOT NULL,
    user_id                VARCHAR        NOT NULL,
    status                 VARCHAR(16) NOT NULL,
    split                  VARCHAR(16) NOT NULL,
    interaction_created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    system_prompt          VARCHAR,
    prior_turns            VARCHAR        NOT NULL,
    user_message           VARCHAR        NOT NULL,
    retrieved_context      VARCHAR        NOT NULL,
    original_response      VARCHAR        NOT NULL,
    user_edited_response   VARCHAR,
    improved_response      VARCHAR,
    model_used             VARCHAR        NOT NULL,
    category               VARCHAR(64),
    quality                SMALLINT,
    reviewer               VARCHAR        NOT NULL,
    notes                  VARCHAR,
    reject_reason          VARCHAR,
    created_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    reviewed_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
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
    revised_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    reviewer       VARCHAR        NOT NULL,
    changed_fields VARCHAR        NOT NULL,
    note           VARCHAR
);
CREATE INDEX example_revisions_example_idx ON example_revisions (example_id, revision_id);
