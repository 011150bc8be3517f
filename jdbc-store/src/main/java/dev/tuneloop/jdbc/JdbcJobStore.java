package dev.tuneloop.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.HyperValue;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link JobStore} on {@code fine_tune_jobs}: one upsert per save (last write wins). Thread-safe. */
final class JdbcJobStore implements JobStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
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

    JdbcJobStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(FineTuneJob job) {
        Objects.requireNonNull(job, "job");
        db.run("save job " + job.id(), c -> {
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
        });
    }

    @Override
    public Optional<FineTuneJob> find(String jobId) {
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
    public List<FineTuneJob> active() {
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

    private static FineTuneJob mapJob(ResultSet rs) throws SQLException {
        long tokens = rs.getLong("trained_tokens");
        Long trainedTokens = rs.wasNull() ? null : tokens;
        return FineTuneJob.builder(
                        rs.getString("id"),
                        rs.getString("base_model"),
                        rs.getString("raw_status"),
                        Database.getRequiredInstant(rs, "created_at"),
                        rs.getString("training_file_id"))
                .finishedAt(Database.getInstant(rs, "finished_at"))
                .trainedTokens(trainedTokens)
                .fineTunedModel(rs.getString("fine_tuned_model"))
                .estimatedFinish(Database.getInstant(rs, "estimated_finish"))
                .error(rs.getString("error_code"), rs.getString("error_message"))
                .hyperparameters(hyperparameters(rs.getString("hyperparameters")))
                .method(FineTuneMethod.valueOf(rs.getString("method")))
                .suffix(rs.getString("suffix"))
                .validationFileId(rs.getString("validation_file_id"))
                .build();
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

    private static HyperValue value(@Nullable JsonNode n) {
        return n == null || n.isTextual() ? HyperValue.AUTO : HyperValue.of(n.asDouble());
    }

    @Override
    public String toString() {
        return "JdbcJobStore[" + db.dialect() + "]";
    }
}
