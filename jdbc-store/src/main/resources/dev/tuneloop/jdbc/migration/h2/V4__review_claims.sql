-- Reviewers' leases on candidates (ClaimStore); see the PostgreSQL file for the design.
CREATE TABLE review_claims (
    interaction_id UUID                         PRIMARY KEY,
    reviewer       VARCHAR                      NOT NULL,
    claimed_at     TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    expires_at     TIMESTAMP(6) WITH TIME ZONE  NOT NULL
);
CREATE INDEX review_claims_expires_idx ON review_claims (expires_at);
CREATE INDEX review_claims_reviewer_idx ON review_claims (reviewer, expires_at);
