package dev.tuneloop.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka cluster in this JVM (KRaft, no Docker): one controller and one broker, separate so the broker can be
 * stopped and started again. One per test class; tests isolate themselves with topic prefixes and group ids.
 */
final class TestCluster implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final KafkaClusterTestKit kit;

    private TestCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    static TestCluster start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(false)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                .build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        TestCluster cluster = new TestCluster(kit);
        cluster.warmUp();
        return cluster;
    }

    /**
     * One idempotent send to a fresh topic, so the broker's producer-id allocation and metadata are ready before a
     * test's first batch (on a loaded machine the first one can otherwise outlast a sink's delivery timeout).
     */
    private void warmUp() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic("warm-up", 1, (short) 1)))
                    .all()
                    .get();
        }
        try (KafkaProducer<byte[], byte[]> p = rawProducer()) {
            p.send(new org.apache.kafka.clients.producer.ProducerRecord<>("warm-up", new byte[] {1}))
                    .get(2, java.util.concurrent.TimeUnit.MINUTES);
        }
    }

    String bootstrap() {
        return kit.bootstrapServers();
    }

    /** Client settings for tests: quick to notice a stopped broker and a left group member. */
    Map<String, Object> clientConfig() {
        return Map.of(
                "bootstrap.servers", bootstrap(),
                "reconnect.backoff.max.ms", "500",
                "retry.backoff.max.ms", "500");
    }

    /** Fresh topics with a unique prefix, created and ready. */
    KafkaTopics newTopics(String name, int partitions) throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix(name + "-" + SEQ.incrementAndGet() + ".");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            java.util.List<org.apache.kafka.clients.admin.NewTopic> created =
                    topics.newTopics(partitions, (short) 1, Duration.ofDays(1), Duration.ofDays(7));
            admin.createTopics(created).all().get();
            // the controller has created them; wait until the broker's metadata has every partition with a leader,
            // so a producer or consumer started next never sees "topic does not exist"
            Map<String, Integer> expected = new java.util.HashMap<>();
            created.forEach(t -> expected.put(t.name(), t.numPartitions()));
            java.util.Set<String> names = expected.keySet();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    boolean ready = admin.describeTopics(names).allTopicNames().get().values().stream()
                            .allMatch(d -> d.partitions().size() == expected.get(d.name())
                                    && d.partitions().stream().allMatch(p -> p.leader() != null));
                    if (ready) {
                        break;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " have no leaders after 30 s");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(
                        Duration.ofMillis(20).toNanos());
            }
        }
        return topics;
    }

    KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /** Every record of {@code topic} now, read from the beginning. */
    java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> out =
                new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            java.util.List<org.apache.kafka.common.TopicPartition> parts = new java.util.ArrayList<>();
            c.partitionsFor(topic)
                    .forEach(p -> parts.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                ConsumerRecords<byte[], byte[]> rs = c.poll(Duration.ofMillis(200));
                rs.forEach(out::add);
            }
        }
        return out;
    }

    void stopBroker() {
        kit.brokers().values().iterator().next().shutdown();
    }

    void startBroker() throws Exception {
        kit.brokers().values().iterator().next().startup();
        kit.waitForReadyBrokers();
    }

    @Override
    public void close() {
        try {
            kit.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the test cluster", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test cluster", e);
        }
    }
}
