package dev.tuneloop.jdbc;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.CandidateQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link CandidateQuery} as SQL. Every field is pushed down, with one exception: on H2 the metadata filter runs in
 * Java over the rows SQL returns (in candidate order, so the limit is applied after it and reading stops there).
 * On PostgreSQL the metadata filter is {@code metadata::jsonb @> ?::jsonb}, evaluated on the rows of the window.
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
        StringBuilder sql = new StringBuilder("SELECT ").append(InteractionRows.COLUMNS)
                .append(" FROM interaction_logs il WHERE il.created_at > ?");
        List<Binder> b = new ArrayList<>();
        b.add((db, c, ps, i) -> Database.setInstant(ps, i, q.createdAfter()));
        if (q.createdBefore() != null) {
            sql.append(" AND il.created_at < ?");
            b.add((db, c, ps, i) -> Database.setCeilingBound(ps, i, q.createdBefore()));
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
            b.add((db, c, ps, i) -> ps.setArray(i, db.uuidArray(c,
                    q.excludeIds().stream().map(InteractionId::value).toList())));
        }
        Predicate<Interaction> javaFilter = i -> true;
        boolean limitInSql = true;
        if (!q.metadataEquals().isEmpty()) {
            if (dialect == JdbcDialect.POSTGRESQL) {
                sql.append(" AND il.metadata::jsonb @> ?::jsonb");
                String json = JsonColumns.metadata(q.metadataEquals());
                b.add((db, c, ps, i) -> ps.setString(i, json));
            } else {
                javaFilter = i -> i.metadata().entrySet().containsAll(q.metadataEquals().entrySet());
                limitInSql = false;
            }
        }
        // edited first (FALSE sorts before TRUE), as interaction_logs_review_order_idx is ordered on PostgreSQL
        sql.append(" ORDER BY (il.user_edited_response IS NULL), il.created_at DESC, il.id DESC");
        if (limitInSql && q.limit() != Integer.MAX_VALUE) {
            sql.append(" LIMIT ?");
            b.add((db, c, ps, i) -> ps.setInt(i, q.limit()));
        }
        return new CandidateSql(sql.toString(), List.copyOf(b), javaFilter);
    }

    void bind(Database db, Connection c, PreparedStatement ps) throws SQLException {
        for (int k = 0; k < binders.size(); k++) {
            binders.get(k).bind(db, c, ps, k + 1);
        }
    }
}
