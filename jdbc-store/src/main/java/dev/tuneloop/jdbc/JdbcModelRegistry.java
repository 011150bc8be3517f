package dev.tuneloop.jdbc;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.eval.EvaluationErasure;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.NewModelVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link ModelRegistry} on {@code model_versions}.
 *
 * <p>Version names come from {@code MAX(version_number) + 1}; two instances registering at once race on the primary
 * key, and the loser retries in a new transaction, so names stay consecutive without gaps or duplicates. A job
 * belongs to at most one version ({@code model_versions_job_uq}). Changes to a version lock its row. Thread-safe.
 */
final class JdbcModelRegistry implements ModelRegistry {
    static final String JOB_CONSTRAINT = "model_versions_job_uq";
    private static final int MAX_REGISTER_ATTEMPTS = 50;
    private static final String VERSION_COLUMNS = "version_number, version, created_at, base_model, dataset_sha256, "
            + "example_count, example_ids, job_id, fine_tuned_model, notes, eval_base_model, eval_candidate_model, "
            + "eval_base_mean, eval_candidate_mean, eval_candidate_accuracy, eval_promote, evaluated_at, eval_report, "
            + "deployed_at, eval_amended, provider, parent_version, weights_uri";

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
            } catch (NameTaken | dev.tuneloop.errors.RetriableException taken) {
                // a concurrent registration took the name (or held its row past H2's lock timeout): try the next one
                if (attempt >= MAX_REGISTER_ATTEMPTS) {
                    throw new dev.tuneloop.errors.RetriableException(
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
        String parent = draft.parentVersion();
        if (parent != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM model_versions WHERE version_number = ?")) {
                ps.setInt(1, ModelVersion.number(parent));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("parentVersion " + parent + " does not exist");
                    }
                }
            }
        }
        ModelVersion v = ModelVersion.builder(
                        ModelVersion.name(next), draft.createdAt(), draft.baseModel(), draft.dataset())
                .jobId(draft.jobId())
                .notes(draft.notes())
                .provider(draft.provider())
                .parentVersion(parent)
                .build();
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO model_versions (version_number, version, created_at, "
                        + "base_model, dataset_sha256, example_count, example_ids, job_id, notes, provider, parent_version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            ps.setString(10, v.provider());
            ps.setString(11, v.parentVersion());
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
        db.run("record the fine-tuned model of version " + version, c -> {
            ModelVersion v = lockVersion(c, version);
            if (v.fineTunedModel() != null) {
                if (v.fineTunedModel().equals(fineTunedModel)) {
                    return;
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
        });
    }

    @Override
    public void recordWeights(String version, String weightsUri) {
        Checks.start().text("weightsUri", weightsUri, true, 2048).orThrow();
        db.run("record where the weights of version " + version + " download from", c -> {
            ModelVersion v = lockVersion(c, version);
            if (weightsUri.equals(v.weightsUri())) {
                return;
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE model_versions SET weights_uri = ? WHERE version_number = ?")) {
                ps.setString(1, weightsUri);
                ps.setInt(2, v.number());
                ps.executeUpdate();
            }
        });
    }

    @Override
    public void recordEvaluation(String version, EvaluationSummary e) {
        Objects.requireNonNull(e, "evaluation");
        db.run("record the evaluation of version " + version, c -> {
            ModelVersion v = lockVersion(c, version);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE model_versions SET eval_base_model = ?, "
                            + "eval_candidate_model = ?, eval_base_mean = ?, eval_candidate_mean = ?, eval_candidate_accuracy = ?, "
                            + "eval_promote = ?, evaluated_at = ?, eval_report = ?, eval_amended = ? WHERE version_number = ?")) {
                ps.setString(1, e.baseModel());
                ps.setString(2, e.candidateModel());
                ps.setDouble(3, e.baseMeanScore());
                ps.setDouble(4, e.candidateMeanScore());
                ps.setDouble(5, e.candidateAccuracy());
                ps.setBoolean(6, e.promote());
                Database.setInstant(ps, 7, e.evaluatedAt());
                ps.setString(8, e.reportJson());
                ps.setBoolean(9, e.amended());
                ps.setInt(10, v.number());
                ps.executeUpdate();
            }
        });
    }

    @Override
    public void markDeployed(String version, Instant at) {
        Objects.requireNonNull(at, "at");
        db.run("mark version " + version + " deployed", c -> {
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
        });
    }

    /**
     * Redacts the cases of erased examples in every evaluation report, inside the caller's transaction (the one that
     * deletes the examples), locking the rows it reads.
     *
     * @return {cases redacted, reports amended}
     */
    static int[] eraseCases(Connection c, List<ExampleId> exampleIds) throws SQLException {
        int[] counts = new int[2];
        if (exampleIds.isEmpty()) {
            return counts;
        }
        List<String> caseIds = exampleIds.stream().map(ExampleId::toString).toList();
        List<ModelVersion> evaluated = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                        + " FROM model_versions WHERE evaluated_at IS NOT NULL ORDER BY version_number FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                evaluated.add(mapVersion(rs));
            }
        }
        for (ModelVersion v : evaluated) {
            EvaluationSummary e = Objects.requireNonNull(v.evaluation(), "selected with an evaluation");
            Optional<EvaluationErasure> amended = EvaluationErasure.redact(e, caseIds);
            if (amended.isEmpty()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE model_versions SET eval_report = ?, eval_amended = ? WHERE version_number = ?")) {
                ps.setString(1, amended.get().summary().reportJson());
                ps.setBoolean(2, true);
                ps.setInt(3, v.number());
                ps.executeUpdate();
            }
            counts[0] += amended.get().erasedCases();
            counts[1]++;
        }
        return counts;
    }

    private ModelVersion lockVersion(Connection c, String version) throws SQLException {
        Objects.requireNonNull(version, "version");
        Integer number = numberOrNull(version);
        Optional<ModelVersion> v =
                number == null ? Optional.empty() : queryVersion(c, "version_number = ? FOR UPDATE", number);
        return v.orElseThrow(() -> new NotFoundException("model version " + version + " does not exist"));
    }

    private static @Nullable Integer numberOrNull(String version) {
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
            evaluation = EvaluationSummary.builder(
                            rs.getString("eval_base_model"), rs.getString("eval_candidate_model"), evaluatedAt)
                    .meanScores(rs.getDouble("eval_base_mean"), rs.getDouble("eval_candidate_mean"))
                    .candidateAccuracy(rs.getDouble("eval_candidate_accuracy"))
                    .promote(rs.getBoolean("eval_promote"))
                    .reportJson(rs.getString("eval_report"))
                    .amended(rs.getBoolean("eval_amended"))
                    .build();
        }
        return ModelVersion.builder(
                        rs.getString("version"),
                        Database.getRequiredInstant(rs, "created_at"),
                        rs.getString("base_model"),
                        new DatasetSnapshot(rs.getString("dataset_sha256"), rs.getInt("example_count"), ids))
                .jobId(rs.getString("job_id"))
                .fineTunedModel(rs.getString("fine_tuned_model"))
                .notes(rs.getString("notes"))
                .evaluation(evaluation)
                .deployedAt(Database.getInstant(rs, "deployed_at"))
                .provider(rs.getString("provider"))
                .parentVersion(rs.getString("parent_version"))
                .weightsUri(rs.getString("weights_uri"))
                .build();
    }

    @Override
    public String toString() {
        return "JdbcModelRegistry[" + db.dialect() + "]";
    }
}
