-- Tuneloop schema version 8 (H2): the blind double review and the pre-reviewer's suggestions; see the PostgreSQL
-- file for the design. New tables only; no existing row is changed.
CREATE TABLE blind_reviews (
    interaction_id    UUID                         NOT NULL,
    slot              SMALLINT                     NOT NULL,
    reviewer          VARCHAR                      NOT NULL,
    approved          BOOLEAN                      NOT NULL,
    category          VARCHAR,
    quality           SMALLINT,
    improved_response VARCHAR,
    note              VARCHAR,
    reviewed_at       TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    CONSTRAINT blind_reviews_pk PRIMARY KEY (interaction_id, slot),
    CONSTRAINT blind_reviews_reviewer_uq UNIQUE (interaction_id, reviewer),
    CONSTRAINT blind_reviews_slot_ck CHECK (slot IN (1, 2)),
    CONSTRAINT blind_reviews_quality_ck CHECK (quality BETWEEN 1 AND 10)
);

CREATE TABLE blind_review_settlements (
    interaction_id UUID                         PRIMARY KEY,
    settled_by     VARCHAR                      NOT NULL,
    approved       BOOLEAN                      NOT NULL,
    reason         VARCHAR                      NOT NULL,
    settled_at     TIMESTAMP(6) WITH TIME ZONE  NOT NULL
);

CREATE TABLE review_suggestions (
    interaction_id    UUID                         PRIMARY KEY,
    cache_key         VARCHAR(128)                 NOT NULL,
    model             VARCHAR                      NOT NULL,
    category          VARCHAR                      NOT NULL,
    quality           SMALLINT                     NOT NULL,
    reason            VARCHAR                      NOT NULL,
    improved_response VARCHAR                      NOT NULL,
    created_at        TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    CONSTRAINT review_suggestions_quality_ck CHECK (quality BETWEEN 1 AND 10)
);
CREATE INDEX review_suggestions_created_idx ON review_suggestions (created_at, interaction_id);
