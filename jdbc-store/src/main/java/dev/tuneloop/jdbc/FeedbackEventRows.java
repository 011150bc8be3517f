package dev.tuneloop.jdbc;

import dev.tuneloop.record.Edit;
import dev.tuneloop.record.Feedback;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FollowUp;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code feedback_events} table: insert (idempotent on event id), load by interaction, row mapper. */
final class FeedbackEventRows {
    static final String COLUMNS = "event_id, interaction_id, occurred_at, kind, rating, body, editor";

    private static final String INSERT_PG = "INSERT INTO feedback_events (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?) " + "ON CONFLICT (event_id) DO NOTHING";
    private static final String INSERT_H2 = "INSERT INTO feedback_events (" + COLUMNS + ") "
            + "SELECT CAST(? AS UUID), CAST(? AS UUID), CAST(? AS TIMESTAMP(6) WITH TIME ZONE), ?, CAST(? AS SMALLINT), "
            + "CAST(? AS VARCHAR), CAST(? AS VARCHAR) "
            + "WHERE NOT EXISTS (SELECT 1 FROM feedback_events WHERE event_id = CAST(? AS UUID))";
    private static final String LOAD = "SELECT " + COLUMNS + " FROM feedback_events WHERE interaction_id = ANY(?)";

    private FeedbackEventRows() {}

    static void insert(Database db, Connection c, List<FeedbackEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        boolean pg = db.isPostgres();
        try (PreparedStatement ps = c.prepareStatement(pg ? INSERT_PG : INSERT_H2)) {
            int pending = 0;
            for (FeedbackEvent e : events) {
                bind(ps, e);
                if (!pg) {
                    Database.setUuid(ps, 8, e.eventId());
                }
                ps.addBatch();
                if (++pending == InteractionRows.BATCH_CHUNK) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement ps, FeedbackEvent e) throws SQLException {
        Database.setUuid(ps, 1, e.eventId());
        Database.setUuid(ps, 2, e.interactionId().value());
        Database.setInstant(ps, 3, e.at());
        Feedback f = e.feedback();
        String body = null;
        String editor = null;
        Integer rating = null;
        String kind;
        if (f instanceof Rating r) {
            kind = "rating";
            rating = r.value().sqlValue();
            body = r.comment();
        } else if (f instanceof Edit ed) {
            kind = "edit";
            body = ed.editedResponse();
            editor = ed.editor();
        } else {
            kind = "followup";
            body = ((FollowUp) f).message();
        }
        ps.setString(4, kind);
        if (rating == null) {
            ps.setNull(5, Types.SMALLINT);
        } else {
            ps.setShort(5, rating.shortValue());
        }
        ps.setString(6, body);
        ps.setString(7, editor);
    }

    /** Every stored event of these interactions, grouped by interaction id (ids without events are absent). */
    static Map<UUID, List<FeedbackEvent>> load(Database db, Connection c, Collection<UUID> interactionIds)
            throws SQLException {
        Map<UUID, List<FeedbackEvent>> out = new HashMap<>();
        if (interactionIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setArray(1, db.uuidArray(c, interactionIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FeedbackEvent e = map(rs);
                    out.computeIfAbsent(e.interactionId().value(), k -> new ArrayList<>(2))
                            .add(e);
                }
            }
        }
        return out;
    }

    static FeedbackEvent map(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        String body = rs.getString("body");
        Feedback f = switch (kind) {
            case "rating" -> new Rating(Rating.Value.fromSql(rs.getInt("rating")), body);
            case "edit" -> new Edit(body, rs.getString("editor"));
            case "followup" -> body == null ? FollowUp.of() : FollowUp.of(body);
            default ->
                throw Database.corrupt(
                        "feedback event " + Database.getUuid(rs, "event_id") + " has an unknown kind '" + kind + "'");
        };
        return new FeedbackEvent(
                Database.getUuid(rs, "event_id"),
                InteractionId.of(Database.getUuid(rs, "interaction_id")),
                Database.getRequiredInstant(rs, "occurred_at"),
                f);
    }
}
