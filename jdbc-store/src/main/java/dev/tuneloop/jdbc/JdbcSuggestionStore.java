package dev.tuneloop.jdbc;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.InteractionId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link SuggestionStore} on {@code review_suggestions}: one row per interaction, replaced by an upsert. */
final class JdbcSuggestionStore implements SuggestionStore {
    private static final String COLUMNS =
            "interaction_id, cache_key, model, category, quality, reason, improved_response, created_at";
    private static final String EXISTS = "SELECT 1 FROM interaction_logs WHERE id = ?";
    private static final String UPSERT_PG = "INSERT INTO review_suggestions (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (interaction_id) DO UPDATE SET"
            + " cache_key = EXCLUDED.cache_key, model = EXCLUDED.model, category = EXCLUDED.category,"
            + " quality = EXCLUDED.quality, reason = EXCLUDED.reason, improved_response = EXCLUDED.improved_response,"
            + " created_at = EXCLUDED.created_at";
    private static final String UPSERT_H2 =
            "MERGE INTO review_suggestions (" + COLUMNS + ") KEY (interaction_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM review_suggestions WHERE interaction_id = ?";
    private static final String ALL =
            "SELECT " + COLUMNS + " FROM review_suggestions ORDER BY created_at, interaction_id";

    private final Database db;

    JdbcSuggestionStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(Suggestion s) {
        db.run("save a pre-review suggestion", c -> {
            try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
                Database.setUuid(ps, 1, s.interactionId().value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("interaction " + s.interactionId()
                                + " does not exist (never recorded, or its user was erased)");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(db.isPostgres() ? UPSERT_PG : UPSERT_H2)) {
                Database.setUuid(ps, 1, s.interactionId().value());
                ps.setString(2, s.cacheKey());
                ps.setString(3, s.model());
                ps.setString(4, s.category().name());
                ps.setInt(5, s.quality().value());
                ps.setString(6, s.reason());
                ps.setString(7, s.improvedResponse());
                Database.setInstant(ps, 8, s.createdAt());
                ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Suggestion> find(InteractionId interactionId) {
        return db.read("find a pre-review suggestion", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                Database.setUuid(ps, 1, interactionId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<Suggestion>empty();
                }
            }
        });
    }

    @Override
    public void scan(Consumer<Suggestion> sink) {
        db.read("scan pre-review suggestions", c -> {
                    List<Suggestion> out = new ArrayList<>();
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

    private static Suggestion row(ResultSet rs) throws SQLException {
        return new Suggestion(
                InteractionId.of(Database.getUuid(rs, "interaction_id")),
                rs.getString("cache_key"),
                rs.getString("model"),
                Category.of(rs.getString("category")),
                QualityScore.of(rs.getInt("quality")),
                rs.getString("reason"),
                rs.getString("improved_response"),
                Database.getRequiredInstant(rs, "created_at"));
    }

    @Override
    public String toString() {
        return "JdbcSuggestionStore[" + db + "]";
    }
}
