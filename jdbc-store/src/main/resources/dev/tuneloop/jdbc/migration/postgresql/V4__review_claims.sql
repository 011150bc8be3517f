-- Reviewers' leases on candidates (ClaimStore). One row per claimed interaction: the primary key is what makes two
-- claims on one interaction impossible; an expired row is taken over by the next claimer (INSERT ... ON CONFLICT
-- DO UPDATE ... WHERE expires_at <= now). No foreign key, so that interaction_logs can still be truncated and
-- erased on its own: a claim on an interaction that is gone or reviewed holds nothing (the queries join).
CREATE TABLE review_claims (
    interaction_id UUID        PRIMARY KEY,
    reviewer       TEXT        NOT NULL,
    claimed_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL
);
-- the live claims (the console's view, and every claim call)
CREATE INDEX review_claims_expires_idx ON review_claims (expires_at);
-- one reviewer's claims (renew, their queue)
CREATE INDEX review_claims_reviewer_idx ON review_claims (reviewer, expires_at);
