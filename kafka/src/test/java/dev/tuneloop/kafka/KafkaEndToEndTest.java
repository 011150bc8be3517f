package dev.tuneloop.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FeedbackState;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.record.RecorderStats;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recorder → {@link KafkaInteractionSink} → a real in-JVM Kafka cluster → {@link KafkaBridge} → a store, with the
 * faults of the issue made small enough for CI: the store down while two producers log, the bridge killed between the
 * store's commit and its offset commit, poison records, erasure. Every invariant is exact.
 */
class KafkaEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static RecorderOptions recorderOptions() {
        return RecorderOptions.builder()
                .maxDelay(Duration.ofMillis(20))
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofSeconds(1))
                .build();
    }

    private KafkaInteractionSink sink(KafkaTopics topics) {
        return KafkaInteractionSink.builder(cluster.clientConfig())
                .topics(topics)
                .build();
    }

    private KafkaBridge.Builder bridge(KafkaTopics topics, Store store, String group) {
        return KafkaBridge.builder(cluster.clientConfig(), store)
                .topics(topics)
                .groupId(group)
                .maxBatchSize(200)
                .pollTimeout(Duration.ofMillis(100))
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(500))
                .lagInterval(Duration.ofMillis(200))
                .kafkaTimeout(Duration.ofSeconds(10))
                .closeTimeout(Duration.ofSeconds(20));
    }

    static Interaction interaction(String user, int n) {
        return Interaction.builder()
                .userId(user)
                .sessionId("s-" + user)
                .systemPrompt("You are a financial analyst.")
                .userMessage("Question " + n + " — naïve 日本語 🙂")
                .assistantResponse("Answer " + n)
                .addRetrievedDocument("doc-" + n, "10-Q", "context " + n)
                .putMetadata("feature", "chat")
                .modelUsed("gpt-4o-mini")
                .latency(Duration.ofMillis(n))
                .tokens(n, n + 1)
                .build();
    }

    private static long count(Store store) {
        return store.interactions().count(ScanQuery.all());
    }

    @Test
    void everythingLoggedArrivesExactlyAsLoggedWithItsFeedback() throws Exception {
        KafkaTopics topics = cluster.newTopics("roundtrip", 3);
        Store store = Store.inMemory();
        List<Interaction> logged = new ArrayList<>();
        try (KafkaBridge bridge = bridge(topics, store, "g-roundtrip").build().start();
                KafkaInteractionSink sink = sink(topics);
                InteractionRecorder recorder = InteractionRecorder.async(sink, recorderOptions())) {
            for (int n = 0; n < 300; n++) {
                Interaction i = interaction("user-" + (n % 7), n);
                logged.add(i);
                recorder.log(i);
                if (n % 3 == 0) {
                    recorder.rate(i.id(), n % 2 == 0 ? Rating.up() : Rating.down("too vague"));
                }
                if (n % 10 == 0) {
                    recorder.edit(i.id(), "Better answer " + n);
                    recorder.followUp(i.id(), "and Q4?");
                }
            }
            assertThat(recorder.flush(WAIT)).isTrue();
            RecorderStats rs = recorder.stats();
            assertThat(rs.persisted()).isEqualTo(rs.enqueued()).isEqualTo(300 + 100 + 30 + 30);
            // a batch Kafka was slow to acknowledge is re-sent whole (a loaded machine does that): Kafka may then hold
            // more records than were logged; the counts below are taken from the topics, and the store dedups
            KafkaInteractionSink.SinkStats ss = sink.stats();
            assertThat(ss.acknowledged()).isGreaterThanOrEqualTo(rs.persisted());
            if (ss.failedBatches() == 0) {
                assertThat(ss.acknowledged()).isEqualTo(rs.persisted());
            }
            long interactionRecords = cluster.readAll(topics.interactions()).size();
            long feedbackRecords = cluster.readAll(topics.feedback()).size();
            assertThat(interactionRecords + feedbackRecords).isEqualTo(ss.acknowledged());

            Await.until(
                    WAIT,
                    () -> count(store) == 300 && bridge.stats().lag() == 0,
                    () -> bridge.stats() + " stored " + count(store));
            for (int n = 0; n < 300; n++) {
                Interaction i = logged.get(n);
                RecordedInteraction r = store.interactions().find(i.id()).orElseThrow();
                assertThat(r.interaction()).isEqualTo(i);
                FeedbackState f = r.feedback();
                assertThat(f.latestRating().map(Rating::value).orElse(null))
                        .isEqualTo(n % 3 == 0 ? (n % 2 == 0 ? Rating.Value.UP : Rating.Value.DOWN) : null);
                assertThat(f.hadFollowUp()).isEqualTo(n % 10 == 0);
                assertThat(f.userEditedResponse().orElse(null)).isEqualTo(n % 10 == 0 ? "Better answer " + n : null);
            }
            Await.until(
                    WAIT,
                    () -> bridge.stats().recordsConsumed() == interactionRecords + feedbackRecords,
                    () -> bridge.stats().toString());
            KafkaBridgeStats s = bridge.stats();
            assertThat(s.running()).isTrue();
            assertThat(s.interactionsAppended()).isEqualTo(interactionRecords);
            assertThat(s.eventsAppended()).isEqualTo(feedbackRecords);
            assertThat(s.deadLettered()).isZero();
            assertThat(s.storeFailures()).isZero();
        }
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndNeverStopTheBridge() throws Exception {
        KafkaTopics topics = cluster.newTopics("poison", 1);
        Store store = Store.inMemory();
        Interaction good = interaction("user-1", 1);
        byte[] future = RecordCodec.encode(interaction("user-1", 2));
        future[0] = (byte) (RecordCodec.SCHEMA_VERSION + 1);
        try (KafkaBridge bridge = bridge(topics, store, "g-poison").build().start();
                KafkaProducer<byte[], byte[]> raw = cluster.rawProducer()) {
            raw.send(new ProducerRecord<>(
                            topics.interactions(), "k1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 1, 7}))
                    .get();
            raw.send(new ProducerRecord<>(topics.interactions(), null, future)).get();
            raw.send(new ProducerRecord<>(topics.feedback(), null, "not tuneloop".getBytes(StandardCharsets.UTF_8)))
                    .get();
            raw.send(new ProducerRecord<>(topics.interactions(), null, RecordCodec.encode(good)))
                    .get();
            Await.until(
                    WAIT,
                    () -> store.interactions().find(good.id()).isPresent()
                            && bridge.stats().deadLettered() == 3,
                    () -> bridge.stats().toString());
            assertThat(bridge.stats().running()).isTrue();
        }
        List<ConsumerRecord<byte[], byte[]>> dead = cluster.readAll(topics.deadLetter());
        assertThat(dead).hasSize(3);
        Map<String, String> reasons = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            String reason =
                    new String(r.headers().lastHeader(KafkaBridge.HEADER_REASON).value(), StandardCharsets.UTF_8);
            String where = new String(
                            r.headers().lastHeader(KafkaBridge.HEADER_TOPIC).value(), StandardCharsets.UTF_8) + "@"
                    + new String(
                            r.headers().lastHeader(KafkaBridge.HEADER_OFFSET).value(), StandardCharsets.UTF_8);
            reasons.put(where, reason);
        }
        assertThat(reasons)
                .containsEntry(
                        topics.interactions() + "@0",
                        "record ends inside id (at byte 2 of 3); it is truncated or not a Tuneloop record")
                .containsEntry(
                        topics.interactions() + "@1",
                        "record has schema version " + (RecordCodec.SCHEMA_VERSION + 1)
                                + ", but this reader knows versions 1 to " + RecordCodec.SCHEMA_VERSION
                                + ": upgrade tuneloop-kafka where it is read")
                .containsKey(topics.feedback() + "@0");
        // the original bytes are kept, so a fixed bridge can replay them
        assertThat(dead.stream()
                        .filter(r -> r.value().length == future.length)
                        .findFirst()
                        .orElseThrow()
                        .value())
                .isEqualTo(future);
        assertThat(count(store)).isEqualTo(1);
    }

    @Test
    void storeDownWhileTwoProducersLogLosesAndDuplicatesNothing() throws Exception {
        KafkaTopics topics = cluster.newTopics("storedown", 4);
        FaultyStore store = new FaultyStore(Store.inMemory());
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<InteractionId> logged = new ConcurrentLinkedQueue<>();
        long maxLagDuringOutage = -1;
        try (KafkaBridge bridge = bridge(topics, store, "g-storedown").build().start();
                KafkaInteractionSink sink = sink(topics);
                InteractionRecorder r1 = InteractionRecorder.async(sink, recorderOptions());
                InteractionRecorder r2 = InteractionRecorder.async(sink, recorderOptions())) {
            List<Thread> producers = new ArrayList<>();
            for (InteractionRecorder r : List.of(r1, r2)) {
                Thread t = new Thread(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        Interaction i = interaction("user-" + (n % 13), n++);
                        logged.add(r.log(i));
                        r.rate(i.id(), Rating.up());
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                t.start();
                producers.add(t);
            }
            Await.until(WAIT, () -> count(store) > 200, () -> "stored " + count(store));
            store.down = true;
            long outageStart = System.nanoTime();
            while (System.nanoTime() - outageStart < Duration.ofSeconds(5).toNanos()) {
                maxLagDuringOutage = Math.max(maxLagDuringOutage, bridge.stats().lag());
                Thread.sleep(100);
            }
            store.down = false;
            Thread.sleep(500);
            stop.set(true);
            for (Thread t : producers) {
                t.join();
            }
            assertThat(r1.flush(WAIT)).isTrue();
            assertThat(r2.flush(WAIT)).isTrue();
            int n = logged.size();
            Await.until(
                    WAIT,
                    () -> count(store) == n && bridge.stats().lag() == 0,
                    () -> "stored " + count(store) + " of " + n + ", " + bridge.stats());

            Set<InteractionId> stored = new HashSet<>();
            store.interactions()
                    .scan(ScanQuery.all(), r -> assertThat(stored.add(r.id())).isTrue());
            assertThat(stored).containsExactlyInAnyOrderElementsOf(logged); // 0 lost, 0 duplicated
            for (InteractionId id : logged) {
                assertThat(store.interactions()
                                .find(id)
                                .orElseThrow()
                                .feedback()
                                .rating()
                                .value())
                        .isEqualTo(Rating.Value.UP);
            }
            assertThat(r1.stats().dropped() + r2.stats().dropped()).isZero();
            KafkaBridgeStats s = bridge.stats();
            assertThat(s.storeFailures()).isPositive();
            assertThat(store.failures.get()).isPositive();
            assertThat(maxLagDuringOutage)
                    .as("lag reported while the store was down")
                    .isPositive();
            assertThat(s.interactionsAppended())
                    .as("every interaction record in Kafka was appended once, re-sent ones included")
                    .isEqualTo(cluster.readAll(topics.interactions()).size());
        }
    }

    @Test
    void bridgeKilledAfterTheStoreCommittedReplaysWithoutLossOrDuplicates() throws Exception {
        KafkaTopics topics = cluster.newTopics("killed", 2);
        FaultyStore store = new FaultyStore(Store.inMemory());
        List<InteractionId> logged = new ArrayList<>();
        try (KafkaInteractionSink sink = sink(topics);
                InteractionRecorder recorder = InteractionRecorder.async(sink, recorderOptions())) {
            for (int n = 0; n < 1000; n++) {
                Interaction i = interaction("user-" + (n % 5), n);
                logged.add(recorder.log(i));
                recorder.rate(i.id(), Rating.down());
            }
            assertThat(recorder.flush(WAIT)).isTrue();
        }
        store.crashAfterAppends.set(3); // the 3rd batch commits in the store, then the bridge dies
        KafkaBridge first =
                bridge(topics, store, "g-killed").maxBatchSize(100).build().start();
        assertThat(first.awaitTermination(WAIT)).as("the first bridge died").isTrue();
        KafkaBridgeStats dead = first.stats();
        assertThat(dead.running()).isFalse();
        assertThat(store.appends.get()).isEqualTo(3);
        assertThat(dead.batchesCommitted()).isEqualTo(2);
        assertThat(dead.recordsConsumed()).isLessThan(2000);
        first.close();

        try (KafkaBridge second = bridge(topics, store, "g-killed").build().start()) {
            Await.until(
                    WAIT,
                    () -> count(store) == 1000 && second.stats().lag() == 0,
                    () -> second.stats().toString());
            Set<InteractionId> stored = new HashSet<>();
            store.interactions()
                    .scan(ScanQuery.all(), r -> assertThat(stored.add(r.id())).isTrue());
            assertThat(stored).containsExactlyInAnyOrderElementsOf(logged);
            // the batch the first bridge stored but never committed was read again: replayed, not duplicated
            long inKafka = (long) cluster.readAll(topics.interactions()).size()
                    + cluster.readAll(topics.feedback()).size(); // 2000, more if the recorder re-sent a batch
            Await.until(
                    WAIT,
                    () -> dead.recordsConsumed() + second.stats().recordsConsumed() > inKafka,
                    () -> second.stats().toString());
            assertThat(dead.recordsConsumed() + second.stats().recordsConsumed() - inKafka)
                    .as("records read twice: the one uncommitted batch of at most 100")
                    .isBetween(1L, 100L);
            for (InteractionId id : logged) {
                assertThat(store.interactions()
                                .find(id)
                                .orElseThrow()
                                .feedback()
                                .rating()
                                .value())
                        .isEqualTo(Rating.Value.DOWN);
            }
        }
    }

    @Test
    void erasureReachesTheStoreAndEveryLaterRecordOfTheUserAlsoAfterARestart() throws Exception {
        KafkaTopics topics = cluster.newTopics("erasure", 2);
        Store store = Store.inMemory();
        Interaction early = interaction("alice", 1);
        Interaction bobs = interaction("bob", 2);
        try (KafkaInteractionSink sink = sink(topics);
                InteractionRecorder recorder = InteractionRecorder.async(sink, recorderOptions())) {
            KafkaBridge bridge = bridge(topics, store, "g-erasure").build().start();
            recorder.log(early);
            recorder.log(bobs);
            recorder.rate(early.id(), Rating.up());
            Await.until(WAIT, () -> count(store) == 2, () -> bridge.stats().toString());

            assertThatThrownBy(() -> sink.eraseUser(" ")).isInstanceOf(ValidationException.class);
            sink.eraseUser("alice");
            Await.until(
                    WAIT,
                    () -> bridge.stats().erasuresApplied() == 1,
                    () -> bridge.stats().toString());
            assertThat(store.interactions().find(early.id())).isEmpty();
            assertThat(store.interactions().find(bobs.id())).isPresent();

            // later records of alice: a late rating of the erased interaction, and new interactions
            Interaction late = interaction("alice", 3);
            recorder.rate(early.id(), Rating.down());
            recorder.log(late);
            recorder.edit(late.id(), "an edit with personal data");
            recorder.log(interaction("bob", 4));
            assertThat(recorder.flush(WAIT)).isTrue();
            Await.until(
                    WAIT,
                    () -> count(store) == 2 && bridge.stats().lag() == 0,
                    () -> bridge.stats().toString());
            assertThat(store.interactions().find(late.id())).isEmpty();
            // 3 records of alice's, more if the recorder re-sent a batch; what matters is checked in the store
            assertThat(bridge.stats().erasedDropped()).isGreaterThanOrEqualTo(3);
            bridge.close();

            // a restarted bridge rebuilds its erasure state from the topic
            try (KafkaBridge restarted =
                    bridge(topics, store, "g-erasure").build().start()) {
                Interaction afterRestart = interaction("alice", 5);
                recorder.log(afterRestart);
                recorder.rate(late.id(), Rating.up());
                recorder.rate(early.id(), Rating.up());
                recorder.log(interaction("bob", 6));
                assertThat(recorder.flush(WAIT)).isTrue();
                Await.until(
                        WAIT,
                        () -> count(store) == 3 && restarted.stats().lag() == 0,
                        () -> restarted.stats().toString());
                assertThat(restarted.stats().erasedDropped()).isGreaterThanOrEqualTo(3);
                assertThat(store.interactions().count(ScanQuery.all().withUserId("alice")))
                        .isZero();
                // feedback about alice's interactions never landed: stores keep early events, so check by
                // appending the interactions back directly and reading their derived state
                store.interactions().append(List.of(early, late), List.of());
                assertThat(store.interactions().find(early.id()).orElseThrow().feedback())
                        .isEqualTo(FeedbackState.NONE);
                assertThat(store.interactions().find(late.id()).orElseThrow().feedback())
                        .isEqualTo(FeedbackState.NONE);
            }
        }
    }

    @Test
    void feedbackThatArrivedBeforeAnErasedUsersInteractionIsErasedToo() throws Exception {
        KafkaTopics topics = cluster.newTopics("orphan", 1);
        Store store = Store.inMemory();
        try (KafkaInteractionSink sink = sink(topics);
                KafkaBridge bridge = bridge(topics, store, "g-orphan").build().start()) {
            sink.eraseUser("carol");
            Await.until(
                    WAIT,
                    () -> bridge.stats().erasuresApplied() == 1,
                    () -> bridge.stats().toString());
            Interaction late = interaction("carol", 1);
            // the edit reaches the bridge first (another app instance, another partition's pace)
            sink.append(
                    List.of(),
                    List.of(FeedbackEvent.of(
                            late.id(), late.createdAt(), new dev.tuneloop.record.Edit("personal", null))));
            Await.until(
                    WAIT,
                    () -> bridge.stats().eventsAppended() == 1,
                    () -> bridge.stats().toString());
            sink.append(List.of(late), List.of());
            Await.until(
                    WAIT,
                    () -> bridge.stats().erasedDropped() == 1 && bridge.stats().lag() == 0,
                    () -> bridge.stats().toString());
            assertThat(store.interactions().find(late.id())).isEmpty();
            store.interactions().append(List.of(late), List.of());
            assertThat(store.interactions().find(late.id()).orElseThrow().feedback())
                    .isEqualTo(FeedbackState.NONE);
        }
    }

    @Test
    void settingsThatWouldBreakTheGuaranteesAreRefused() {
        assertThatThrownBy(() -> KafkaInteractionSink.builder(
                                Map.of("bootstrap.servers", "x:1", "acks", "1", "enable.idempotence", "false"))
                        .deliveryTimeout(Duration.ofMillis(10))
                        .compression("brotli")
                        .build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .containsExactly(
                                "deliveryTimeout must be >= 1 s, but was PT0.01S",
                                "compression must be none, gzip, snappy, lz4 or zstd, but was 'brotli'"));
        assertThatThrownBy(() -> KafkaInteractionSink.builder(Map.of("bootstrap.servers", "x:1", "acks", "1"))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("producer config must not set acks to '1': Tuneloop needs 'all'");
        assertThatThrownBy(() -> KafkaBridge.builder(Map.of("bootstrap.servers", "x:1"), Store.inMemory())
                        .maxBatchSize(0)
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("maxBatchSize must be >= 1, but was 0");
        assertThatThrownBy(() -> KafkaBridge.builder(Map.of("group.id", "g"), Store.inMemory())
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 problems: kafkaConfig must set bootstrap.servers, but does not; "
                        + "kafkaConfig must not set group.id: use groupId(...)");
        assertThatThrownBy(() -> new KafkaTopics("a", "b", "a", "d"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("erasures must be a topic of its own (it is compacted), but was 'a'");
    }

    @Test
    void aBridgeRefusesToStartWithoutItsTopics() {
        KafkaTopics missing = KafkaTopics.withPrefix("missing.");
        try (KafkaBridge bridge = bridge(missing, Store.inMemory(), "g-missing").build()) {
            assertThatThrownBy(bridge::start)
                    .isInstanceOf(TuneloopException.class)
                    .hasMessageStartingWith("topic missing.tuneloop.interactions does not exist");
        }
    }
}
