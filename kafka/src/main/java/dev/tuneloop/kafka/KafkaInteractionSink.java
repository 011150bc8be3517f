package dev.tuneloop.kafka;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An {@link InteractionSink} on Kafka: the recorder of each application instance writes here, and a
 * {@link KafkaBridge} feeds the store.
 *
 * <pre>{@code
 * KafkaInteractionSink sink = KafkaInteractionSink.builder(Map.of("bootstrap.servers", "kafka:9092")).build();
 * InteractionRecorder recorder = InteractionRecorder.async(sink, RecorderOptions.defaults());
 * }</pre>
 *
 * <p>Interactions go to {@link KafkaTopics#interactions()} and feedback events to {@link KafkaTopics#feedback()},
 * both keyed by the interaction id (its 36-character text), encoded by {@link RecordCodec}. The producer is
 * idempotent with {@code acks=all}, compresses batches ({@value #DEFAULT_COMPRESSION} unless told otherwise) and
 * keeps order per partition.
 *
 * <p>{@link #append} returns only when Kafka acknowledged every record of the batch, so the recorder's
 * {@code persisted} count means durable in Kafka. It is called on the recorder's worker thread, never on the host's:
 * {@code log()} still only enqueues. When the cluster cannot be reached within {@code deliveryTimeout} it throws a
 * {@link RetriableException} and the recorder retries the batch in order while its own queue absorbs new items (and
 * drops and counts what does not fit, as with any store). A batch Kafka took only in part is re-sent whole; the
 * duplicates are harmless because stores append idempotently on ids. A record Kafka refuses as too large is a
 * {@link ValidationException} naming the item, which the recorder isolates and counts as rejected.
 *
 * <p>Thread-safe. {@link #close()} flushes and closes the producer.
 */
public final class KafkaInteractionSink implements InteractionSink, AutoCloseable {
    /** Default {@code compression.type}: cheap on CPU and good on the repetitive text of chat logs. */
    public static final String DEFAULT_COMPRESSION = "lz4";
    /** Default time Kafka has to acknowledge a batch before {@link #append} gives up and the recorder retries. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final KafkaTopics topics;
    private final Duration deliveryTimeout;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();

    private KafkaInteractionSink(Builder b) {
        this.topics = b.topics;
        this.deliveryTimeout = b.deliveryTimeout;
        this.clock = b.clock;
        this.producer = new KafkaProducer<>(b.producerConfig());
    }

    /**
     * A builder over the host's producer settings: {@code bootstrap.servers} and whatever security the cluster needs.
     * The settings the guarantees rest on ({@code acks=all}, {@code enable.idempotence=true}, the byte-array
     * serializers) are set by the sink; a host value that contradicts one is refused, not ignored.
     *
     * @param producerConfig Kafka producer settings
     * @return a new builder
     */
    public static Builder builder(Map<String, ?> producerConfig) {
        return new Builder(producerConfig);
    }

    /**
     * Sends the batch and waits until Kafka acknowledged every record.
     *
     * @param interactions interactions, each keyed by its id
     * @param events feedback events, each keyed by its interaction's id
     * @throws RetriableException when Kafka did not acknowledge everything within the delivery timeout, could not be
     *     reached, or the calling thread was interrupted (the recorder retries the whole batch)
     * @throws ValidationException when Kafka refused records as too large or invalid, naming their ids
     * @throws TuneloopException for any other refusal (e.g. not authorized), with Kafka's exception as the cause
     */
    @Override
    public void append(List<Interaction> interactions, List<FeedbackEvent> events) {
        int n = interactions.size() + events.size();
        if (n == 0) {
            return;
        }
        List<Future<RecordMetadata>> futures = new ArrayList<>(n);
        List<String> items = new ArrayList<>(n);
        try {
            for (Interaction i : interactions) {
                futures.add(
                        producer.send(new ProducerRecord<>(topics.interactions(), key(i.id()), RecordCodec.encode(i))));
                items.add("interaction " + i.id());
            }
            for (FeedbackEvent e : events) {
                futures.add(producer.send(
                        new ProducerRecord<>(topics.feedback(), key(e.interactionId()), RecordCodec.encode(e))));
                items.add("feedback event " + e.eventId());
            }
        } catch (KafkaException e) {
            // send() itself throws when metadata cannot be had within max.block.ms or the producer is closed
            failedBatches.incrementAndGet();
            throw translate("send a batch of " + n + " records", e);
        } finally {
            sent.addAndGet(futures.size());
        }
        await(futures, items);
    }

    private void await(List<Future<RecordMetadata>> futures, List<String> items) {
        long deadline = System.nanoTime() + deliveryTimeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        List<String> refused = new ArrayList<>();
        RuntimeException failure = null;
        int acked = 0;
        for (int k = 0; k < futures.size(); k++) {
            try {
                futures.get(k).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new RetriableException("interrupted while waiting for Kafka to acknowledge a batch", e);
                break;
            } catch (TimeoutException e) {
                failure = new RetriableException(
                        "Kafka did not acknowledge a batch within " + deliveryTimeout.toMillis() + " ms", e);
                break;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (isRecordError(cause)) {
                    refused.add(items.get(k) + " (" + cause.getClass().getSimpleName() + ")");
                } else if (failure == null) {
                    failure = translate("deliver a batch of " + futures.size() + " records", cause);
                }
            }
        }
        acknowledged.addAndGet(acked);
        if (!refused.isEmpty()) {
            failedBatches.incrementAndGet();
            List<String> problems = new ArrayList<>();
            for (String r : refused) {
                problems.add(r + " was refused by Kafka: larger than max.request.size or the topic's "
                        + "max.message.bytes, or otherwise invalid");
            }
            throw new ValidationException(problems);
        }
        if (failure != null) {
            failedBatches.incrementAndGet();
            throw failure;
        }
    }

    private static boolean isRecordError(Throwable t) {
        return t instanceof RecordTooLargeException
                || t instanceof RecordBatchTooLargeException
                || t instanceof InvalidRecordException;
    }

    static RuntimeException translate(String what, Throwable t) {
        if (t instanceof org.apache.kafka.common.errors.RetriableException
                || t instanceof org.apache.kafka.common.errors.TimeoutException
                || t instanceof org.apache.kafka.common.errors.InterruptException) {
            return new RetriableException(
                    "could not " + what + ": Kafka is unavailable ("
                            + t.getClass().getSimpleName() + ")",
                    t);
        }
        return new TuneloopException(
                "could not " + what + ": Kafka refused (" + t.getClass().getSimpleName() + ")", t);
    }

    /**
     * Publishes a request to erase everything of {@code userId} on {@link KafkaTopics#erasures()} and waits until
     * Kafka acknowledged it. Every {@link KafkaBridge} applies it to its store ({@code Store.eraseUser}) and keeps
     * dropping records of that user that arrive within its erasure window. A request/response call: it fails loudly.
     *
     * @param userId the host's user id, exactly as recorded
     * @return the published request
     * @throws ValidationException when {@code userId} is blank
     * @throws RetriableException when Kafka did not acknowledge it within the delivery timeout
     * @throws TuneloopException when Kafka refused it
     */
    public Payload.UserErasure eraseUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        Payload.UserErasure request = new Payload.UserErasure(userId, clock.instant());
        Future<RecordMetadata> f;
        try {
            f = producer.send(new ProducerRecord<>(topics.erasures(), userKey(userId), RecordCodec.encode(request)));
        } catch (KafkaException e) {
            throw translate("publish an erasure request", e);
        }
        await(List.of(f), List.of("erasure request"));
        return request;
    }

    /**
     * What this sink has done so far.
     *
     * @return records handed to the producer, records Kafka acknowledged, and batches that failed
     */
    public SinkStats stats() {
        return new SinkStats(sent.get(), acknowledged.get(), failedBatches.get());
    }

    /**
     * The sink's counters.
     *
     * @param sent records handed to the producer (re-sent records count again)
     * @param acknowledged records Kafka acknowledged
     * @param failedBatches {@link #append} calls that threw
     */
    public record SinkStats(long sent, long acknowledged, long failedBatches) {}

    /** Sends what is buffered (waiting at most the delivery timeout) and closes the producer. Idempotent. */
    @Override
    public void close() {
        producer.close(deliveryTimeout);
    }

    @Override
    public String toString() {
        return "KafkaInteractionSink[interactions=" + topics.interactions() + ", feedback=" + topics.feedback() + "]";
    }

    static byte[] key(InteractionId id) {
        return id.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] userKey(String userId) {
        return ("user:" + userId).getBytes(StandardCharsets.UTF_8);
    }

    /** Builds a {@link KafkaInteractionSink}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, ?> producerConfig;
        private KafkaTopics topics = KafkaTopics.defaults();
        private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
        private String compression = DEFAULT_COMPRESSION;
        private Clock clock = Clock.systemUTC();

        private Builder(Map<String, ?> producerConfig) {
            this.producerConfig = Map.copyOf(Objects.requireNonNull(producerConfig, "producerConfig"));
        }

        /**
         * The topic names (default {@link KafkaTopics#defaults()}).
         *
         * @param topics the names
         * @return this builder
         */
        public Builder topics(KafkaTopics topics) {
            this.topics = Objects.requireNonNull(topics, "topics");
            return this;
        }

        /**
         * How long Kafka has to acknowledge a batch ({@code delivery.timeout.ms}, and the bound of
         * {@code max.block.ms}) before {@link #append} throws and the recorder retries; default
         * {@link #DEFAULT_DELIVERY_TIMEOUT}.
         *
         * @param timeout at least one second
         * @return this builder
         */
        public Builder deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = Objects.requireNonNull(timeout, "deliveryTimeout");
            return this;
        }

        /**
         * The producer's {@code compression.type}: {@code none}, {@code gzip}, {@code snappy}, {@code lz4} or
         * {@code zstd}; default {@value #DEFAULT_COMPRESSION}.
         *
         * @param type the compression codec
         * @return this builder
         */
        public Builder compression(String type) {
            this.compression = Objects.requireNonNull(type, "compression");
            return this;
        }

        /**
         * The clock that stamps erasure requests (default system UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        Map<String, Object> producerConfig() {
            long delivery = deliveryTimeout.toMillis();
            Map<String, Object> enforced = new HashMap<>();
            enforced.put(ProducerConfig.ACKS_CONFIG, "all");
            enforced.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            enforced.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            enforced.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            enforced.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
            enforced.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
            Map<String, Object> defaults = new HashMap<>();
            defaults.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            // delivery.timeout.ms must be >= linger.ms + request.timeout.ms, or the producer refuses to start
            defaults.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, delivery - 5)));
            defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(delivery));
            defaults.put(ProducerConfig.CLIENT_ID_CONFIG, "tuneloop-sink");
            return ClientConfigs.merge("producer", producerConfig, enforced, defaults);
        }

        /**
         * Checks the settings and starts the producer (which connects lazily, at the first send).
         *
         * @return the sink
         * @throws ValidationException listing every invalid setting: no {@code bootstrap.servers}, a contradicted
         *     guarantee, a delivery timeout under one second, an unknown compression type
         */
        public KafkaInteractionSink build() {
            List<String> problems = new ArrayList<>();
            if (deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add("deliveryTimeout must be >= 1 s, but was " + deliveryTimeout);
            }
            if (!List.of("none", "gzip", "snappy", "lz4", "zstd").contains(compression)) {
                problems.add("compression must be none, gzip, snappy, lz4 or zstd, but was '" + compression + "'");
            }
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            producerConfig(); // validates the host's settings before a producer exists
            return new KafkaInteractionSink(this);
        }
    }
}
