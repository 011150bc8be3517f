-- Tuneloop schema version 2 (H2): the model registry, i.e. the seed's version-tracking table
-- (version, date, examples, base model, notes) with each version's lineage, and the last known state of every
-- fine-tuning job. Applied by JdbcStore in one transaction; hosts running Flyway or Liquibase may copy this file as is.

CREATE TABLE model_versions (
    version_number         INTEGER          PRIMARY KEY,
    version                VARCHAR(16)      NOT NULL,
    created_at             TIMESTAMP(6) WITH TIME ZONE      NOT NULL,
    base_model             VARCHAR(256)     NOT NULL,
    dataset_sha256         VARCHAR(64)      NOT NULL,
    example_count          INTEGER          NOT NULL,
    example_ids            VARCHAR             NOT NULL,
    job_id                 VARCHAR(256),
    fine_tuned_model       VARCHAR(512),
    notes                  VARCHAR             NOT NULL,
    eval_base_model        VARCHAR(512),
    eval_candidate_model   VARCHAR(512),
    eval_base_mean         DOUBLE PRECISION,
    eval_candidate_mean    DOUBLE PRECISION,
    eval_candidate_accuracy DOUBLE PRECISION,
    eval_promote           BOOLEAN,
    evaluated_at           TIMESTAMP(6) WITH TIME ZONE,
    eval_report            VARCHAR,
    deployed_at            TIMESTAMP(6) WITH TIME ZONE,
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
    created_at         TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    finished_at        TIMESTAMP(6) WITH TIME ZONE,
    trained_tokens     BIGINT,
    fine_tuned_model   VARCHAR,
    estimated_finish   TIMESTAMP(6) WITH TIME ZONE,
    error_code         VARCHAR,
    error_message      VARCHAR,
    hyperparameters    VARCHAR         NOT NULL,
    method             VARCHAR(16)  NOT NULL,
    suffix             VARCHAR,
    training_file_id   VARCHAR(256) NOT NULL,
    validation_file_id VARCHAR
);
-- the jobs a restarted watcher resumes
CREATE INDEX fine_tune_jobs_active_idx ON fine_tune_jobs (terminal, created_at, id);
