package dev.tuneloop.jdbc;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.PreferencePair;
import dev.tuneloop.curate.PreferencePairStore;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.InteractionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@link PreferencePairStore} on {@code preference_pairs} (migration V11): one row per pair, the unique key
 * {@code (example_id, rejected_interaction_id)} refusing a second mark of the same two, also between instances.
 */
final class JdbcPreferencePairStore implements PreferencePairStore {
    static final String PAIR_CONSTRAINT = "preference_pairs_example_rejected_uq";
    private static final String COLUMNS = "id, example_id, user_id, rejected_interaction_id, rejected_user_id, chosen,"
            + " rejected, marked_by, note, marked_at";
    private static final String INSERT =
            "INSERT INTO preference_pairs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ORDER = " ORDER BY marked_at, id";
    private static final String FIND = "SELECT " + COLUMNS + " FROM preference_pairs WHERE id = ?";
    private static final String FOR_EXAMPLE =
            "SELECT " + COLUMNS + " FROM preference_pairs WHERE example_id = ?" + ORDER;
    private static final String ALL = "SELECT " + COLUMNS + " FROM preference_pairs" + ORDER;

    private final Database db;

    JdbcPreferencePairStore(Database db) {
        this.db = db;
    }

    @Override
    public void add(PreferencePair p) {
        db.run("add a preference pair", c -> {
            if (!exists(
                    c,
                    "SELECT 1 FROM training_examples WHERE id = ?",
                    p.exampleId().value())) {
                throw new NotFoundException("example " + p.exampleId() + " does not exist");
            }
            if (!exists(
                    c,
                    "SELECT 1 FROM interaction_logs WHERE id = ?",
                    p.rejectedInteractionId().value())) {
                throw new NotFoundException("interaction " + p.rejectedInteractionId()
                        + " does not exist (never recorded, or its user was erased)");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM preference_pairs WHERE example_id = ? AND rejected_interaction_id = ?")) {
                Database.setUuid(ps, 1, p.exampleId().value());
                Database.setUuid(ps, 2, p.rejectedInteractionId().value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw alreadyPaired(p, Database.getUuid(rs, "id").toString(), null);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                Database.setUuid(ps, 1, p.id());
                Database.setUuid(ps, 2, p.exampleId().value());
                ps.setString(3, p.userId());
                Database.setUuid(ps, 4, p.rejectedInteractionId().value());
                ps.setString(5, p.rejectedUserId());
                ps.setString(6, p.chosen());
                ps.setString(7, p.rejected());
                ps.setString(8, p.markedBy());
                ps.setString(9, p.note());
                Database.setInstant(ps, 10, p.markedAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlExceptionTranslator.isUniqueViolation(e, PAIR_CONSTRAINT)) {
                    throw alreadyPaired(p, "marked at the same moment", e);
                }
                if (SqlExceptionTranslator.isUniqueViolation(e, null)) {
                    throw new ConflictException("preference pair " + p.id() + " already exists", e);
                }
                throw e;
            }
        });
    }

    private static ConflictException alreadyPaired(PreferencePair p, String other, @Nullable SQLException cause) {
        return new ConflictException(
                "example " + p.exampleId() + " is already paired with interaction " + p.rejectedInteractionId()
                        + " (pair " + other + ")",
                cause);
    }

    private static boolean exists(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.setUuid(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public Optional<PreferencePair> find(UUID id) {
        return db.read("find a preference pair", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                Database.setUuid(ps, 1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<PreferencePair>empty();
                }
            }
        });
    }

    @Override
    public List<PreferencePair> forExample(ExampleId exampleId) {
        return db.read("list an example's preference pairs", c -> {
            List<PreferencePair> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FOR_EXAMPLE)) {
                Database.setUuid(ps, 1, exampleId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean remove(UUID id) {
        return db.inTransaction("remove a preference pair", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM preference_pairs WHERE id = ?")) {
                Database.setUuid(ps, 1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void scan(Consumer<PreferencePair> sink) {
        db.read("scan preference pairs", c -> {
                    List<PreferencePair> out = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(ALL);
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(row(rs));
                        }
                    }
                    return out;
                })
                .forEach(sink);
    }

    private static PreferencePair row(ResultSet rs) throws SQLException {
        return new PreferencePair(
                Database.getUuid(rs, "id"),
                new ExampleId(Database.getUuid(rs, "example_id")),
                rs.getString("user_id"),
                InteractionId.of(Database.getUuid(rs, "rejected_interaction_id")),
                rs.getString("rejected_user_id"),
                rs.getString("chosen"),
                rs.getString("rejected"),
                rs.getString("marked_by"),
                rs.getString("note"),
                Database.getRequiredInstant(rs, "marked_at"));
    }

    @Override
    public String toString() {
        return "JdbcPreferencePairStore[" + db + "]";
    }
}
