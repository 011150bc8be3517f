-- Tuneloop schema version 2 (PostgreSQL): the model registry, i.e. the seed's version-tracking table
-- (version, date, examples, base model, notes) with each version's lineage, and the last known state of every
-- fine-tuning job. Applied by JdbcStore in one transaction; hosts running Flyway or Liquibase may copy this file as is.

CREATE TABLE model_versions (
    version_number         INTEGER          PRIMARY KEY,
    version                VARCHAR(16)      NOT NULL,
    created_at             TIMESTAMPTZ      NOT NULL,
    base_model             VARCHAR(256)     NOT NULL,
    dataset_sha256         VARCHAR(64)      NOT NULL,
    example_count          INTEGER          NOT NULL,
    example_ids            TEXT             NOT NULL,
    job_id                 VARCHAR(256),
    fine_tuned_model       VARCHAR(512),
    notes                  TEXT             NOT NULL,
    eval_base_model        VARCHAR(512),
    eval_candidate_model   VARCHAR(512),
    eval_base_mean         DOUBLE PRECISION,
    eval_candidate_mean    DOUBLE PRECISION,
    eval_candidate_accuracy DOUBLE PRECISION,
    eval_promote           BOOLEAN,
    evaluated_at           TIMESTAMPTZ,
    eval_report            TEXT,
    deployed_at            TIMESTAMPTZ,
    CONSTRAINT model_versions_version_uq UNIQUE (version),
    -- a job trains at most one version
    CONSTRAINT model_versions_job_uq UNIQUE (job_id)
);

CREATE TABLE fine_tune_jobs (
    id                 VARCHAR(256) PRIMARY KEY,
    base_model         VARCHAR(256) NOT NULL,
    status             VARCHAR(32)  NOT NULL,
    raw_status         VARCHAR(64)  NOT NULL,
    terminal           BOOLEAN      NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    finished_at        TIMESTAMPTZ,
    trained_tokens     BIGINT,
    fine_tuned_model   TEXT,
    estimated_finish   TIMESTAMPTZ,
    error_code         TEXT,
    error_message      TEXT,
    hyperparameters    TEXT         NOT NULL,
    method             VARCHAR(16)  NOT NULL,
    suffix             TEXT,
    training_file_id   VARCHAR(256) NOT NULL,
    validation_file_id TEXT
);
-- the jobs a restarted watcher resumes
CREATE INDEX fine_tune_jobs_active_idx ON fine_tune_jobs (created_at, id) WHERE terminal = FALSE;
