package dev.tuneloop.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.ConflictException;
import dev.tuneloop.NotFoundException;
import dev.tuneloop.TuneloopException;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.internal.Checks;
import dev.tuneloop.store.ModelRegistry;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.HyperValue;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.NewModelVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ModelRegistry} on {@code model_versions} and {@code fine_tune_jobs}.
 *
 * <p>Version names come from {@code MAX(version_number) + 1}; two instances registering at once race on the primary
 * key, and the loser retries in a new transaction, so names stay consecutive without gaps or duplicates. A job
 * belongs to at most one version ({@code model_versions_job_uq}). Changes to a version lock its row. Thread-safe.
 */
final class JdbcModelRegistry implements ModelRegistry {
    static final String JOB_CONSTRAINT = "model_versions_job_uq";
    private static final int MAX_REGISTER_ATTEMPTS = 50;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VERSION_COLUMNS = "version_number, version, created_at, base_model, dataset_sha256, "
            + "example_count, example_ids, job_id, fine_tuned_model, notes, eval_base_model, eval_candidate_model, "
            + "eval_base_mean, eval_candidate_mean, eval_candidate_accuracy, eval_promote, evaluated_at, eval_report, "
            + "deployed_at";
    private static final String JOB_COLUMNS = "id, base_model, status, raw_status, terminal, created_at, finished_at, "
            + "trained_tokens, fine_tuned_model, estimated_finish, error_code, error_message, hyperparameters, method, "
            + "suffix, training_file_id, validation_file_id";
    private static final String UPSERT_JOB_PG = "INSERT INTO fine_tune_jobs (" + JOB_COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            + "base_model = EXCLUDED.base_model, status = EXCLUDED.status, raw_status = EXCLUDED.raw_status, "
            + "terminal = EXCLUDED.terminal, created_at = EXCLUDED.created_at, finished_at = EXCLUDED.finished_at, "
            + "trained_tokens = EXCLUDED.trained_tokens, fine_tuned_model = EXCLUDED.fine_tuned_model, "
            + "estimated_finish = EXCLUDED.estimated_finish, error_code = EXCLUDED.error_code, "
            + "error_message = EXCLUDED.error_message, hyperparameters = EXCLUDED.hyperparameters, "
            + "method = EXCLUDED.method, suffix = EXCLUDED.suffix, training_file_id = EXCLUDED.training_file_id, "
            + "validation_file_id = EXCLUDED.validation_file_id";
    private static final String UPSERT_JOB_H2 = "MERGE INTO fine_tune_jobs (" + JOB_COLUMNS + ") KEY (id) VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;

    JdbcModelRegistry(Database db) {
        this.db = db;
    }

    @Override
    public ModelVersion register(NewModelVersion draft) {
        Objects.requireNonNull(draft, "draft");
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction("register a model version", c -> insertNext(c, draft));
            } catch (NameTaken | dev.tuneloop.RetriableException taken) {
                // a concurrent registration took the name (or held its row past H2's lock timeout): try the next one
                if (attempt >= MAX_REGISTER_ATTEMPTS) {
                    throw new dev.tuneloop.RetriableException(
                            "could not register a model version after " + attempt
                                    + " attempts: other instances kept taking the next name",
                            taken);
                }
            }
        }
    }

    /** The next version name was taken by a concurrent registration; retried in a new transaction. */
    private static final class NameTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NameTaken(SQLException cause) {
            super("version name taken concurrently", cause, false, false);
        }
    }

    private ModelVersion insertNext(Connection c, NewModelVersion draft) throws SQLException {
        if (draft.jobId() != null) {
            Optional<ModelVersion> owner = queryVersion(c, "job_id = ?", draft.jobId());
            if (owner.isPresent()) {
                throw new ConflictException("job " + draft.jobId() + " already belongs to model version "
                        + owner.get().version());
            }
        }
        int next;
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT COALESCE(MAX(version_number), 0) + 1 FROM model_versions");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            next = rs.getInt(1);
        }
        ModelVersion v = new ModelVersion(
                ModelVersion.name(next),
                draft.createdAt(),
                draft.baseModel(),
                draft.dataset(),
                draft.jobId(),
                null,
                draft.notes(),
                null,
                null);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO model_versions (version_number, version, created_at, "
                        + "base_model, dataset_sha256, example_count, example_ids, job_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, next);
            ps.setString(2, v.version());
            Database.setInstant(ps, 3, v.createdAt());
            ps.setString(4, v.baseModel());
            ps.setString(5, v.dataset().contentSha256());
            ps.setInt(6, v.dataset().exampleCount());
            ps.setString(
                    7,
                    JsonColumns.strings(v.dataset().exampleIds().stream()
                            .map(ExampleId::toString)
                            .toList()));
            ps.setString(8, v.jobId());
            ps.setString(9, v.notes());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlExceptionTranslator.isUniqueViolation(e, JOB_CONSTRAINT)) {
                throw new ConflictException(
                        "job " + draft.jobId() + " already belongs to a model version " + "(registered concurrently)",
                        e);
            }
            if (SqlExceptionTranslator.isUniqueViolation(e, null)) {
                throw new NameTaken(e);
            }
            throw e;
        }
        return v;
    }

    @Override
    public List<ModelVersion> versions() {
        return db.inTransaction("list model versions", c -> {
            List<ModelVersion> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT " + VERSION_COLUMNS + " FROM model_versions ORDER BY version_number");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapVersion(rs));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Optional<ModelVersion> findVersion(String version) {
        Objects.requireNonNull(version, "version");
        Integer number = numberOrNull(version);
        if (number == null) {
            return Optional.empty();
        }
        return db.inTransaction("find model version " + version, c -> queryVersion(c, "version_number = ?", number));
    }

    @Override
    public Optional<ModelVersion> versionForJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return db.inTransaction("find the model version of job " + jobId, c -> queryVersion(c, "job_id = ?", jobId));
    }

    @Override
    public Optional<ModelVersion> deployed() {
        return db.inTransaction("find the deployed model version", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM model_versions "
                            + "WHERE deployed_at IS NOT NULL ORDER BY deployed_at DESC, version_number DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapVersion(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public void recordFineTunedModel(String version, String fineTunedModel) {
        Checks.start().text("fineTunedModel", fineTunedModel, true, 512).orThrow();
        db.inTransaction("record the fine-tuned model of version " + version, c -> {
            ModelVersion v = lockVersion(c, version);
            if (v.fineTunedModel() != null) {
                if (v.fineTunedModel().equals(fineTunedModel)) {
                    return null;
                }
                throw new ConflictException("model version " + version + " already has fine-tuned model "
                        + v.fineTunedModel() + " and cannot be given " + fineTunedModel);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE model_versions SET fine_tuned_model = ? WHERE version_number = ?")) {
                ps.setString(1, fineTunedModel);
                ps.setInt(2, v.number());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recordEvaluation(String version, EvaluationSummary e) {
        Objects.requireNonNull(e, "evaluation");
        db.inTransaction("record the evaluation of version " + version, c -> {
            ModelVersion v = lockVersion(c, version);
            try (PreparedStatement ps = c.prepareStatement("UPDATE model_versions SET eval_base_model = ?, "
                    + "eval_candidate_model = ?, eval_base_mean = ?, eval_candidate_mean = ?, eval_candidate_accuracy = ?, "
                    + "eval_promote = ?, evaluated_at = ?, eval_report = ? WHERE version_number = ?")) {
                ps.setString(1, e.baseModel());
                ps.setString(2, e.candidateModel());
                ps.setDouble(3, e.baseMeanScore());
                ps.setDouble(4, e.candidateMeanScore());
                ps.setDouble(5, e.candidateAccuracy());
                ps.setBoolean(6, e.promote());
                Database.setInstant(ps, 7, e.evaluatedAt());
                ps.setString(8, e.reportJson());
                ps.setInt(9, v.number());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void markDeployed(String version, Instant at) {
        Objects.requireNonNull(at, "at");
        db.inTransaction("mark version " + version + " deployed", c -> {
            ModelVersion v = lockVersion(c, version);
            if (v.fineTunedModel() == null) {
                throw new ConflictException("model version " + version + " has no fine-tuned model yet"
                        + (v.jobId() == null ? "" : " (job " + v.jobId() + ")") + " and cannot be deployed");
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE model_versions SET deployed_at = ? WHERE version_number = ?")) {
                Database.setInstant(ps, 1, at);
                ps.setInt(2, v.number());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void saveJob(FineTuneJob job) {
        Objects.requireNonNull(job, "job");
        db.inTransaction("save job " + job.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(db.isPostgres() ? UPSERT_JOB_PG : UPSERT_JOB_H2)) {
                ps.setString(1, job.id());
                ps.setString(2, job.baseModel());
                ps.setString(3, job.status().name());
                ps.setString(4, job.rawStatus());
                ps.setBoolean(5, job.isTerminal());
                Database.setInstant(ps, 6, job.createdAt());
                Database.setInstant(ps, 7, job.finishedAt());
                if (job.trainedTokens() == null) {
                    ps.setNull(8, Types.BIGINT);
                } else {
                    ps.setLong(8, job.trainedTokens());
                }
                ps.setString(9, job.fineTunedModel());
                Database.setInstant(ps, 10, job.estimatedFinish());
                ps.setString(11, job.errorCode());
                ps.setString(12, job.errorMessage());
                ps.setString(13, hyperparameters(job.hyperparameters()));
                ps.setString(14, job.method().name());
                ps.setString(15, job.suffix());
                ps.setString(16, job.trainingFileId());
                ps.setString(17, job.validationFileId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<FineTuneJob> findJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return db.inTransaction("find job " + jobId, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM fine_tune_jobs WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mapJob(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<FineTuneJob> activeJobs() {
        List<FineTuneJob> out = db.inTransaction("list active jobs", c -> {
            List<FineTuneJob> jobs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT " + JOB_COLUMNS + " FROM fine_tune_jobs WHERE terminal = FALSE");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(mapJob(rs));
                }
            }
            return jobs;
        });
        // sorted here, not in SQL: ids compare as Java strings whatever the database's collation
        out.sort(Comparator.comparing(FineTuneJob::createdAt).thenComparing(FineTuneJob::id));
        return List.copyOf(out);
    }

    private ModelVersion lockVersion(Connection c, String version) throws SQLException {
        Objects.requireNonNull(version, "version");
        Integer number = numberOrNull(version);
        Optional<ModelVersion> v =
                number == null ? Optional.empty() : queryVersion(c, "version_number = ? FOR UPDATE", number);
        return v.orElseThrow(() -> new NotFoundException("model version " + version + " does not exist"));
    }

    private static Integer numberOrNull(String version) {
        try {
            return ModelVersion.number(version);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Optional<ModelVersion> queryVersion(Connection c, String where, Object param) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE " + where)) {
            if (param instanceof Integer n) {
                ps.setInt(1, n);
            } else {
                ps.setString(1, (String) param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapVersion(rs)) : Optional.empty();
            }
        }
    }

    private static ModelVersion mapVersion(ResultSet rs) throws SQLException {
        List<ExampleId> ids = JsonColumns.strings(rs.getString("example_ids")).stream()
                .map(s -> new ExampleId(UUID.fromString(s)))
                .toList();
        EvaluationSummary evaluation = null;
        Instant evaluatedAt = Database.getInstant(rs, "evaluated_at");
        if (evaluatedAt != null) {
            evaluation = new EvaluationSummary(
                    rs.getString("eval_base_model"),
                    rs.getString("eval_candidate_model"),
                    rs.getDouble("eval_base_mean"),
                    rs.getDouble("eval_candidate_mean"),
                    rs.getDouble("eval_candidate_accuracy"),
                    rs.getBoolean("eval_promote"),
                    evaluatedAt,
                    rs.getString("eval_report"));
        }
        return new ModelVersion(
                rs.getString("version"),
                Database.getInstant(rs, "created_at"),
                rs.getString("base_model"),
                new DatasetSnapshot(rs.getString("dataset_sha256"), rs.getInt("example_count"), ids),
                rs.getString("job_id"),
                rs.getString("fine_tuned_model"),
                rs.getString("notes"),
                evaluation,
                Database.getInstant(rs, "deployed_at"));
    }

    private static FineTuneJob mapJob(ResultSet rs) throws SQLException {
        long tokens = rs.getLong("trained_tokens");
        Long trainedTokens = rs.wasNull() ? null : tokens;
        String raw = rs.getString("raw_status");
        return new FineTuneJob(
                rs.getString("id"),
                rs.getString("base_model"),
                JobStatus.fromWire(raw),
                raw,
                Database.getInstant(rs, "created_at"),
                Database.getInstant(rs, "finished_at"),
                trainedTokens,
                rs.getString("fine_tuned_model"),
                Database.getInstant(rs, "estimated_finish"),
                rs.getString("error_code"),
                rs.getString("error_message"),
                hyperparameters(rs.getString("hyperparameters")),
                FineTuneMethod.valueOf(rs.getString("method")),
                rs.getString("suffix"),
                rs.getString("training_file_id"),
                rs.getString("validation_file_id"));
    }

    static String hyperparameters(Hyperparameters h) {
        ObjectNode o = MAPPER.createObjectNode();
        put(o, "n_epochs", h.nEpochs());
        put(o, "batch_size", h.batchSize());
        put(o, "learning_rate_multiplier", h.learningRateMultiplier());
        put(o, "beta", h.beta());
        return o.toString();
    }

    private static void put(ObjectNode o, String name, HyperValue v) {
        if (v.auto()) {
            o.put(name, "auto");
        } else {
            o.put(name, v.number());
        }
    }

    static Hyperparameters hyperparameters(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return new Hyperparameters(
                    value(n.get("n_epochs")),
                    value(n.get("batch_size")),
                    value(n.get("learning_rate_multiplier")),
                    value(n.get("beta")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TuneloopException("stored hyperparameters are not valid JSON", e);
        }
    }

    private static HyperValue value(JsonNode n) {
        return n == null || n.isTextual() ? HyperValue.AUTO : HyperValue.of(n.asDouble());
    }

    @Override
    public String toString() {
        return "JdbcModelRegistry[" + db.dialect() + "]";
    }
}
