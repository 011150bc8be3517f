package dev.tuneloop.kafka;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link Store} from Tuneloop's topics: reads interactions and feedback events in batches, appends them to
 * the store, and commits the offsets only after the store committed. A crash replays the uncommitted batch and the
 * store's append, idempotent on ids, skips what it already has: exactly-once in effect.
 *
 * <pre>{@code
 * KafkaBridge bridge = KafkaBridge.builder(Map.of("bootstrap.servers", "kafka:9092"), store).build().start();
 * // ... bridge.stats() for lag and throughput ...
 * bridge.close();
 * }</pre>
 *
 * <p>Runs inside an application (one thread, started by {@link #start()}) or as a small service (run it from your
 * own {@code main}; see the guide). Bridges of one consumer group share the partitions; each applies every erasure.
 *
 * <p><b>Failures.</b> While the store fails, the batch in hand is retried with capped exponential backoff and jitter
 * and nothing is committed; lag keeps being measured. A record that cannot be decoded (including an unknown future
 * schema version) or that the store refuses as invalid goes to {@link KafkaTopics#deadLetter()} with the original
 * key, value and headers plus the headers {@value #HEADER_REASON}, {@value #HEADER_TOPIC}, {@value #HEADER_PARTITION}
 * and {@value #HEADER_OFFSET}; the log names topic, partition and offset, never the payload. Poison never stops
 * the bridge.
 *
 * <p><b>Erasure.</b> The bridge reads {@link KafkaTopics#erasures()} from the beginning at start (so its state is
 * rebuilt after a restart) and then alongside the data. For each user erasure within the window it notes the user's
 * interaction ids on the erasure topic, then calls {@link Store#eraseUser}; until {@code requestedAt + erasureWindow}
 * it drops every interaction of that user that arrives, and every feedback event about an erased interaction. Feedback
 * that reached the store before its (later dropped) interaction is erased too: the bridge stores a text-free
 * placeholder of the interaction to link it and erases the user again.
 *
 * <p>Thread-safe: {@link #stats()} and {@link #close()} may be called from any thread.
 */
public final class KafkaBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBridge.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Header of a dead letter: why it was dead-lettered (a rule and field names, never payload text). */
    public static final String HEADER_REASON = "tuneloop.dead-letter.reason";
    /** Header of a dead letter: the topic the record was read from. */
    public static final String HEADER_TOPIC = "tuneloop.dead-letter.topic";
    /** Header of a dead letter: the partition the record was read from. */
    public static final String HEADER_PARTITION = "tuneloop.dead-letter.partition";
    /** Header of a dead letter: the offset of the record. */
    public static final String HEADER_OFFSET = "tuneloop.dead-letter.offset";

    /** Default consumer group. */
    public static final String DEFAULT_GROUP_ID = "tuneloop-bridge";
    /** Default records per batch ({@code max.poll.records}). */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1000;
    /** Default longest wait of one poll. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    /** Default time an erasure keeps being applied to arriving records. */
    public static final Duration DEFAULT_ERASURE_WINDOW = Duration.ofDays(7);
    /** Default first retry delay after a store failure. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    /** Default cap of the retry delay. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    /** Default interval between lag measurements. */
    public static final Duration DEFAULT_LAG_INTERVAL = Duration.ofSeconds(5);
    /** Default longest wait for Kafka calls (commits, dead letters, end offsets). */
    public static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(30);
    /** Default time {@link #close()} waits for the thread. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final String PLACEHOLDER = "[erased]";

    private final Store store;
    private final KafkaTopics topics;
    private final Clock clock;
    private final Duration pollTimeout;
    private final Duration erasureWindow;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final long lagIntervalNanos;
    private final Duration kafkaTimeout;
    private final Duration closeTimeout;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaConsumer<byte[], byte[]> erasureConsumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;

    private final Map<String, Instant> erasedUsers = new HashMap<>();
    private final Map<InteractionId, Instant> erasedInteractions = new HashMap<>();

    private final AtomicLong recordsConsumed = new AtomicLong();
    private final AtomicLong interactionsAppended = new AtomicLong();
    private final AtomicLong eventsAppended = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong erasuresApplied = new AtomicLong();
    private final AtomicLong erasedDropped = new AtomicLong();
    private final AtomicLong batchesCommitted = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final AtomicLong commitFailures = new AtomicLong();
    private volatile long lag = -1;
    private volatile Instant lagMeasuredAt = Instant.EPOCH;
    private volatile boolean running;
    private volatile boolean closing;
    private long nextLagNanos = System.nanoTime();
    private long lastExpiryNanos = System.nanoTime();

    private KafkaBridge(Builder b) {
        this.store = b.store;
        this.topics = b.topics;
        this.clock = b.clock;
        this.pollTimeout = b.pollTimeout;
        this.erasureWindow = b.erasureWindow;
        this.initialBackoffNanos = b.initialBackoff.toNanos();
        this.maxBackoffNanos = b.maxBackoff.toNanos();
        this.lagIntervalNanos = b.lagInterval.toNanos();
        this.kafkaTimeout = b.kafkaTimeout;
        this.closeTimeout = b.closeTimeout;
        Map<String, Object> consumerConfig = b.consumerConfig();
        Map<String, Object> erasureConfig = b.erasureConsumerConfig();
        Map<String, Object> producerConfig = b.producerConfig();
        KafkaConsumer<byte[], byte[]> c = null;
        KafkaConsumer<byte[], byte[]> e = null;
        try {
            c = new KafkaConsumer<>(consumerConfig);
            e = new KafkaConsumer<>(erasureConfig);
            this.producer = new KafkaProducer<>(producerConfig);
        } catch (RuntimeException ex) {
            if (c != null) {
                c.close(CloseOptions.timeout(Duration.ZERO));
            }
            if (e != null) {
                e.close(CloseOptions.timeout(Duration.ZERO));
            }
            throw ex;
        }
        this.consumer = c;
        this.erasureConsumer = e;
        this.thread = new Thread(this::run, "tuneloop-bridge-" + THREADS.incrementAndGet());
    }

    /**
     * A builder over the host's Kafka client settings ({@code bootstrap.servers} and security; used for the bridge's
     * consumers and its producer) and the store to feed.
     *
     * @param kafkaConfig Kafka client settings shared by the consumers and the producer
     * @param store the store to append to and erase from
     * @return a new builder
     */
    public static Builder builder(Map<String, ?> kafkaConfig, Store store) {
        return new Builder(kafkaConfig, store);
    }

    /**
     * Checks that the topics exist and starts the bridge's thread.
     *
     * @return this bridge
     * @throws TuneloopException naming a missing topic (create them with {@link KafkaTopics#newTopics}), or when
     *     Kafka cannot be reached within the Kafka timeout
     * @throws IllegalStateException when already started or closed
     */
    public KafkaBridge start() {
        if (closing || thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("the bridge was already started or closed");
        }
        for (String topic : new LinkedHashSet<>(List.of(topics.interactions(), topics.feedback(), topics.erasures()))) {
            List<PartitionInfo> partitions;
            try {
                partitions = erasureConsumer.partitionsFor(topic, kafkaTimeout);
            } catch (KafkaException e) {
                throw KafkaInteractionSink.translate("look up topic " + topic, e);
            }
            if (partitions == null || partitions.isEmpty()) {
                throw new TuneloopException("topic " + topic + " does not exist; create Tuneloop's topics first "
                        + "(KafkaTopics.newTopics gives their recommended settings)");
            }
        }
        running = true;
        thread.start();
        return this;
    }

    /**
     * The counters now.
     *
     * @return a snapshot
     */
    public KafkaBridgeStats stats() {
        return new KafkaBridgeStats(
                clock.instant(),
                running,
                recordsConsumed.get(),
                interactionsAppended.get(),
                eventsAppended.get(),
                deadLettered.get(),
                erasuresApplied.get(),
                erasedDropped.get(),
                batchesCommitted.get(),
                storeFailures.get(),
                commitFailures.get(),
                lag,
                lagMeasuredAt);
    }

    /**
     * Stops the bridge: the batch in hand is finished if the store takes it, otherwise left uncommitted (it is read
     * again at the next start); then the clients are closed. Waits at most the close timeout. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        if (thread.getState() == Thread.State.NEW) {
            closeClients();
            return;
        }
        consumer.wakeup();
        LockSupport.unpark(thread);
        try {
            thread.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Tuneloop bridge thread did not stop within {} ms; interrupting it", closeTimeout.toMillis());
            thread.interrupt();
        }
    }

    /**
     * Waits until the bridge's thread has ended (after {@link #close()}, or after a fatal error).
     *
     * @param timeout the longest wait
     * @return true when the thread has ended
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    @Override
    public String toString() {
        return "KafkaBridge[" + topics.interactions() + ", " + topics.feedback() + " -> " + store + "]";
    }

    // ------------------------------------------------------------------ the bridge's thread

    private void run() {
        try {
            assignErasures();
            catchUpErasures();
            List<String> data = new ArrayList<>(new LinkedHashSet<>(List.of(topics.interactions(), topics.feedback())));
            consumer.subscribe(data);
            while (!closing) {
                pollErasures(Duration.ZERO);
                measureLagIfDue(0);
                expireErasures();
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(pollTimeout);
                } catch (WakeupException e) {
                    break;
                }
                if (records.isEmpty()) {
                    continue;
                }
                Batch batch = prepare(records);
                if (!deliver(batch)) {
                    break; // closing while the store still fails: leave the batch uncommitted
                }
                commit(batch);
            }
        } catch (WakeupException e) {
            // close() during a Kafka call
        } catch (RuntimeException e) {
            LOG.error(
                    "Tuneloop bridge stopped by an unexpected failure; uncommitted records are read again at the "
                            + "next start",
                    e);
        } finally {
            running = false;
            closeClients();
        }
    }

    private void closeClients() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.debug("closing the bridge's consumer failed", e);
        }
        try {
            erasureConsumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.debug("closing the bridge's erasure consumer failed", e);
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("closing the bridge's producer failed", e);
        }
    }

    /** One polled batch, classified. */
    private static final class Batch {
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        final List<Interaction> interactions = new ArrayList<>();
        final List<FeedbackEvent> events = new ArrayList<>();
        /** The record each item came from, to dead-letter an item the store refuses. */
        final Map<Object, ConsumerRecord<byte[], byte[]>> sources = new HashMap<>();
        /** Records to dead-letter, with their reason. */
        final Map<ConsumerRecord<byte[], byte[]>, String> poison = new LinkedHashMap<>();
        /** Interactions of erased users: their ids are noted, placeholders stored, the users erased again. */
        final Map<InteractionId, Interaction> erased = new LinkedHashMap<>();

        int records;
        boolean poisonSent;
        boolean erasureNoted;
        boolean appended;
    }

    private Batch prepare(ConsumerRecords<byte[], byte[]> records) {
        Batch b = new Batch();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            b.records++;
            b.offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            Payload p;
            try {
                byte[] value = r.value();
                if (value == null) {
                    throw new ValidationException("record value must not be null (a tombstone)");
                }
                p = RecordCodec.decode(value);
            } catch (ValidationException e) {
                b.poison.put(r, e.getMessage());
                continue;
            }
            if (p instanceof Payload.OfInteraction i) {
                b.interactions.add(i.interaction());
                b.sources.put(i.interaction(), r);
            } else if (p instanceof Payload.OfFeedback f) {
                b.events.add(f.event());
                b.sources.put(f.event(), r);
            } else {
                b.poison.put(
                        r, "an erasure record must be published on " + topics.erasures() + ", not on a data topic");
            }
        }
        recordsConsumed.addAndGet(b.records);
        filterErased(b);
        return b;
    }

    /** Drops records of erased users; interactions first, so feedback about one dropped in this batch goes too. */
    private void filterErased(Batch b) {
        if (erasedUsers.isEmpty() && erasedInteractions.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Interaction> kept = new ArrayList<>(b.interactions.size());
        for (Interaction i : b.interactions) {
            Instant requested = erasedUsers.get(i.userId());
            if (requested != null && now.isBefore(requested.plus(erasureWindow))) {
                b.erased.put(i.id(), i);
                erasedInteractions.merge(i.id(), requested, (x, y) -> x.isAfter(y) ? x : y);
                erasedDropped.incrementAndGet();
            } else {
                kept.add(i);
            }
        }
        List<FeedbackEvent> keptEvents = new ArrayList<>(b.events.size());
        for (FeedbackEvent e : b.events) {
            Instant requested = erasedInteractions.get(e.interactionId());
            if (requested != null && now.isBefore(requested.plus(erasureWindow))) {
                erasedDropped.incrementAndGet();
            } else {
                keptEvents.add(e);
            }
        }
        b.interactions.clear();
        b.interactions.addAll(kept);
        b.events.clear();
        b.events.addAll(keptEvents);
    }

    /**
     * Delivers a batch: dead letters, erasure notes, the store append, re-erasure. Retries until done or closing.
     *
     * @return true when everything is done and the offsets may be committed
     */
    private boolean deliver(Batch b) {
        int attempt = 0;
        while (true) {
            try {
                if (!b.poisonSent) {
                    for (Map.Entry<ConsumerRecord<byte[], byte[]>, String> e : b.poison.entrySet()) {
                        deadLetter(e.getKey(), e.getValue());
                    }
                    b.poisonSent = true;
                }
                if (!b.erasureNoted && !b.erased.isEmpty()) {
                    noteErased(b.erased.values());
                    b.erasureNoted = true;
                }
                if (!b.appended) {
                    appendIsolating(b);
                    b.appended = true;
                }
                if (!b.erased.isEmpty()) {
                    eraseLinked(b.erased.values());
                }
                interactionsAppended.addAndGet(b.interactions.size());
                eventsAppended.addAndGet(b.events.size());
                return true;
            } catch (TuneloopException | KafkaException e) {
                if (!backoff(attempt++, e, b.records)) {
                    return false;
                }
            }
        }
    }

    /** Appends the batch; when the store refuses it as invalid, item by item, dead-lettering the refused ones. */
    private void appendIsolating(Batch b) {
        try {
            store.interactions().append(b.interactions, b.events);
            return;
        } catch (ValidationException | IllegalArgumentException e) {
            if (b.interactions.size() + b.events.size() == 1) {
                ConsumerRecord<byte[], byte[]> source = b.interactions.isEmpty()
                        ? b.sources.get(b.events.get(0))
                        : b.sources.get(b.interactions.get(0));
                deadLetter(Objects.requireNonNull(source), "refused by the store: " + e.getMessage());
                b.interactions.clear();
                b.events.clear();
                return;
            }
        }
        List<Interaction> okInteractions = new ArrayList<>();
        List<FeedbackEvent> okEvents = new ArrayList<>();
        for (Interaction i : b.interactions) {
            try {
                store.interactions().append(List.of(i), List.of());
                okInteractions.add(i);
            } catch (ValidationException | IllegalArgumentException e) {
                deadLetter(Objects.requireNonNull(b.sources.get(i)), "refused by the store: " + e.getMessage());
            }
        }
        for (FeedbackEvent ev : b.events) {
            try {
                store.interactions().append(List.of(), List.of(ev));
                okEvents.add(ev);
            } catch (ValidationException | IllegalArgumentException e) {
                deadLetter(Objects.requireNonNull(b.sources.get(ev)), "refused by the store: " + e.getMessage());
            }
        }
        b.interactions.clear();
        b.interactions.addAll(okInteractions);
        b.events.clear();
        b.events.addAll(okEvents);
    }

    /**
     * Links feedback that may have reached the store before its interaction of an erased user: stores a text-free
     * placeholder of each such interaction, then erases their users again.
     */
    private void eraseLinked(Collection<Interaction> erased) {
        List<Interaction> placeholders = new ArrayList<>(erased.size());
        Set<String> users = new LinkedHashSet<>();
        for (Interaction i : erased) {
            placeholders.add(new Interaction(
                    i.id(),
                    i.createdAt(),
                    i.userId(),
                    null,
                    null,
                    PLACEHOLDER,
                    PLACEHOLDER,
                    List.of(),
                    PLACEHOLDER,
                    List.of(),
                    Duration.ZERO,
                    0,
                    0,
                    Map.of()));
            users.add(i.userId());
        }
        try {
            store.interactions().append(placeholders, List.of());
            for (String u : users) {
                store.eraseUser(u);
            }
        } catch (ValidationException e) {
            // cannot happen with a conforming store; retrying would not help, stopping would block every user
            LOG.error(
                    "Tuneloop bridge could not erase feedback that arrived before an erased interaction: {}",
                    e.getMessage());
        }
    }

    /** Publishes an {@link Payload.ErasedInteraction} note per id and waits for Kafka's acknowledgement. */
    private void noteErased(Collection<Interaction> erased) {
        Map<InteractionId, Instant> notes = new LinkedHashMap<>();
        for (Interaction i : erased) {
            notes.put(i.id(), erasedUsers.getOrDefault(i.userId(), clock.instant()));
        }
        publishNotes(notes);
    }

    private void publishNotes(Map<InteractionId, Instant> notes) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(notes.size());
        for (Map.Entry<InteractionId, Instant> e : notes.entrySet()) {
            acks.add(producer.send(new ProducerRecord<>(
                    topics.erasures(),
                    ("interaction:" + e.getKey()).getBytes(StandardCharsets.UTF_8),
                    RecordCodec.encode(new Payload.ErasedInteraction(e.getKey(), e.getValue())))));
        }
        awaitAll(acks, "note erased interactions");
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> r, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(h);
        }
        headers.add(HEADER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_TOPIC, r.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_PARTITION, Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_OFFSET, Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
        Future<RecordMetadata> ack =
                producer.send(new ProducerRecord<>(topics.deadLetter(), null, r.key(), r.value(), headers));
        awaitAll(List.of(ack), "dead-letter a record");
        deadLettered.incrementAndGet();
        LOG.warn("Tuneloop bridge dead-lettered {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
    }

    private void awaitAll(List<Future<RecordMetadata>> acks, String what) {
        long deadline = System.nanoTime() + kafkaTimeout.toNanos();
        for (Future<RecordMetadata> f : acks) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("interrupted while waiting to " + what, e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new RetriableException(
                        "Kafka did not acknowledge within " + kafkaTimeout.toMillis() + " ms (" + what + ")", e);
            } catch (ExecutionException e) {
                throw KafkaInteractionSink.translate(what, e.getCause() != null ? e.getCause() : e);
            }
        }
    }

    private void commit(Batch b) {
        try {
            consumer.commitSync(b.offsets, kafkaTimeout);
            batchesCommitted.incrementAndGet();
        } catch (WakeupException e) {
            // close() called: commit once more without the wake-up, so a batch the store took is not replayed
            try {
                consumer.commitSync(b.offsets, kafkaTimeout);
                batchesCommitted.incrementAndGet();
            } catch (KafkaException again) {
                commitFailed(again);
            }
            throw e;
        } catch (KafkaException e) {
            commitFailed(e);
        }
    }

    private void commitFailed(KafkaException e) {
        commitFailures.incrementAndGet();
        LOG.warn(
                "Tuneloop bridge could not commit offsets ({}); the batch will be read again and the store skips it",
                e.toString());
    }

    /**
     * Waits before the next attempt, measuring lag meanwhile.
     *
     * @return false when closing: give up
     */
    private boolean backoff(int attempt, RuntimeException e, int inHand) {
        storeFailures.incrementAndGet();
        long exp = attempt >= 30 ? maxBackoffNanos : Math.min(maxBackoffNanos, initialBackoffNanos << attempt);
        long wait = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        if (attempt == 0 || attempt % 10 == 0) {
            LOG.warn(
                    "Tuneloop bridge could not deliver a batch of {} records (attempt {}), retrying: {}",
                    inHand,
                    attempt + 1,
                    e.toString());
        }
        long until = System.nanoTime() + wait;
        while (!closing) {
            measureLagIfDue(inHand);
            long left = until - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(this, Math.min(left, lagIntervalNanos));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return false;
    }

    private void measureLagIfDue(int inHand) {
        long now = System.nanoTime();
        if (now - nextLagNanos < 0) {
            return;
        }
        nextLagNanos = now + lagIntervalNanos;
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, kafkaTimeout);
            long total = inHand;
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                long position = consumer.position(e.getKey(), kafkaTimeout);
                total += Math.max(0, e.getValue() - position);
            }
            lag = total;
            lagMeasuredAt = clock.instant();
        } catch (KafkaException e) {
            LOG.debug("Tuneloop bridge could not measure lag", e);
        }
    }

    // ------------------------------------------------------------------ erasures

    private void assignErasures() {
        List<PartitionInfo> infos = erasureConsumer.partitionsFor(topics.erasures(), kafkaTimeout);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : infos) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        erasureConsumer.assign(partitions);
        erasureConsumer.seekToBeginning(partitions);
    }

    /** Reads the erasure topic up to its end as of now, so no data record is stored before its erasure is known. */
    private void catchUpErasures() {
        Map<TopicPartition, Long> ends = erasureConsumer.endOffsets(erasureConsumer.assignment(), kafkaTimeout);
        while (!closing) {
            boolean done = true;
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                if (erasureConsumer.position(e.getKey(), kafkaTimeout) < e.getValue()) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return;
            }
            pollErasures(pollTimeout);
        }
    }

    private void pollErasures(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = erasureConsumer.poll(timeout);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byte[] value = r.value();
            if (value == null) {
                continue; // a tombstone: compaction housekeeping
            }
            Payload p;
            try {
                p = RecordCodec.decode(value);
            } catch (ValidationException e) {
                LOG.error(
                        "Tuneloop bridge cannot read erasure record {}-{}@{}: {}",
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        e.getMessage());
                continue;
            }
            if (p instanceof Payload.UserErasure u) {
                applyUserErasure(u);
            } else if (p instanceof Payload.ErasedInteraction i) {
                if (clock.instant().isBefore(i.requestedAt().plus(erasureWindow))) {
                    erasedInteractions.merge(i.interactionId(), i.requestedAt(), (x, y) -> x.isAfter(y) ? x : y);
                }
            } else {
                LOG.error(
                        "Tuneloop bridge ignores a data record on the erasure topic at {}-{}@{}",
                        r.topic(),
                        r.partition(),
                        r.offset());
            }
        }
    }

    private void applyUserErasure(Payload.UserErasure u) {
        if (!clock.instant().isBefore(u.requestedAt().plus(erasureWindow))) {
            return; // older than the window: applied long ago
        }
        erasedUsers.merge(u.userId(), u.requestedAt(), (x, y) -> x.isAfter(y) ? x : y);
        int attempt = 0;
        while (true) {
            try {
                Map<InteractionId, Instant> notes = new LinkedHashMap<>();
                store.interactions()
                        .scan(ScanQuery.all().withUserId(u.userId()), r -> notes.put(r.id(), u.requestedAt()));
                for (InteractionId id : notes.keySet()) {
                    erasedInteractions.merge(id, u.requestedAt(), (x, y) -> x.isAfter(y) ? x : y);
                }
                if (!notes.isEmpty()) {
                    publishNotes(notes);
                }
                store.eraseUser(u.userId());
                erasuresApplied.incrementAndGet();
                return;
            } catch (ValidationException e) {
                LOG.error("Tuneloop bridge cannot apply an erasure request: {}", e.getMessage());
                return;
            } catch (TuneloopException | KafkaException e) {
                if (!backoff(attempt++, e, 0)) {
                    throw new WakeupException();
                }
            }
        }
    }

    private void expireErasures() {
        long now = System.nanoTime();
        if (now - lastExpiryNanos < TimeUnit.MINUTES.toNanos(1)) {
            return;
        }
        lastExpiryNanos = now;
        Instant cutoff = clock.instant().minus(erasureWindow);
        erasedUsers.values().removeIf(t -> !t.isAfter(cutoff));
        erasedInteractions.values().removeIf(t -> !t.isAfter(cutoff));
    }

    /**
     * Builds a {@link KafkaBridge}. Not thread-safe; every setting starts at its {@code DEFAULT_*}.
     */
    public static final class Builder {
        private final Map<String, ?> kafkaConfig;
        private final Store store;
        private KafkaTopics topics = KafkaTopics.defaults();
        private String groupId = DEFAULT_GROUP_ID;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private Duration erasureWindow = DEFAULT_ERASURE_WINDOW;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration lagInterval = DEFAULT_LAG_INTERVAL;
        private Duration kafkaTimeout = DEFAULT_KAFKA_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder(Map<String, ?> kafkaConfig, Store store) {
            this.kafkaConfig = Map.copyOf(Objects.requireNonNull(kafkaConfig, "kafkaConfig"));
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * The topic names (default {@link KafkaTopics#defaults()}); the same as the sinks'.
         *
         * @param topics the names
         * @return this builder
         */
        public Builder topics(KafkaTopics topics) {
            this.topics = Objects.requireNonNull(topics, "topics");
            return this;
        }

        /**
         * The consumer group; bridges of one group share the partitions (default {@value #DEFAULT_GROUP_ID}).
         *
         * @param groupId the group id
         * @return this builder
         */
        public Builder groupId(String groupId) {
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /**
         * Most records per batch, i.e. per store call and per offset commit (default
         * {@value #DEFAULT_MAX_BATCH_SIZE}).
         *
         * @param maxBatchSize at least 1
         * @return this builder
         */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /**
         * Longest wait of one poll (default {@link #DEFAULT_POLL_TIMEOUT}).
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = Objects.requireNonNull(timeout, "pollTimeout");
            return this;
        }

        /**
         * How long after a request an erasure keeps being applied to arriving records (default
         * {@link #DEFAULT_ERASURE_WINDOW}); at least the longest delay a record can have between {@code log()} and
         * the bridge (recorder retries, producer retries, consumer lag).
         *
         * @param window more than zero
         * @return this builder
         */
        public Builder erasureWindow(Duration window) {
            this.erasureWindow = Objects.requireNonNull(window, "erasureWindow");
            return this;
        }

        /**
         * First retry delay after a store failure (default {@link #DEFAULT_INITIAL_BACKOFF}); doubles up to
         * {@link #maxBackoff}, each delay jittered down to half.
         *
         * @param backoff more than zero
         * @return this builder
         */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = Objects.requireNonNull(backoff, "initialBackoff");
            return this;
        }

        /**
         * Cap of the retry delay (default {@link #DEFAULT_MAX_BACKOFF}).
         *
         * @param backoff at least the initial backoff
         * @return this builder
         */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = Objects.requireNonNull(backoff, "maxBackoff");
            return this;
        }

        /**
         * Interval between lag measurements (default {@link #DEFAULT_LAG_INTERVAL}).
         *
         * @param interval more than zero
         * @return this builder
         */
        public Builder lagInterval(Duration interval) {
            this.lagInterval = Objects.requireNonNull(interval, "lagInterval");
            return this;
        }

        /**
         * Longest wait for a Kafka call: a commit, a dead letter, end offsets (default
         * {@link #DEFAULT_KAFKA_TIMEOUT}).
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder kafkaTimeout(Duration timeout) {
            this.kafkaTimeout = Objects.requireNonNull(timeout, "kafkaTimeout");
            return this;
        }

        /**
         * How long {@link KafkaBridge#close()} waits for the thread (default {@link #DEFAULT_CLOSE_TIMEOUT}).
         *
         * @param timeout zero or more
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout");
            return this;
        }

        /**
         * The clock of erasure windows and stats (default system UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        Map<String, Object> consumerConfig() {
            Map<String, Object> enforced = new HashMap<>();
            enforced.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            enforced.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            enforced.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            enforced.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            enforced.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxBatchSize));
            enforced.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            Map<String, Object> defaults = new HashMap<>();
            defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            defaults.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            defaults.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
            defaults.put(ConsumerConfig.CLIENT_ID_CONFIG, "tuneloop-bridge");
            return ClientConfigs.merge("consumer", kafkaConfig, enforced, defaults);
        }

        Map<String, Object> erasureConsumerConfig() {
            Map<String, Object> enforced = new HashMap<>();
            enforced.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            enforced.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            enforced.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            enforced.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            Map<String, Object> defaults = new HashMap<>();
            defaults.put(ConsumerConfig.CLIENT_ID_CONFIG, "tuneloop-bridge-erasures");
            Map<String, Object> host = new HashMap<>(kafkaConfig);
            host.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
            return ClientConfigs.merge("erasure consumer", host, enforced, defaults);
        }

        Map<String, Object> producerConfig() {
            Map<String, Object> enforced = new HashMap<>();
            enforced.put(ProducerConfig.ACKS_CONFIG, "all");
            enforced.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            enforced.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            enforced.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            Map<String, Object> defaults = new HashMap<>();
            defaults.put(ProducerConfig.CLIENT_ID_CONFIG, "tuneloop-bridge-producer");
            defaults.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(kafkaTimeout.toMillis()));
            defaults.put(
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    Long.toString(Math.min(30_000, kafkaTimeout.toMillis() - 5)));
            defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(kafkaTimeout.toMillis()));
            Map<String, Object> host = new HashMap<>(kafkaConfig);
            host.keySet().removeIf(k -> k.startsWith("group.") || CONSUMER_ONLY.contains(k));
            return ClientConfigs.merge("producer", host, enforced, defaults);
        }

        private static final Set<String> CONSUMER_ONLY = Set.of(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG);

        /**
         * Checks every setting and creates the clients (they connect at {@link KafkaBridge#start()}).
         *
         * @return the bridge, not yet started
         * @throws ValidationException listing every invalid setting
         */
        public KafkaBridge build() {
            List<String> problems = new ArrayList<>();
            Object bootstrap = kafkaConfig.get("bootstrap.servers");
            if (bootstrap == null || bootstrap.toString().isBlank()) {
                problems.add("kafkaConfig must set bootstrap.servers, but does not");
            }
            if (kafkaConfig.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
                problems.add("kafkaConfig must not set group.id: use groupId(...)");
            }
            if (kafkaConfig.containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
                problems.add("kafkaConfig must not set max.poll.records: use maxBatchSize(...)");
            }
            if (maxBatchSize < 1) {
                problems.add("maxBatchSize must be >= 1, but was " + maxBatchSize);
            }
            if (groupId.isBlank()) {
                problems.add("groupId must not be empty or blank");
            }
            positive(problems, "pollTimeout", pollTimeout);
            positive(problems, "erasureWindow", erasureWindow);
            positive(problems, "initialBackoff", initialBackoff);
            positive(problems, "maxBackoff", maxBackoff);
            positive(problems, "lagInterval", lagInterval);
            if (kafkaTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add("kafkaTimeout must be >= 1 s, but was " + kafkaTimeout);
            }
            if (closeTimeout.isNegative()) {
                problems.add("closeTimeout must be >= 0, but was " + closeTimeout);
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                problems.add("maxBackoff must be >= initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
            }
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            consumerConfig();
            producerConfig();
            return new KafkaBridge(this);
        }

        private static void positive(List<String> problems, String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                problems.add(name + " must be > 0, but was " + d);
            }
        }
    }
}
