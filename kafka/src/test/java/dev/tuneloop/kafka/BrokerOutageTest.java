package dev.tuneloop.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.record.RecorderStats;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker stops while the application logs: the producer's buffer and the recorder's queue absorb what they can,
 * the rest is dropped and counted, and the count is exact: logged = stored + dropped. Its own cluster, because the
 * broker is stopped.
 */
class BrokerOutageTest {
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
    void dropsDuringABrokerOutageAreCountedExactly() throws Exception {
        KafkaTopics topics = cluster.newTopics("outage", 2);
        Store store = Store.inMemory();
        RecorderOptions options = RecorderOptions.builder()
                .maxQueueSize(2_000)
                .maxBatchSize(200)
                .maxDelay(Duration.ofMillis(20))
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(500))
                .closeTimeout(Duration.ofSeconds(60))
                .build();
        OutageScenario.Result r;
        try (KafkaBridge bridge = KafkaBridge.builder(cluster.clientConfig(), store)
                        .topics(topics)
                        .groupId("g-outage")
                        .pollTimeout(Duration.ofMillis(100))
                        .maxBackoff(Duration.ofMillis(500))
                        .lagInterval(Duration.ofMillis(200))
                        .kafkaTimeout(Duration.ofSeconds(3))
                        .build()
                        .start();
                KafkaInteractionSink sink = KafkaInteractionSink.builder(cluster.clientConfig())
                        .topics(topics)
                        .deliveryTimeout(Duration.ofSeconds(2))
                        .build()) {
            InteractionRecorder recorder = InteractionRecorder.async(sink, options);
            r = OutageScenario.run(
                    recorder,
                    cluster::stopBroker,
                    cluster::startBroker,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(6),
                    1);
            long expected = r.logged() - r.recorder().dropped();
            Await.until(
                    Duration.ofSeconds(90),
                    () -> store.interactions().count(ScanQuery.all()) == expected,
                    () -> "stored " + store.interactions().count(ScanQuery.all()) + " of " + expected + "; " + r + "; "
                            + bridge.stats());
        }
        long stored = store.interactions().count(ScanQuery.all());
        RecorderStats s = r.recorder();
        assertThat(r.logged()).isEqualTo(stored + s.dropped());
        assertThat(s.enqueued() + s.dropped()).isEqualTo(r.logged());
        assertThat(s.rejected()).isZero();
        assertThat(s.failedBatches()).as("the outage was felt").isPositive();
        assertThat(s.dropped()).as("the outage outlasted the queue").isPositive();
        assertThat(s.persisted()).isEqualTo(stored);
    }
}
