package dev.tuneloop.jdbc;

import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.BlindDecision;
import dev.tuneloop.curate.BlindReviewStore;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Settlement;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.InteractionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@link BlindReviewStore} on {@code blind_reviews} and {@code blind_review_settlements}.
 *
 * <p>An add locks the interaction's row ({@code SELECT ... FOR UPDATE}), so adders of one candidate queue behind each
 * other in any number of processes and each sees the decisions committed before it; the primary key
 * {@code (interaction_id, slot)} with {@code slot} 1 or 2 and the unique key {@code (interaction_id, reviewer)} are the
 * guarantee beneath (a violation is a {@link ConflictException}).
 */
final class JdbcBlindReviewStore implements BlindReviewStore {
    private static final String COLUMNS = "b.interaction_id, b.slot, b.reviewer, b.approved, b.category, b.quality,"
            + " b.improved_response, b.note, b.reviewed_at";
    private static final String LOCK = "SELECT l.id FROM interaction_logs l WHERE l.id = ? FOR UPDATE";
    private static final String REVIEWED = "SELECT e.id FROM training_examples e WHERE e.source_interaction_id = ?";
    private static final String OF_ONE =
            "SELECT " + COLUMNS + " FROM blind_reviews b WHERE b.interaction_id = ?" + " ORDER BY b.slot";
    private static final String INSERT =
            "INSERT INTO blind_reviews (interaction_id, slot, reviewer, approved, category,"
                    + " quality, improved_response, note, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String OPEN = "SELECT " + COLUMNS + " FROM blind_reviews b"
            + " WHERE EXISTS (SELECT 1 FROM interaction_logs l WHERE l.id = b.interaction_id)"
            + " AND NOT EXISTS (SELECT 1 FROM training_examples e WHERE e.source_interaction_id = b.interaction_id)"
            + " ORDER BY b.interaction_id, b.slot";
    private static final String ALL = "SELECT " + COLUMNS + " FROM blind_reviews b ORDER BY b.interaction_id, b.slot";
    private static final String SETTLEMENT_COLUMNS =
            "s.interaction_id, s.settled_by, s.approved, s.reason," + " s.settled_at";
    private static final String SETTLEMENT_OF_ONE =
            "SELECT " + SETTLEMENT_COLUMNS + " FROM blind_review_settlements s WHERE s.interaction_id = ?";
    private static final String SETTLEMENTS_OPEN = "SELECT " + SETTLEMENT_COLUMNS + " FROM blind_review_settlements s"
            + " WHERE NOT EXISTS (SELECT 1 FROM training_examples e WHERE e.source_interaction_id = s.interaction_id)";
    private static final String SETTLEMENTS_ALL = "SELECT " + SETTLEMENT_COLUMNS + " FROM blind_review_settlements s";
    private static final String SETTLE = "INSERT INTO blind_review_settlements (interaction_id, settled_by, approved,"
            + " reason, settled_at) VALUES (?, ?, ?, ?, ?)";

    private final Database db;

    JdbcBlindReviewStore(Database db) {
        this.db = db;
    }

    @Override
    public BlindCase add(BlindDecision decision) {
        InteractionId id = decision.interactionId();
        return db.inTransaction("add a blind review", c -> {
            try (PreparedStatement ps = c.prepareStatement(LOCK)) {
                Database.setUuid(ps, 1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException(
                                "interaction " + id + " does not exist (never recorded, or its user was erased)");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(REVIEWED)) {
                Database.setUuid(ps, 1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new ConflictException("interaction " + id + " has already been reviewed (example "
                                + Database.getUuid(rs, "id") + ")");
                    }
                }
            }
            List<BlindDecision> existing = decisions(c, id);
            BlindReviewStore.checkAddable(id, decision.reviewer(), existing);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                Database.setUuid(ps, 1, id.value());
                ps.setInt(2, existing.size() + 1);
                ps.setString(3, decision.reviewer());
                ps.setBoolean(4, decision.approved());
                Category cat = decision.category();
                ps.setString(5, cat == null ? null : cat.name());
                QualityScore q = decision.quality();
                Database.setNullableInt(ps, 6, q == null ? null : q.value());
                ps.setString(7, decision.improvedResponse());
                ps.setString(8, decision.note());
                Database.setInstant(ps, 9, decision.reviewedAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlExceptionTranslator.isUniqueViolation(e, null)) {
                    throw new ConflictException(
                            "interaction " + id + " got another blind review by '" + decision.reviewer()
                                    + "' or a second one at the same moment",
                            e);
                }
                throw e;
            }
            return new BlindCase(id, decisions(c, id), settlement(c, id));
        });
    }

    @Override
    public List<BlindCase> open() {
        return db.read("list open blind reviews", c -> cases(c, OPEN, SETTLEMENTS_OPEN));
    }

    @Override
    public BlindCase settle(Settlement settlement) {
        InteractionId id = settlement.interactionId();
        return db.inTransaction("settle a blind review", c -> {
            List<BlindDecision> existing = decisions(c, id);
            BlindReviewStore.checkSettleable(id, existing.size(), settlement(c, id));
            try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
                Database.setUuid(ps, 1, id.value());
                ps.setString(2, settlement.settledBy());
                ps.setBoolean(3, settlement.approved());
                ps.setString(4, settlement.reason());
                Database.setInstant(ps, 5, settlement.settledAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlExceptionTranslator.isUniqueViolation(e, null)) {
                    throw new ConflictException("interaction " + id + " was settled by someone else meanwhile", e);
                }
                throw e;
            }
            return new BlindCase(id, existing, settlement(c, id));
        });
    }

    @Override
    public void scan(Consumer<BlindCase> sink) {
        db.read("scan blind reviews", c -> cases(c, ALL, SETTLEMENTS_ALL)).forEach(sink);
    }

    @Override
    public Optional<BlindCase> find(InteractionId interactionId) {
        return db.read("find a blind review", c -> {
            List<BlindDecision> ds = decisions(c, interactionId);
            return ds.isEmpty()
                    ? Optional.<BlindCase>empty()
                    : Optional.of(new BlindCase(interactionId, ds, settlement(c, interactionId)));
        });
    }

    private static List<BlindDecision> decisions(Connection c, InteractionId id) throws SQLException {
        List<BlindDecision> out = new ArrayList<>(2);
        try (PreparedStatement ps = c.prepareStatement(OF_ONE)) {
            Database.setUuid(ps, 1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(decision(rs));
                }
            }
        }
        return out;
    }

    private static @Nullable Settlement settlement(Connection c, InteractionId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SETTLEMENT_OF_ONE)) {
            Database.setUuid(ps, 1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? settlementRow(rs) : null;
            }
        }
    }

    private static List<BlindCase> cases(Connection c, String decisionsSql, String settlementsSql) throws SQLException {
        Map<UUID, List<BlindDecision>> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(decisionsSql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                BlindDecision d = decision(rs);
                byId.computeIfAbsent(d.interactionId().value(), k -> new ArrayList<>(2))
                        .add(d);
            }
        }
        Map<UUID, Settlement> settled = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(settlementsSql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Settlement s = settlementRow(rs);
                settled.put(s.interactionId().value(), s);
            }
        }
        List<BlindCase> out = new ArrayList<>(byId.size());
        byId.forEach((id, ds) -> out.add(new BlindCase(InteractionId.of(id), ds, settled.get(id))));
        out.sort(Comparator.comparing((BlindCase x) -> x.decisions().get(0).reviewedAt())
                .thenComparing(BlindCase::interactionId));
        return out;
    }

    private static BlindDecision decision(ResultSet rs) throws SQLException {
        String category = rs.getString("category");
        Integer quality = Database.getNullableInt(rs, "quality");
        return new BlindDecision(
                InteractionId.of(Database.getUuid(rs, "interaction_id")),
                rs.getString("reviewer"),
                rs.getBoolean("approved"),
                category == null ? null : Category.of(category),
                quality == null ? null : QualityScore.of(quality),
                rs.getString("improved_response"),
                rs.getString("note"),
                Database.getRequiredInstant(rs, "reviewed_at"));
    }

    private static Settlement settlementRow(ResultSet rs) throws SQLException {
        return new Settlement(
                InteractionId.of(Database.getUuid(rs, "interaction_id")),
                rs.getString("settled_by"),
                rs.getBoolean("approved"),
                rs.getString("reason"),
                Database.getRequiredInstant(rs, "settled_at"));
    }

    @Override
    public String toString() {
        return "JdbcBlindReviewStore[" + db + "]";
    }
}
