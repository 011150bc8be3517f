package dev.tuneloop.jdbc;

import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link InteractionStore} on {@code interaction_logs} and {@code feedback_events}.
 *
 * <p>An append is one transaction: interactions and events are inserted idempotently (PostgreSQL
 * {@code ON CONFLICT DO NOTHING}, H2 {@code INSERT … WHERE NOT EXISTS}), then the seed's derived columns of every
 * interaction an event is about are recomputed from all its events under a row lock. Events whose interaction is not
 * stored (yet), and new interactions that already have events, are re-checked right after the commit, so whichever
 * of two concurrent appends commits last applies the orphan events. Thread-safe: all state is in the database.
 */
final class JdbcInteractionStore implements InteractionStore {
    private static final int FETCH_SIZE = 500;
    private static final String SELECT = "SELECT " + InteractionRows.COLUMNS + " FROM interaction_logs il ";

    private final Database db;

    JdbcInteractionStore(Database db) {
        this.db = db;
    }

    @Override
    public void append(List<Interaction> interactions, List<FeedbackEvent> events) {
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(events, "events");
        if (interactions.isEmpty() && events.isEmpty()) {
            return;
        }
        String op = "append " + interactions.size() + " interactions and " + events.size() + " feedback events";
        Set<UUID> recheck = db.inTransaction(op, c -> {
            InteractionRows.insert(db, c, interactions);
            FeedbackEventRows.insert(db, c, events);
            Set<UUID> targets = new LinkedHashSet<>();
            for (FeedbackEvent e : events) {
                targets.add(e.interactionId().value());
            }
            Set<UUID> applied = InteractionRows.recompute(db, c, targets);
            Set<UUID> later = new LinkedHashSet<>();
            for (Interaction i : interactions) {
                if (!applied.contains(i.id().value())) {
                    later.add(i.id().value());
                }
            }
            for (UUID t : targets) {
                if (!applied.contains(t)) {
                    later.add(t);
                }
            }
            return later;
        });
        if (!recheck.isEmpty()) {
            // after the commit: applies events that arrived before their interaction, including ones committed by a
            // concurrent append that could not see this transaction's interactions
            Set<UUID> withEvents =
                    db.read(op + " (look for earlier feedback)", c -> InteractionRows.havingEvents(db, c, recheck));
            if (!withEvents.isEmpty()) {
                db.inTransaction(op + " (apply earlier feedback)", c -> InteractionRows.recompute(db, c, withEvents));
            }
        }
    }

    @Override
    public Optional<RecordedInteraction> find(InteractionId id) {
        Objects.requireNonNull(id, "id");
        return db.inTransaction("find interaction " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE il.id = ?")) {
                Database.setUuid(ps, 1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Interaction i = InteractionRows.map(rs);
                    Set<UUID> withEvents = InteractionRows.hasFeedback(rs) ? Set.of(id.value()) : Set.of();
                    return Optional.of(InteractionRows.withFeedback(db, c, List.of(i), withEvents)
                            .get(0));
                }
            }
        });
    }

    @Override
    public List<RecordedInteraction> candidates(CandidateQuery q) {
        Objects.requireNonNull(q, "query");
        CandidateSql sql = CandidateSql.of(db.dialect(), q);
        return db.inTransaction("query curation candidates", c -> {
            List<Interaction> rows = new ArrayList<>();
            Set<UUID> withEvents = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
                sql.bind(db, c, ps);
                ps.setFetchSize(Math.min(FETCH_SIZE, q.limit()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rows.size() < q.limit() && rs.next()) {
                        Interaction i = InteractionRows.map(rs);
                        if (!sql.javaFilter().test(i)) {
                            continue;
                        }
                        rows.add(i);
                        if (InteractionRows.hasFeedback(rs)) {
                            withEvents.add(i.id().value());
                        }
                    }
                }
            }
            return InteractionRows.withFeedback(db, c, rows, withEvents);
        });
    }

    @Override
    public void scan(ScanQuery q, Consumer<RecordedInteraction> sink) {
        Objects.requireNonNull(q, "query");
        Objects.requireNonNull(sink, "sink");
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        scanFilter(q, where, params);
        String sql = SELECT + where + " ORDER BY il.created_at, il.id";
        db.run("scan interactions", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindScan(ps, params);
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Interaction> chunk = new ArrayList<>(FETCH_SIZE);
                    Set<UUID> withEvents = new HashSet<>();
                    while (rs.next()) {
                        Interaction i = InteractionRows.map(rs);
                        chunk.add(i);
                        if (InteractionRows.hasFeedback(rs)) {
                            withEvents.add(i.id().value());
                        }
                        if (chunk.size() == FETCH_SIZE) {
                            InteractionRows.withFeedback(db, c, chunk, withEvents)
                                    .forEach(sink);
                            chunk.clear();
                            withEvents.clear();
                        }
                    }
                    InteractionRows.withFeedback(db, c, chunk, withEvents).forEach(sink);
                }
            }
        });
    }

    @Override
    public long count(ScanQuery q) {
        Objects.requireNonNull(q, "query");
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        scanFilter(q, where, params);
        return db.inTransaction("count interactions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM interaction_logs il " + where)) {
                bindScan(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void scanFilter(ScanQuery q, StringBuilder where, List<Object> params) {
        if (q.createdFrom() != null) {
            where.append(" AND il.created_at >= ?");
            params.add(q.createdFrom());
        }
        if (q.createdUntil() != null) {
            where.append(" AND il.created_at < ?");
            params.add(q.createdUntil());
        }
        if (q.modelUsed() != null) {
            where.append(" AND il.model_used = ?");
            params.add(q.modelUsed());
        }
        if (q.userId() != null) {
            where.append(" AND il.user_id = ?");
            params.add(q.userId());
        }
    }

    private static void bindScan(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int k = 0; k < params.size(); k++) {
            Object p = params.get(k);
            if (p instanceof java.time.Instant t) {
                // both scan bounds are >= or <
                Database.setCeilingBound(ps, k + 1, t);
            } else {
                ps.setString(k + 1, (String) p);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcInteractionStore[" + db.dialect() + "]";
    }
}
