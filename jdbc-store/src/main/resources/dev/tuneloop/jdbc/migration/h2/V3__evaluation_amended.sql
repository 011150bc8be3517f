-- Tuneloop schema version 3 (H2): an evaluation report may be amended after the run, when erasing a user redacts the
-- user's held-out cases in it (EvaluationSummary.amended). Existing evaluations were not amended.
-- Applied by JdbcStore in one transaction; hosts running Flyway or Liquibase may copy this file as is.

ALTER TABLE model_versions ADD COLUMN eval_amended BOOLEAN NOT NULL DEFAULT FALSE;
