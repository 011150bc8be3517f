package dev.tuneloop.jdbc;

import static dev.tuneloop.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FollowUp;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The SQL candidate query and scans give exactly what the in-memory store gives (same rows, same order, same derived
 * feedback) for random worlds (ties on created_at, orphan events, reviewed interactions) and random queries.
 */
class CandidateQueryEquivalenceProperties {

    @Property(tries = 40)
    void h2AgreesWithTheInMemoryStore(@ForAll long seed) {
        check(SharedStores.H2.DATA_SOURCE, SharedStores.H2.STORE, seed);
    }

    @Property(tries = 12)
    void postgresAgreesWithTheInMemoryStore(@ForAll long seed) {
        check(SharedStores.Postgres.DATA_SOURCE, SharedStores.Postgres.STORE, seed);
    }

    private static void check(DataSource ds, JdbcStore jdbc, long seed) {
        SharedStores.truncate(ds);
        Store memory = Store.inMemory();
        Random rnd = new Random(seed);
        List<Interaction> interactions = new ArrayList<>();
        List<FeedbackEvent> events = new ArrayList<>();
        int n = rnd.nextInt(30);
        for (int k = 0; k < n; k++) {
            Instant created = NOW.minus(Duration.ofHours(rnd.nextInt(12) * 20L)).minusMillis(rnd.nextInt(3));
            Interaction.Builder b = Fixtures.interaction(created, "user-" + rnd.nextInt(3)).toBuilder()
                    .modelUsed(rnd.nextBoolean() ? "base" : "ft:v1")
                    .assistantResponse("a".repeat(1 + rnd.nextInt(40)) + (rnd.nextBoolean() ? "😀" : ""));
            if (rnd.nextBoolean()) {
                b.putMetadata("feature", rnd.nextBoolean() ? "chat" : "search");
            }
            if (rnd.nextBoolean()) {
                b.putMetadata("locale", "en");
            }
            Interaction i = b.build();
            interactions.add(i);
            int e = rnd.nextInt(4);
            for (int j = 0; j < e; j++) {
                Instant at = created.plusSeconds(rnd.nextInt(5));
                events.add(new FeedbackEvent(
                        UUID.randomUUID(),
                        i.id(),
                        at,
                        switch (rnd.nextInt(4)) {
                            case 0 -> Rating.up();
                            case 1 -> Rating.down();
                            case 2 -> Edit.of("edit " + j);
                            default -> FollowUp.of();
                        }));
            }
        }
        // write in random slices: some events before their interaction, some re-delivered
        List<Object> all = new ArrayList<>(interactions);
        all.addAll(events);
        java.util.Collections.shuffle(all, rnd);
        int from = 0;
        while (from < all.size()) {
            int to = Math.min(all.size(), from + 1 + rnd.nextInt(6));
            List<Interaction> is = new ArrayList<>();
            List<FeedbackEvent> es = new ArrayList<>();
            for (Object o : all.subList(Math.max(0, from - rnd.nextInt(2)), to)) {
                if (o instanceof Interaction i) {
                    is.add(i);
                } else {
                    es.add((FeedbackEvent) o);
                }
            }
            memory.interactions().append(is, es);
            jdbc.interactions().append(is, es);
            from = to;
        }
        for (Interaction i : interactions) {
            if (rnd.nextInt(5) == 0) {
                TrainingExample ex = Fixtures.approved(i, NOW);
                memory.examples().insert(ex, Fixtures.firstRevision(ex));
                jdbc.examples().insert(ex, Fixtures.firstRevision(ex));
            }
        }

        for (int q = 0; q < 6; q++) {
            CandidateQuery query = randomQuery(rnd, interactions);
            assertThat(jdbc.interactions().candidates(query))
                    .as("seed %d query %s", seed, query)
                    .containsExactlyElementsOf(memory.interactions().candidates(query));
        }
        List<RecordedInteraction> scanned = new ArrayList<>();
        jdbc.interactions().scan(ScanQuery.all(), scanned::add);
        List<RecordedInteraction> expected = new ArrayList<>();
        memory.interactions().scan(ScanQuery.all(), expected::add);
        assertThat(scanned).containsExactlyElementsOf(expected);
    }

    private static CandidateQuery randomQuery(Random rnd, List<Interaction> interactions) {
        CandidateQuery.Builder b = CandidateQuery.builder(NOW.minus(Duration.ofHours((1 + rnd.nextInt(10)) * 24L)))
                .requireUpOrEdited(rnd.nextInt(4) != 0)
                .excludeFollowUps(rnd.nextInt(4) != 0)
                .excludeReviewed(rnd.nextInt(4) != 0);
        if (rnd.nextInt(3) == 0) {
            b.createdBefore(NOW.minus(Duration.ofHours(rnd.nextInt(24))));
        }
        if (rnd.nextInt(3) == 0) {
            b.modelsUsed(Set.of(rnd.nextBoolean() ? "base" : "ft:v1"));
        }
        if (rnd.nextInt(3) == 0) {
            b.metadataEquals("feature", rnd.nextBoolean() ? "chat" : "search");
        }
        if (rnd.nextInt(4) == 0) {
            b.metadataEquals("locale", "en");
        }
        if (rnd.nextInt(3) == 0) {
            b.minResponseChars(rnd.nextInt(42));
        }
        if (rnd.nextInt(3) == 0) {
            b.excludeUserIds(Set.of("user-" + rnd.nextInt(3)));
        }
        if (rnd.nextInt(3) == 0 && !interactions.isEmpty()) {
            Set<InteractionId> ex = new HashSet<>();
            for (int k = 0; k < 3; k++) {
                ex.add(interactions.get(rnd.nextInt(interactions.size())).id());
            }
            b.excludeIds(ex);
        }
        if (rnd.nextInt(3) == 0) {
            b.limit(1 + rnd.nextInt(5));
        }
        return b.build();
    }
}
