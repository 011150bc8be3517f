package dev.tuneloop.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any interleaving of log / rate / edit / followUp from N threads through the asynchronous recorder ends in the same
 * derived state as applying each thread's operations sequentially, and nothing acknowledged is lost after flush.
 * Each thread owns its interactions, so its program order is the order the state must reflect; all threads share one
 * recorder, one queue and one store, and the clock is frozen so only event ids order events.
 */
class RecorderInterleavingProperties {

    sealed interface Op permits Log, Rate, EditOp, Follow {
        int target();
    }

    record Log(int target) implements Op {}

    record Rate(int target, boolean up) implements Op {}

    record EditOp(int target, String text) implements Op {}

    record Follow(int target) implements Op {}

    @Provide
    Arbitrary<List<List<Op>>> programs() {
        Arbitrary<Op> op = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3).map(Log::new),
                Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                        .as(Rate::new),
                Combinators.combine(
                                Arbitraries.integers().between(0, 3),
                                Arbitraries.strings()
                                        .withCharRange('a', 'z')
                                        .ofMinLength(1)
                                        .ofMaxLength(8))
                        .as(EditOp::new),
                Arbitraries.integers().between(0, 3).map(Follow::new));
        return op.list().ofMinSize(1).ofMaxSize(40).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 60)
    void concurrentHistoryEqualsSequentialModel(
            @ForAll("programs") List<List<Op>> threads, @ForAll @IntRange(min = 1, max = 8) int batchSize)
            throws Exception {
        Clock frozen = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        Store store = Store.inMemory();
        RecorderOptions options = RecorderOptions.builder()
                .clock(frozen)
                .maxBatchSize(batchSize)
                .maxDelay(Duration.ofMillis(2))
                .build();
        // each thread owns 4 interactions (ids made up front so feedback may precede the log)
        List<List<Interaction>> owned = new ArrayList<>();
        for (int t = 0; t < threads.size(); t++) {
            List<Interaction> mine = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                mine.add(Interaction.builder()
                        .clock(frozen)
                        .userId("t" + t)
                        .userMessage("q" + k)
                        .assistantResponse("a" + k)
                        .modelUsed("m")
                        .build());
            }
            owned.add(mine);
        }
        InteractionRecorder recorder = InteractionRecorder.async(store.interactions(), options);
        ExecutorService pool = Executors.newFixedThreadPool(threads.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads.size(); t++) {
            List<Op> program = threads.get(t);
            List<Interaction> mine = owned.get(t);
            futures.add(pool.submit(() -> {
                start.await();
                for (Op op : program) {
                    Interaction i = mine.get(op.target());
                    if (op instanceof Log) {
                        recorder.log(i);
                    } else if (op instanceof Rate r) {
                        recorder.rate(i.id(), r.up() ? Rating.up() : Rating.down());
                    } else if (op instanceof EditOp e) {
                        recorder.edit(i.id(), e.text());
                    } else {
                        recorder.followUp(i.id());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
        recorder.close();

        long expectedItems = threads.stream().mapToLong(List::size).sum();
        assertThat(recorder.stats().persisted()).isEqualTo(expectedItems);
        assertThat(recorder.stats().dropped()).isZero();

        for (int t = 0; t < threads.size(); t++) {
            Map<Integer, Model> model = new HashMap<>();
            for (Op op : threads.get(t)) {
                model.computeIfAbsent(op.target(), k -> new Model()).apply(op);
            }
            for (int k = 0; k < 4; k++) {
                Interaction i = owned.get(t).get(k);
                Model m = model.get(k);
                var found = store.interactions().find(i.id());
                if (m == null || !m.logged) {
                    assertThat(found).isEmpty();
                    continue;
                }
                FeedbackState s = found.orElseThrow().feedback();
                assertThat(s.feedbackRating()).isEqualTo(m.rating);
                assertThat(s.edits().stream().map(EditVersion::text).toList()).isEqualTo(m.edits);
                assertThat(s.followUps()).isEqualTo(m.followUps);
            }
        }
    }

    /** The sequential model of one interaction's state. */
    static final class Model {
        boolean logged;
        Integer rating;
        final List<String> edits = new ArrayList<>();
        int followUps;

        void apply(Op op) {
            if (op instanceof Log) {
                logged = true;
            } else if (op instanceof Rate r) {
                rating = r.up() ? 1 : -1;
            } else if (op instanceof EditOp e) {
                edits.add(e.text());
            } else {
                followUps++;
            }
        }
    }
}
