-- Tuneloop schema version 8: the blind double review and the pre-reviewer's suggestions. New tables only; no existing
-- row is changed.
--
-- blind_reviews: at most two decisions per candidate (slot 1 and 2: the primary key makes a third impossible, even
-- from two app instances at once) and one per reviewer (the unique key). Rows are only added, so both decisions stay
-- after a settlement. No foreign key, as for review_claims: erasure deletes these rows with the interaction.
CREATE TABLE blind_reviews (
    interaction_id    UUID        NOT NULL,
    slot              SMALLINT    NOT NULL,
    reviewer          TEXT        NOT NULL,
    approved          BOOLEAN     NOT NULL,
    category          TEXT,
    quality           SMALLINT,
    improved_response TEXT,
    note              TEXT,
    reviewed_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT blind_reviews_pk PRIMARY KEY (interaction_id, slot),
    CONSTRAINT blind_reviews_reviewer_uq UNIQUE (interaction_id, reviewer),
    CONSTRAINT blind_reviews_slot_ck CHECK (slot IN (1, 2)),
    CONSTRAINT blind_reviews_quality_ck CHECK (quality BETWEEN 1 AND 10)
);

-- how a disagreement was settled: one row per settled candidate
CREATE TABLE blind_review_settlements (
    interaction_id UUID        PRIMARY KEY,
    settled_by     TEXT        NOT NULL,
    approved       BOOLEAN     NOT NULL,
    reason         TEXT        NOT NULL,
    settled_at     TIMESTAMPTZ NOT NULL
);

-- the pre-reviewer's latest suggestion per candidate; cache_key is the hash of the model and the prompt sent
CREATE TABLE review_suggestions (
    interaction_id    UUID        PRIMARY KEY,
    cache_key         VARCHAR(128) NOT NULL,
    model             TEXT        NOT NULL,
    category          TEXT        NOT NULL,
    quality           SMALLINT    NOT NULL,
    reason            TEXT        NOT NULL,
    improved_response TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    CONSTRAINT review_suggestions_quality_ck CHECK (quality BETWEEN 1 AND 10)
);
CREATE INDEX review_suggestions_created_idx ON review_suggestions (created_at, interaction_id);
