package dev.tuneloop.jdbc;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.ImportProvenance;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.InteractionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link ExampleStore} on {@code training_examples} and {@code example_revisions}.
 *
 * <p>Exactly one example per source interaction is guaranteed by the unique constraint
 * {@code training_examples_source_uq}: two reviewers approving the same interaction from two connections at once both
 * insert, the database makes the second wait and then fail, and it gets a {@link ConflictException}. Updates lock the
 * row and check the version (optimistic by version, safe under concurrency). Thread-safe.
 */
final class JdbcExampleStore implements ExampleStore {
    static final String SOURCE_CONSTRAINT = "training_examples_source_uq";
    private static final int FETCH_SIZE = 500;
    private static final String COLUMNS = "id, source_interaction_id, user_id, status, split, interaction_created_at, "
            + "system_prompt, prior_turns, user_message, retrieved_context, original_response, user_edited_response, "
            + "improved_response, model_used, category, quality, reviewer, notes, reject_reason, created_at, reviewed_at, "
            + "version, steps, tools, imported_by, import_source, import_line, user_message_parts";
    private static final String INSERT = "INSERT INTO training_examples (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE training_examples SET id = ?, source_interaction_id = ?, user_id = ?, "
            + "status = ?, split = ?, interaction_created_at = ?, system_prompt = ?, prior_turns = ?, user_message = ?, "
            + "retrieved_context = ?, original_response = ?, user_edited_response = ?, improved_response = ?, "
            + "model_used = ?, category = ?, quality = ?, reviewer = ?, notes = ?, reject_reason = ?, created_at = ?, "
            + "reviewed_at = ?, version = ?, steps = ?, tools = ?, imported_by = ?, import_source = ?, import_line = ?, "
            + "user_message_parts = ? WHERE id = ? AND version = ?";
    private static final String INSERT_REVISION = "INSERT INTO example_revisions "
            + "(example_id, version, revised_at, reviewer, changed_fields, note) VALUES (?, ?, ?, ?, ?, ?)";

    private final Database db;

    JdbcExampleStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(TrainingExample example, ExampleRevision revision) {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(revision, "revision");
        if (example.version() == 1) {
            insertNew(example, revision);
        } else {
            updateExisting(example, revision);
        }
    }

    @Override
    public void insertAll(List<TrainingExample> examples, List<ExampleRevision> revisions) {
        ExampleStore.checkBatch(examples, revisions);
        if (examples.isEmpty()) {
            return;
        }
        // one transaction: Database rolls back on any failure, so a batch is stored whole or not at all
        db.run("insert " + examples.size() + " examples", c -> {
            for (int i = 0; i < examples.size(); i++) {
                insertNew(c, examples.get(i), revisions.get(i));
            }
        });
    }

    private void insertNew(TrainingExample example, ExampleRevision revision) {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(revision, "revision");
        db.run("insert example " + example.id(), c -> insertNew(c, example, revision));
    }

    private void insertNew(Connection c, TrainingExample example, ExampleRevision revision) throws SQLException {
        Optional<UUID> existing = idBySource(c, example.sourceInteractionId());
        if (existing.isPresent()) {
            throw new ConflictException("interaction " + example.sourceInteractionId()
                    + " has already been reviewed (example " + existing.get() + ")");
        }
        if (exists(c, example.id())) {
            throw new ConflictException("example " + example.id() + " already exists");
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, example);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlExceptionTranslator.isUniqueViolation(e, SOURCE_CONSTRAINT)) {
                throw new ConflictException(
                        "interaction " + example.sourceInteractionId()
                                + " has already been reviewed (by a concurrent review)",
                        e);
            }
            if (SqlExceptionTranslator.isUniqueViolation(e, null)) {
                throw new ConflictException("example " + example.id() + " already exists", e);
            }
            throw e;
        }
        insertRevision(c, revision);
    }

    private void updateExisting(TrainingExample example, ExampleRevision revision) {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(revision, "revision");
        db.run("update example " + example.id(), c -> {
            int stored;
            UUID storedSource;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, source_interaction_id FROM training_examples WHERE id = ? FOR UPDATE")) {
                Database.setUuid(ps, 1, example.id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("example " + example.id() + " does not exist");
                    }
                    stored = rs.getInt("version");
                    storedSource = Database.getUuid(rs, "source_interaction_id");
                }
            }
            if (stored != example.version() - 1) {
                throw new ConflictException("example " + example.id() + " is at version " + stored
                        + ", but the update expected version " + (example.version() - 1));
            }
            if (!storedSource.equals(example.sourceInteractionId().value())) {
                throw new ConflictException("example " + example.id() + " cannot change its source interaction");
            }
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                bind(ps, example);
                Database.setUuid(ps, 29, example.id().value());
                ps.setInt(30, stored);
                if (ps.executeUpdate() != 1) {
                    throw new ConflictException("example " + example.id() + " changed during the update; retry");
                }
            }
            insertRevision(c, revision);
        });
    }

    @Override
    public Optional<TrainingExample> find(ExampleId id) {
        Objects.requireNonNull(id, "id");
        return findOne("find example " + id, "id", id.value());
    }

    @Override
    public Optional<TrainingExample> findBySource(InteractionId sourceInteractionId) {
        Objects.requireNonNull(sourceInteractionId, "sourceInteractionId");
        return findOne(
                "find the example of interaction " + sourceInteractionId,
                "source_interaction_id",
                sourceInteractionId.value());
    }

    private Optional<TrainingExample> findOne(String op, String column, UUID value) {
        return db.inTransaction(op, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM training_examples WHERE " + column + " = ?")) {
                Database.setUuid(ps, 1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void scan(ExampleQuery q, Consumer<TrainingExample> sink) {
        Objects.requireNonNull(q, "query");
        Objects.requireNonNull(sink, "sink");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM training_examples WHERE 1 = 1");
        List<CandidateSql.Binder> b = new ArrayList<>();
        if (!q.statuses().isEmpty()) {
            sql.append(" AND status = ANY(?)");
            List<String> names = q.statuses().stream().map(Enum::name).toList();
            b.add((d, c, ps, i) -> ps.setArray(i, d.textArray(c, names)));
        }
        Split split = q.split();
        if (split != null) {
            sql.append(" AND split = ?");
            b.add((d, c, ps, i) -> ps.setString(i, split.name()));
        }
        if (q.minQuality() > 1) {
            sql.append(" AND quality >= ?");
            b.add((d, c, ps, i) -> ps.setInt(i, q.minQuality()));
        }
        if (!q.categories().isEmpty()) {
            sql.append(" AND category = ANY(?)");
            List<String> names = q.categories().stream().map(Category::name).toList();
            b.add((d, c, ps, i) -> ps.setArray(i, d.textArray(c, names)));
        }
        Instant from = q.reviewedFrom();
        if (from != null) {
            sql.append(" AND reviewed_at >= ?");
            b.add((d, c, ps, i) -> Database.setCeilingBound(ps, i, from));
        }
        Instant until = q.reviewedUntil();
        if (until != null) {
            sql.append(" AND reviewed_at < ?");
            b.add((d, c, ps, i) -> Database.setCeilingBound(ps, i, until));
        }
        sql.append(" ORDER BY id");
        if (q.limit() != Integer.MAX_VALUE) {
            sql.append(" LIMIT ?");
            b.add((d, c, ps, i) -> ps.setInt(i, q.limit()));
        }
        db.run("scan examples", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int k = 0; k < b.size(); k++) {
                    b.get(k).bind(db, c, ps, k + 1);
                }
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(map(rs));
                    }
                }
            }
        });
    }

    @Override
    public List<ExampleRevision> history(ExampleId id) {
        Objects.requireNonNull(id, "id");
        return db.inTransaction("read the history of example " + id, c -> {
            List<ExampleRevision> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT example_id, version, revised_at, reviewer, "
                    + "changed_fields, note FROM example_revisions WHERE example_id = ? ORDER BY revision_id")) {
                Database.setUuid(ps, 1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ExampleRevision(
                                new ExampleId(Database.getUuid(rs, "example_id")),
                                rs.getInt("version"),
                                Database.getRequiredInstant(rs, "revised_at"),
                                rs.getString("reviewer"),
                                JsonColumns.strings(rs.getString("changed_fields")),
                                rs.getString("note")));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    private Optional<UUID> idBySource(Connection c, InteractionId source) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id FROM training_examples WHERE source_interaction_id = ?")) {
            Database.setUuid(ps, 1, source.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Database.getUuid(rs, "id")) : Optional.empty();
            }
        }
    }

    private boolean exists(Connection c, ExampleId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM training_examples WHERE id = ?")) {
            Database.setUuid(ps, 1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertRevision(Connection c, ExampleRevision r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_REVISION)) {
            Database.setUuid(ps, 1, r.exampleId().value());
            ps.setInt(2, r.version());
            Database.setInstant(ps, 3, r.at());
            ps.setString(4, r.reviewer());
            ps.setString(5, JsonColumns.strings(r.changedFields()));
            ps.setString(6, r.note());
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, TrainingExample e) throws SQLException {
        Database.setUuid(ps, 1, e.id().value());
        Database.setUuid(ps, 2, e.sourceInteractionId().value());
        ps.setString(3, e.userId());
        ps.setString(4, e.status().name());
        ps.setString(5, e.split().name());
        Database.setInstant(ps, 6, e.interactionCreatedAt());
        ps.setString(7, e.systemPrompt());
        ps.setString(8, JsonColumns.turns(e.priorTurns()));
        ps.setString(9, e.userMessage());
        ps.setString(10, JsonColumns.documents(e.retrievedContext()));
        ps.setString(11, e.originalResponse());
        ps.setString(12, e.userEditedResponse());
        ps.setString(13, e.improvedResponse());
        ps.setString(14, e.modelUsed());
        ps.setString(15, e.category() == null ? null : e.category().name());
        if (e.quality() == null) {
            ps.setNull(16, Types.SMALLINT);
        } else {
            ps.setShort(16, (short) e.quality().value());
        }
        ps.setString(17, e.reviewer());
        ps.setString(18, e.notes());
        ps.setString(19, e.rejectReason());
        Database.setInstant(ps, 20, e.createdAt());
        Database.setInstant(ps, 21, e.reviewedAt());
        ps.setInt(22, e.version());
        ps.setString(23, JsonColumns.turns(e.steps()));
        ps.setString(24, JsonColumns.tools(e.tools()));
        ImportProvenance p = e.provenance();
        ps.setString(25, p == null ? null : p.importedBy());
        ps.setString(26, p == null ? null : p.sourceName());
        if (p == null) {
            ps.setNull(27, Types.BIGINT);
        } else {
            ps.setLong(27, p.sourceLine());
        }
        ps.setString(28, JsonColumns.parts(e.userMessageParts()));
    }

    private static TrainingExample map(ResultSet rs) throws SQLException {
        String category = rs.getString("category");
        Integer quality = Database.getNullableInt(rs, "quality");
        String importedBy = rs.getString("imported_by");
        ImportProvenance provenance = importedBy == null
                ? null
                : new ImportProvenance(importedBy, rs.getString("import_source"), rs.getLong("import_line"));
        return TrainingExample.builder(
                        new ExampleId(Database.getUuid(rs, "id")),
                        InteractionId.of(Database.getUuid(rs, "source_interaction_id")),
                        ExampleStatus.valueOf(rs.getString("status")),
                        Split.valueOf(rs.getString("split")))
                .userId(rs.getString("user_id"))
                .interactionCreatedAt(Database.getRequiredInstant(rs, "interaction_created_at"))
                .systemPrompt(rs.getString("system_prompt"))
                .priorTurns(JsonColumns.turns(rs.getString("prior_turns")))
                .userMessage(rs.getString("user_message"))
                .retrievedContext(JsonColumns.documents(rs.getString("retrieved_context")))
                .originalResponse(rs.getString("original_response"))
                .userEditedResponse(rs.getString("user_edited_response"))
                .improvedResponse(rs.getString("improved_response"))
                .modelUsed(rs.getString("model_used"))
                .category(category == null ? null : Category.of(category))
                .quality(quality == null ? null : QualityScore.of(quality))
                .reviewer(rs.getString("reviewer"))
                .notes(rs.getString("notes"))
                .rejectReason(rs.getString("reject_reason"))
                .createdAt(Database.getRequiredInstant(rs, "created_at"))
                .reviewedAt(Database.getRequiredInstant(rs, "reviewed_at"))
                .version(rs.getInt("version"))
                .steps(JsonColumns.turns(rs.getString("steps")))
                .tools(JsonColumns.tools(rs.getString("tools")))
                .provenance(provenance)
                .userMessageParts(JsonColumns.parts(rs.getString("user_message_parts")))
                .build();
    }

    @Override
    public String toString() {
        return "JdbcExampleStore[" + db.dialect() + "]";
    }
}
