package dev.tuneloop.jdbc;

import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A {@link CandidateQuery} as SQL; every field is pushed down. The metadata filter is {@code metadata::jsonb @> ?::jsonb}
 * on PostgreSQL and, on H2, one {@code metadata LIKE '%"key":"value"%'} per entry on the JSON text (exact, see below),
 * with the same check repeated in Java as a guard.
 *
 * <p>Reviewed interactions are excluded with {@code NOT EXISTS} (an anti-join on the unique
 * {@code training_examples.source_interaction_id} index), not {@code NOT IN}.
 */
record CandidateSql(String sql, List<Binder> binders, Predicate<Interaction> javaFilter) {

    /** Binds one parameter. */
    @FunctionalInterface
    interface Binder {
        void bind(Database db, Connection c, PreparedStatement ps, int index) throws SQLException;
    }

    static CandidateSql of(JdbcDialect dialect, CandidateQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(InteractionRows.COLUMNS)
                .append(" FROM interaction_logs il WHERE il.created_at > ?");
        List<Binder> b = new ArrayList<>();
        b.add((db, c, ps, i) -> Database.setInstant(ps, i, q.createdAfter()));
        Instant before = q.createdBefore();
        if (before != null) {
            sql.append(" AND il.created_at < ?");
            b.add((db, c, ps, i) -> Database.setCeilingBound(ps, i, before));
        }
        if (q.requireUpOrEdited()) {
            // same form as the partial index's predicate, so PostgreSQL can use it
            sql.append(" AND (il.feedback_rating = 1 OR il.user_edited_response IS NOT NULL)");
        }
        if (q.excludeFollowUps()) {
            sql.append(" AND il.had_followup = FALSE");
        }
        if (q.excludeReviewed()) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM training_examples te WHERE te.source_interaction_id = il.id)");
        }
        if (!q.modelsUsed().isEmpty()) {
            sql.append(" AND il.model_used = ANY(?)");
            b.add((db, c, ps, i) -> ps.setArray(i, db.textArray(c, q.modelsUsed())));
        }
        if (q.minResponseChars() > 0) {
            sql.append(" AND il.response_chars >= ?");
            b.add((db, c, ps, i) -> ps.setInt(i, q.minResponseChars()));
        }
        if (!q.excludeUserIds().isEmpty()) {
            sql.append(" AND NOT (il.user_id = ANY(?))");
            b.add((db, c, ps, i) -> ps.setArray(i, db.textArray(c, q.excludeUserIds())));
        }
        if (!q.excludeIds().isEmpty()) {
            sql.append(" AND NOT (il.id = ANY(?))");
            b.add((db, c, ps, i) -> ps.setArray(
                    i,
                    db.uuidArray(
                            c, q.excludeIds().stream().map(InteractionId::value).toList())));
        }
        Predicate<Interaction> javaFilter = i -> true;
        if (!q.metadataEquals().isEmpty()) {
            if (dialect == JdbcDialect.POSTGRESQL) {
                sql.append(" AND il.metadata::jsonb @> ?::jsonb");
                String json = JsonColumns.metadata(q.metadataEquals());
                b.add((db, c, ps, i) -> ps.setString(i, json));
            } else {
                // H2: the metadata column is JSON text with keys sorted, written by one ObjectMapper, so an entry
                // appears in it exactly as "key":"value" (a quote inside a string is always escaped, so the pattern
                // cannot match inside a key or a value). The Java check stays as a guard.
                for (Map.Entry<String, String> e : q.metadataEquals().entrySet()) {
                    sql.append(" AND il.metadata LIKE ? ESCAPE '!'");
                    String pattern = "%" + likeEscaped(JsonColumns.entry(e.getKey(), e.getValue())) + "%";
                    b.add((db, c, ps, i) -> ps.setString(i, pattern));
                }
                javaFilter = i ->
                        i.metadata().entrySet().containsAll(q.metadataEquals().entrySet());
            }
        }
        // edited first (FALSE sorts before TRUE), as interaction_logs_review_order_idx is ordered on PostgreSQL
        sql.append(" ORDER BY (il.user_edited_response IS NULL), il.created_at DESC, il.id DESC");
        if (q.limit() != Integer.MAX_VALUE) {
            sql.append(" LIMIT ?");
            b.add((db, c, ps, i) -> ps.setInt(i, q.limit()));
        }
        return new CandidateSql(sql.toString(), List.copyOf(b), javaFilter);
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    void bind(Database db, Connection c, PreparedStatement ps) throws SQLException {
        for (int k = 0; k < binders.size(); k++) {
            binders.get(k).bind(db, c, ps, k + 1);
        }
    }
}
