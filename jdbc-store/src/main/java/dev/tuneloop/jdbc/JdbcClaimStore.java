package dev.tuneloop.jdbc;

import dev.tuneloop.curate.Claim;
import dev.tuneloop.curate.ClaimStore;
import dev.tuneloop.record.InteractionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ClaimStore} on {@code review_claims}.
 *
 * <p>PostgreSQL: one transaction picks the offered interactions that are free ({@code SELECT ... FOR UPDATE OF l SKIP
 * LOCKED}, so concurrent claimers in any number of processes pass each other instead of queueing on the same rows),
 * then writes each claim with {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires_at <= now}: the upsert, which
 * sees the latest committed row, is the guarantee (a claimer whose snapshot missed a claim committed a moment ago
 * writes nothing), the lock only keeps claimers out of each other's way. A claim on an interaction that was claimed,
 * reviewed and released while the pick ran is dropped again by a read after the upsert. H2 (one process) serializes
 * claim transactions on a lock of this JVM and relies on the primary key.
 */
final class JdbcClaimStore implements ClaimStore {
    private static final ReentrantLock H2_CLAIMS = new ReentrantLock();

    private static final String FREE = " FROM interaction_logs l WHERE l.id = ANY(?)"
            + " AND NOT EXISTS (SELECT 1 FROM training_examples e WHERE e.source_interaction_id = l.id)"
            + " AND NOT EXISTS (SELECT 1 FROM review_claims c WHERE c.interaction_id = l.id AND c.expires_at > ?)";
    private static final String PICK_PG =
            "SELECT l.id" + FREE + " ORDER BY array_position(?, l.id) LIMIT ? FOR UPDATE OF l SKIP LOCKED";
    private static final String PICK_H2 = "SELECT l.id" + FREE;
    private static final String TAKE_PG = "INSERT INTO review_claims (interaction_id, reviewer, claimed_at, expires_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (interaction_id) DO UPDATE SET reviewer = EXCLUDED.reviewer,"
            + " claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at"
            + " WHERE review_claims.expires_at <= EXCLUDED.claimed_at";
    private static final String TAKE_H2 =
            "MERGE INTO review_claims (interaction_id, reviewer, claimed_at, expires_at) KEY (interaction_id)"
                    + " VALUES (?, ?, ?, ?)";
    private static final String OPEN = " AND EXISTS (SELECT 1 FROM interaction_logs l WHERE l.id = c.interaction_id)"
            + " AND NOT EXISTS (SELECT 1 FROM training_examples e WHERE e.source_interaction_id = c.interaction_id)";
    private static final String RENEW =
            "UPDATE review_claims c SET expires_at = ? WHERE c.reviewer = ?" + " AND c.claimed_at < ?" + OPEN;
    private static final String RENEWED = "SELECT c.interaction_id, c.reviewer, c.claimed_at, c.expires_at"
            + " FROM review_claims c WHERE c.reviewer = ? AND c.expires_at = ?" + OPEN
            + " ORDER BY c.claimed_at, c.interaction_id";
    private static final String RELEASE = "DELETE FROM review_claims WHERE interaction_id = ? AND reviewer = ?";
    private static final String ACTIVE = "SELECT c.interaction_id, c.reviewer, c.claimed_at, c.expires_at"
            + " FROM review_claims c WHERE c.expires_at > ?" + OPEN + " ORDER BY c.claimed_at, c.interaction_id";

    private final Database db;

    JdbcClaimStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Claim> claim(String reviewer, List<InteractionId> offered, int max, Instant now, Duration lease) {
        ClaimStore.checkArguments(reviewer, max, lease);
        Objects.requireNonNull(offered, "offered");
        Instant t = now.truncatedTo(ChronoUnit.MICROS);
        List<UUID> ids = new ArrayList<>(
                new LinkedHashSet<>(offered.stream().map(InteractionId::value).toList()));
        if (ids.isEmpty()) {
            return List.of();
        }
        if (db.isPostgres()) {
            return db.inTransaction("claim candidates", c -> claimPostgres(c, reviewer, ids, max, t, lease));
        }
        H2_CLAIMS.lock();
        try {
            return db.inTransaction("claim candidates", c -> claimH2(c, reviewer, ids, max, t, lease));
        } finally {
            H2_CLAIMS.unlock();
        }
    }

    private List<Claim> claimPostgres(Connection c, String reviewer, List<UUID> ids, int max, Instant t, Duration lease)
            throws SQLException {
        List<Claim> out = new ArrayList<>();
        List<UUID> left = new ArrayList<>(ids);
        while (out.size() < max && !left.isEmpty()) {
            List<UUID> picked = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(PICK_PG)) {
                java.sql.Array array = db.uuidArray(c, left);
                ps.setArray(1, array);
                Database.setInstant(ps, 2, t);
                ps.setArray(3, array);
                ps.setInt(4, max - out.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        picked.add(Database.getUuid(rs, "id"));
                    }
                }
            }
            if (picked.isEmpty()) {
                break;
            }
            left.removeAll(picked);
            List<Claim> taken = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(TAKE_PG)) {
                for (UUID id : picked) {
                    Claim claim = new Claim(InteractionId.of(id), reviewer, t, t.plus(lease));
                    bind(ps, claim);
                    if (ps.executeUpdate() == 1) {
                        taken.add(claim);
                    }
                }
            }
            out.addAll(withoutReviewed(c, reviewer, taken));
        }
        return out;
    }

    /**
     * Drops (and deletes) the claims just taken on interactions that were reviewed meanwhile. The pick's snapshot may
     * predate a review that claimed, approved and released the interaction while the pick ran; the upsert then finds
     * no claim to collide with. The review wrote its example before releasing its claim, and the release committed
     * before the upsert went through, so this later statement sees the example.
     */
    private List<Claim> withoutReviewed(Connection c, String reviewer, List<Claim> taken) throws SQLException {
        if (taken.isEmpty()) {
            return taken;
        }
        Set<UUID> reviewed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT e.source_interaction_id FROM training_examples e WHERE e.source_interaction_id = ANY(?)")) {
            ps.setArray(
                    1,
                    db.uuidArray(
                            c,
                            taken.stream().map(x -> x.interactionId().value()).toList()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reviewed.add(Database.getUuid(rs, "source_interaction_id"));
                }
            }
        }
        if (reviewed.isEmpty()) {
            return taken;
        }
        List<Claim> kept = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
            for (Claim claim : taken) {
                UUID id = claim.interactionId().value();
                if (reviewed.contains(id)) {
                    Database.setUuid(ps, 1, id);
                    ps.setString(2, reviewer);
                    ps.executeUpdate();
                } else {
                    kept.add(claim);
                }
            }
        }
        return kept;
    }

    private List<Claim> claimH2(Connection c, String reviewer, List<UUID> ids, int max, Instant t, Duration lease)
            throws SQLException {
        List<UUID> free = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PICK_H2)) {
            ps.setArray(1, db.uuidArray(c, ids));
            Database.setInstant(ps, 2, t);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    free.add(Database.getUuid(rs, "id"));
                }
            }
        }
        Map<UUID, Integer> rank = new HashMap<>();
        for (int k = 0; k < ids.size(); k++) {
            rank.put(ids.get(k), k);
        }
        free.sort((a, b) ->
                Integer.compare(rank.getOrDefault(a, Integer.MAX_VALUE), rank.getOrDefault(b, Integer.MAX_VALUE)));
        List<Claim> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TAKE_H2)) {
            for (UUID id : free.subList(0, Math.min(max, free.size()))) {
                Claim claim = new Claim(InteractionId.of(id), reviewer, t, t.plus(lease));
                bind(ps, claim);
                ps.executeUpdate();
                out.add(claim);
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Claim claim) throws SQLException {
        Database.setUuid(ps, 1, claim.interactionId().value());
        ps.setString(2, claim.reviewer());
        Database.setInstant(ps, 3, claim.claimedAt());
        Database.setInstant(ps, 4, claim.expiresAt());
    }

    @Override
    public List<Claim> renew(String reviewer, Instant now, Duration lease) {
        ClaimStore.checkArguments(reviewer, 1, lease);
        Instant until = now.truncatedTo(ChronoUnit.MICROS).plus(lease);
        return db.inTransaction("renew claims", c -> {
            try (PreparedStatement ps = c.prepareStatement(RENEW)) {
                Database.setInstant(ps, 1, until);
                ps.setString(2, reviewer);
                Database.setInstant(ps, 3, until);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(RENEWED)) {
                ps.setString(1, reviewer);
                Database.setInstant(ps, 2, until);
                return read(ps);
            }
        });
    }

    @Override
    public boolean release(String reviewer, InteractionId interactionId) {
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(interactionId, "interactionId");
        return db.inTransaction("release claim", c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                Database.setUuid(ps, 1, interactionId.value());
                ps.setString(2, reviewer);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<Claim> active(Instant now) {
        Objects.requireNonNull(now, "now");
        return db.read("list live claims", c -> {
            try (PreparedStatement ps = c.prepareStatement(ACTIVE)) {
                Database.setInstant(ps, 1, now);
                return read(ps);
            }
        });
    }

    private static List<Claim> read(PreparedStatement ps) throws SQLException {
        List<Claim> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Claim(
                        InteractionId.of(Database.getUuid(rs, "interaction_id")),
                        Objects.requireNonNull(rs.getString("reviewer"), "reviewer is NOT NULL"),
                        Database.getRequiredInstant(rs, "claimed_at"),
                        Database.getRequiredInstant(rs, "expires_at")));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "JdbcClaimStore[" + db.dialect() + "]";
    }
}
