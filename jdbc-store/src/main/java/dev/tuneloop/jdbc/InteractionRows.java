package dev.tuneloop.jdbc;

import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FeedbackState;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RecordedInteraction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code interaction_logs} table: idempotent batch insert, the row mapper, and the seed's derived columns
 * ({@code feedback_rating}, {@code user_edited_response}, {@code had_followup}) recomputed from the events.
 */
final class InteractionRows {
    /** Rows per JDBC batch execution (bounds the driver's buffers for large appends). */
    static final int BATCH_CHUNK = 1000;

    static final String INSERT_COLUMNS = "id, created_at, user_id, session_id, system_prompt, user_message, "
            + "assistant_response, response_chars, retrieved_context, model_used, prior_turns, latency_nanos, "
            + "prompt_tokens, completion_tokens, metadata, steps, tools, user_message_parts";
    static final String COLUMNS = INSERT_COLUMNS + ", feedback_rating, user_edited_response, had_followup";

    private static final String INSERT_PG = "INSERT INTO interaction_logs (" + INSERT_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_H2 = "INSERT INTO interaction_logs (" + INSERT_COLUMNS + ") "
            + "SELECT CAST(? AS UUID), CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS VARCHAR), CAST(? AS VARCHAR), "
            + "CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INTEGER), CAST(? AS VARCHAR), "
            + "CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS INTEGER), "
            + "CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR) WHERE NOT EXISTS (SELECT 1 FROM interaction_logs WHERE id = CAST(? AS UUID))";
    private static final String LOCK = "SELECT id FROM interaction_logs WHERE id = ANY(?) ORDER BY id FOR UPDATE";
    private static final String HAVING_EVENTS =
            "SELECT DISTINCT interaction_id FROM feedback_events " + "WHERE interaction_id = ANY(?)";
    private static final String UPDATE_DERIVED = "UPDATE interaction_logs SET feedback_rating = ?, "
            + "user_edited_response = ?, had_followup = ? WHERE id = ?";

    private InteractionRows() {}

    static void insert(Database db, Connection c, List<Interaction> interactions) throws SQLException {
        if (interactions.isEmpty()) {
            return;
        }
        boolean pg = db.isPostgres();
        try (PreparedStatement ps = c.prepareStatement(pg ? INSERT_PG : INSERT_H2)) {
            int pending = 0;
            for (Interaction i : interactions) {
                Database.setUuid(ps, 1, i.id().value());
                Database.setInstant(ps, 2, i.createdAt());
                ps.setString(3, i.userId());
                ps.setString(4, i.sessionId());
                ps.setString(5, i.systemPrompt());
                ps.setString(6, i.userMessage());
                ps.setString(7, i.assistantResponse());
                ps.setInt(8, i.assistantResponse().length());
                ps.setString(9, JsonColumns.documents(i.retrievedContext()));
                ps.setString(10, i.modelUsed());
                ps.setString(11, JsonColumns.turns(i.priorTurns()));
                ps.setLong(12, latencyNanos(i.latency()));
                ps.setInt(13, i.promptTokens());
                ps.setInt(14, i.completionTokens());
                ps.setString(15, JsonColumns.metadata(i.metadata()));
                ps.setString(16, JsonColumns.turns(i.steps()));
                ps.setString(17, JsonColumns.tools(i.tools()));
                ps.setString(18, JsonColumns.parts(i.userMessageParts()));
                if (!pg) {
                    Database.setUuid(ps, 19, i.id().value());
                }
                ps.addBatch();
                if (++pending == BATCH_CHUNK) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private static long latencyNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            throw new dev.tuneloop.errors.ValidationException(
                    "latency must be at most " + Duration.ofNanos(Long.MAX_VALUE) + " to be stored, but was " + d);
        }
    }

    /** Maps a row selected with {@link #COLUMNS}; the feedback is filled in by the caller from the events. */
    static Interaction map(ResultSet rs) throws SQLException {
        return new Interaction(
                InteractionId.of(Database.getUuid(rs, "id")),
                Database.getRequiredInstant(rs, "created_at"),
                rs.getString("user_id"),
                rs.getString("session_id"),
                rs.getString("system_prompt"),
                rs.getString("user_message"),
                rs.getString("assistant_response"),
                JsonColumns.documents(rs.getString("retrieved_context")),
                rs.getString("model_used"),
                JsonColumns.turns(rs.getString("prior_turns")),
                Duration.ofNanos(rs.getLong("latency_nanos")),
                rs.getInt("prompt_tokens"),
                rs.getInt("completion_tokens"),
                JsonColumns.metadata(rs.getString("metadata")),
                JsonColumns.turns(rs.getString("steps")),
                JsonColumns.tools(rs.getString("tools")),
                JsonColumns.parts(rs.getString("user_message_parts")));
    }

    /** Whether the row's derived columns say it has any feedback (every event sets at least one of them). */
    static boolean hasFeedback(ResultSet rs) throws SQLException {
        rs.getInt("feedback_rating");
        boolean rated = !rs.wasNull();
        return rated || rs.getString("user_edited_response") != null || rs.getBoolean("had_followup");
    }

    /** Attaches the derived feedback state to each interaction, loading the events of those that have feedback. */
    static List<RecordedInteraction> withFeedback(
            Database db, Connection c, List<Interaction> rows, Set<UUID> withEvents) throws SQLException {
        Map<UUID, List<FeedbackEvent>> events = FeedbackEventRows.load(db, c, withEvents);
        List<RecordedInteraction> out = new ArrayList<>(rows.size());
        for (Interaction i : rows) {
            List<FeedbackEvent> ev = events.get(i.id().value());
            out.add(new RecordedInteraction(i, ev == null ? FeedbackState.NONE : FeedbackState.derive(ev)));
        }
        return out;
    }

    /**
     * Recomputes the seed's derived columns of the given interactions from all their stored events, under a row lock
     * so concurrent appends of events for one interaction serialize.
     *
     * @return the ids that exist (visible to this transaction) and were locked
     */
    static Set<UUID> recompute(Database db, Connection c, Collection<UUID> ids) throws SQLException {
        Set<UUID> locked = new LinkedHashSet<>();
        if (ids.isEmpty()) {
            return locked;
        }
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setArray(1, db.uuidArray(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locked.add(Database.getUuid(rs, "id"));
                }
            }
        }
        if (locked.isEmpty()) {
            return locked;
        }
        Map<UUID, List<FeedbackEvent>> events = FeedbackEventRows.load(db, c, locked);
        if (events.isEmpty()) {
            return locked;
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE_DERIVED)) {
            for (Map.Entry<UUID, List<FeedbackEvent>> e : events.entrySet()) {
                FeedbackState s = FeedbackState.derive(e.getValue());
                Integer rating = s.feedbackRating();
                if (rating == null) {
                    ps.setNull(1, Types.SMALLINT);
                } else {
                    ps.setShort(1, rating.shortValue());
                }
                ps.setString(2, s.userEditedResponse().orElse(null));
                ps.setBoolean(3, s.hadFollowUp());
                Database.setUuid(ps, 4, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return locked;
    }

    /** Of {@code ids}, those that have at least one stored feedback event. */
    static Set<UUID> havingEvents(Database db, Connection c, Collection<UUID> ids) throws SQLException {
        Set<UUID> out = new LinkedHashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(HAVING_EVENTS)) {
            ps.setArray(1, db.uuidArray(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Database.getUuid(rs, "interaction_id"));
                }
            }
        }
        return out;
    }
}
