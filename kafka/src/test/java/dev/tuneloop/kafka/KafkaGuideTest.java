package dev.tuneloop.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the snippets that docs/guide/kafka.md quotes, against a real in-JVM cluster. */
class KafkaGuideTest {
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

    @Test
    void wiringFromTheGuideRecordsIntoTheStoreAndErases() throws Exception {
        String bootstrap = cluster.bootstrap();
        Store store = Store.inMemory(); // JdbcStore.create(dataSource) in production
        // snippet:topics
        KafkaTopics topics = KafkaTopics.defaults();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics.newTopics(12, (short) 1, Duration.ofDays(3), Duration.ofDays(7)))
                    .all()
                    .get();
        }
        // end-snippet:topics

        // snippet:wiring
        Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrap); // plus your security settings

        // in every application instance: the recorder writes to Kafka instead of the database
        KafkaInteractionSink sink = KafkaInteractionSink.builder(kafka).build();
        InteractionRecorder recorder = InteractionRecorder.async(sink, RecorderOptions.defaults());

        // in one or more bridge processes (or in the app): Kafka -> the store, offsets committed after the store
        KafkaBridge bridge = KafkaBridge.builder(kafka, store).build().start();

        InteractionId id = recorder.log(Interaction.builder()
                .userId("user-42")
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse("$1.4B.")
                .modelUsed("gpt-4o-mini")
                .build());
        recorder.rate(id, Rating.up());
        // end-snippet:wiring

        Await.until(
                Duration.ofSeconds(60),
                () -> store.interactions()
                        .find(id)
                        .map(r -> r.feedback().hasFeedback())
                        .orElse(false),
                () -> bridge.stats().toString());

        // snippet:erasure
        sink.eraseUser("user-42"); // every bridge erases the user in its store and drops late records
        // end-snippet:erasure
        Await.until(
                Duration.ofSeconds(60),
                () -> store.interactions().find(id).isEmpty(),
                () -> bridge.stats().toString());

        // snippet:stats
        KafkaBridgeStats before = bridge.stats();
        // ... later, e.g. every 10 s from a scheduler ...
        KafkaBridgeStats now = bridge.stats();
        long lag = now.lag(); // records on the bridge's partitions not yet in the store
        double perSecond = now.appendedPerSecondSince(before);
        // end-snippet:stats
        assertThat(lag).isGreaterThanOrEqualTo(-1);
        assertThat(perSecond).isGreaterThanOrEqualTo(0);

        // snippet:shutdown
        recorder.close(); // drains the queue into Kafka
        sink.close();
        bridge.close(); // finishes or abandons (uncommitted) the batch in hand
        // end-snippet:shutdown
        assertThat(recorder.stats().persisted()).isEqualTo(2);
        assertThat(bridge.stats().erasuresApplied()).isEqualTo(1);
        assertThat(List.of(topics.interactions(), topics.feedback())).doesNotHaveDuplicates();
    }
}
