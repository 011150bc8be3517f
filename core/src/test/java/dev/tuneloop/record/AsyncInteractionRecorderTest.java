package dev.tuneloop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncInteractionRecorderTest {

    private static final Duration FLUSH = Duration.ofSeconds(20);

    static RecorderOptions.Builder fast() {
        return RecorderOptions.builder()
                .maxDelay(Duration.ofMillis(5))
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(4))
                .closeTimeout(Duration.ofSeconds(5));
    }

    static Interaction interaction(int k) {
        return Interaction.builder()
                .userId("user-" + (k % 7))
                .userMessage("question " + k)
                .assistantResponse("answer " + k)
                .modelUsed("gpt-4o-mini")
                .build();
    }

    @Test
    void logReturnsTheIdAndFlushPersistsEverything() {
        Store store = Store.inMemory();
        try (InteractionRecorder r = InteractionRecorder.async(
                store.interactions(), fast().maxBatchSize(16).build())) {
            List<InteractionId> ids = new ArrayList<>();
            for (int k = 0; k < 1000; k++) {
                Interaction i = interaction(k);
                assertThat(r.log(i)).isEqualTo(i.id());
                ids.add(i.id());
                r.rate(i.id(), k % 2 == 0 ? Rating.up() : Rating.down());
            }
            assertThat(r.flush(FLUSH)).isTrue();
            assertThat(store.interactions().count(ScanQuery.all())).isEqualTo(1000);
            for (int k = 0; k < ids.size(); k++) {
                assertThat(store.interactions()
                                .find(ids.get(k))
                                .orElseThrow()
                                .feedback()
                                .feedbackRating())
                        .isEqualTo(k % 2 == 0 ? 1 : -1);
            }
            RecorderStats s = r.stats();
            assertThat(s.enqueued()).isEqualTo(2000);
            assertThat(s.persisted()).isEqualTo(2000);
            assertThat(s.dropped()).isZero();
            assertThat(s.queueDepth()).isZero();
        }
    }

    @Test
    void theTimeTriggerWritesAPartialBatchWithoutFlush() throws Exception {
        FaultyStore store = new FaultyStore();
        try (InteractionRecorder r =
                InteractionRecorder.async(store, fast().maxBatchSize(1000).build())) {
            Interaction i = interaction(1);
            r.log(i);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (store.interactions().find(i.id()).isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(store.interactions().find(i.id())).isPresent();
        }
    }

    @Test
    void aStoreThatFailsForAWhileGetsEveryItemExactlyOnce() {
        FaultyStore store = new FaultyStore();
        store.failuresLeft.set(7);
        List<InteractionId> ids = new ArrayList<>();
        try (InteractionRecorder r =
                InteractionRecorder.async(store, fast().maxBatchSize(10).build())) {
            for (int k = 0; k < 300; k++) {
                InteractionId id = r.log(interaction(k));
                ids.add(id);
                r.edit(id, "edit " + k);
                r.followUp(id);
            }
            assertThat(r.flush(FLUSH)).isTrue();
            RecorderStats s = r.stats();
            assertThat(s.persisted()).isEqualTo(900);
            assertThat(s.failedBatches()).isEqualTo(7);
            assertThat(s.retries()).isEqualTo(7);
            assertThat(s.dropped()).isZero();
        }
        assertThat(store.deliveries).hasSize(900);
        assertThat(store.deliveries.values()).allMatch(n -> n == 1);
        for (InteractionId id : ids) {
            RecordedInteraction rec = store.interactions().find(id).orElseThrow();
            assertThat(rec.feedback().edits()).hasSize(1);
            assertThat(rec.feedback().hadFollowUp()).isTrue();
        }
    }

    @Test
    void aStoreThatNeverRecoversNeverBlocksTheCallerAndCountsDrops() {
        FaultyStore store = new FaultyStore();
        store.down = true;
        InteractionRecorder r = InteractionRecorder.async(
                store,
                fast().maxQueueSize(50)
                        .maxBatchSize(10)
                        .closeTimeout(Duration.ofMillis(200))
                        .build());
        int calls = 5_000;
        for (int k = 0; k < calls; k++) {
            r.log(interaction(k)); // must neither throw nor block: the queue holds 50
        }
        RecorderStats s = r.stats();
        assertThat(s.enqueued() + s.dropped()).isEqualTo(calls);
        assertThat(s.dropped()).isGreaterThanOrEqualTo(calls - 50 - 10);
        assertThat(r.flush(Duration.ofMillis(50))).isFalse();
        assertTimeoutPreemptively(Duration.ofSeconds(10), r::close);
        RecorderStats after = r.stats();
        assertThat(after.persisted()).isZero();
        assertThat(after.dropped()).isEqualTo(calls);
        assertThat(after.queueDepth()).isZero();
        assertThat(after.failedBatches()).isPositive();
    }

    @Test
    void oneInvalidItemIsRejectedAloneAndTheRestArePersisted() {
        FaultyStore store = new FaultyStore();
        Interaction bad = interaction(99);
        store.poison = Set.of(bad.id());
        try (InteractionRecorder r = InteractionRecorder.async(
                store, fast().maxBatchSize(100).maxDelay(Duration.ofMillis(50)).build())) {
            List<InteractionId> good = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                good.add(r.log(interaction(k)));
            }
            r.log(bad);
            for (int k = 20; k < 40; k++) {
                good.add(r.log(interaction(k)));
            }
            assertThat(r.flush(FLUSH)).isTrue();
            assertThat(r.stats().rejected()).isEqualTo(1);
            assertThat(r.stats().persisted()).isEqualTo(40);
            assertThat(good).allMatch(id -> store.interactions().find(id).isPresent());
            assertThat(store.interactions().find(bad.id())).isEmpty();
        }
    }

    @Test
    void feedbackLoggedBeforeItsInteractionStillApplies() {
        Store store = Store.inMemory();
        try (InteractionRecorder r = InteractionRecorder.async(store.interactions(), fast().build())) {
            Interaction i = interaction(1);
            r.rate(i.id(), Rating.up());
            r.edit(i.id(), "better");
            assertThat(r.flush(FLUSH)).isTrue();
            r.log(i);
            assertThat(r.flush(FLUSH)).isTrue();
            RecordedInteraction rec = store.interactions().find(i.id()).orElseThrow();
            assertThat(rec.feedback().isThumbsUp()).isTrue();
            assertThat(rec.feedback().userEditedResponse()).contains("better");
        }
    }

    @Test
    void afterCloseCallsAreCountedAsDroppedNotThrown() {
        Store store = Store.inMemory();
        InteractionRecorder r = InteractionRecorder.async(store.interactions(), fast().build());
        r.log(interaction(1));
        r.close();
        r.close(); // idempotent
        assertThat(store.interactions().count(ScanQuery.all())).isEqualTo(1);
        r.log(interaction(2));
        r.rate(InteractionId.next(), Rating.down());
        assertThat(r.stats().dropped()).isEqualTo(2);
        assertThat(store.interactions().count(ScanQuery.all())).isEqualTo(1);
    }

    @Test
    void blockPolicyWaitsForRoomThenDrops() throws Exception {
        FaultyStore store = new FaultyStore();
        store.down = true;
        InteractionRecorder r = InteractionRecorder.async(
                store,
                fast().maxQueueSize(4)
                        .maxBatchSize(2)
                        .overflowPolicy(OverflowPolicy.BLOCK)
                        .blockTimeout(Duration.ofMillis(1))
                        .closeTimeout(Duration.ofMillis(100))
                        .build());
        for (int k = 0; k < 50; k++) {
            r.log(interaction(k));
        }
        assertThat(r.stats().dropped()).isPositive();
        store.down = false;
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            r.flush(FLUSH);
            done.countDown();
        });
        t.start();
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        RecorderStats s = r.stats();
        assertThat(s.persisted() + s.dropped()).isEqualTo(50);
        r.close();
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        try (InteractionRecorder r = InteractionRecorder.async(Store.inMemory().interactions(), fast().build())) {
            assertThatThrownBy(() -> r.log((Interaction) null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("interaction");
            assertThatThrownBy(() -> r.log((Interaction.Builder) null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("draft");
            assertThatThrownBy(() -> r.rate(null, Rating.up())).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> r.edit(InteractionId.next(), ""))
                    .hasMessage("editedResponse must not be empty or blank");
        }
    }

    @Test
    void syncRecorderWritesThroughAndPropagatesStoreFailures() {
        FaultyStore store = new FaultyStore();
        InteractionRecorder r = InteractionRecorder.sync(store);
        Interaction i = interaction(1);
        r.log(i);
        r.rate(i.id(), Rating.up());
        assertThat(store.interactions().find(i.id()).orElseThrow().feedback().isThumbsUp())
                .isTrue();
        store.down = true;
        assertThatThrownBy(() -> r.log(interaction(2))).isInstanceOf(dev.tuneloop.errors.RetriableException.class);
        assertThat(r.stats().persisted()).isEqualTo(2);
        assertThat(r.stats().failedBatches()).isEqualTo(1);
    }
}
