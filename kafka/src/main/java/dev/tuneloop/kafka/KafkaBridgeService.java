package dev.tuneloop.kafka;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge as a small standalone service: {@code java -cp ... dev.tuneloop.kafka.KafkaBridgeService bridge.properties}.
 *
 * <p>The properties file holds
 * <ul>
 *   <li>{@code kafka.*}: Kafka client settings, prefix removed ({@code kafka.bootstrap.servers=kafka:9092},
 *       {@code kafka.security.protocol=SSL}, …);
 *   <li>{@code store.supplier}: the name of your class implementing {@code Supplier<Store>} with a public no-argument
 *       constructor, on the class path; it builds the store (e.g. {@code JdbcStore.create} over a pool configured from
 *       the environment), so this module needs no database code;
 *   <li>optional {@code topics.prefix} (see {@link KafkaTopics#withPrefix}), {@code group.id},
 *       {@code erasure.window} and {@code stats.interval} (ISO-8601 durations such as {@code P7D}, {@code PT1M}).
 * </ul>
 * It logs the bridge's counters every {@code stats.interval} (default one minute), and closes the bridge on SIGTERM.
 */
public final class KafkaBridgeService {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBridgeService.class);

    private KafkaBridgeService() {}

    /**
     * Runs a bridge until the JVM is asked to stop.
     *
     * @param args one argument: the path of the properties file
     * @throws Exception when the file cannot be read, a setting is invalid, or the store supplier fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KafkaBridgeService <bridge.properties>");
            System.exit(2);
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        KafkaBridge bridge =
                configure(p, supplier(p.getProperty("store.supplier")).get());
        Duration interval = Duration.parse(p.getProperty("stats.interval", "PT1M"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            bridge.close();
                            stopped.countDown();
                        },
                        "tuneloop-bridge-shutdown"));
        bridge.start();
        LOG.info("Tuneloop bridge started: {}", bridge);
        KafkaBridgeStats last = bridge.stats();
        while (!stopped.await(interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            KafkaBridgeStats now = bridge.stats();
            LOG.info(
                    "Tuneloop bridge: {} items/s, lag {}, stored interactions {} events {}, dead-lettered {}, "
                            + "erasures {}, store failures {}",
                    Math.round(now.appendedPerSecondSince(last)),
                    now.lag(),
                    now.interactionsAppended(),
                    now.eventsAppended(),
                    now.deadLettered(),
                    now.erasuresApplied(),
                    now.storeFailures());
            last = now;
            if (!now.running()) {
                LOG.error("Tuneloop bridge stopped; exiting so the service manager restarts it");
                System.exit(1);
            }
        }
    }

    /**
     * Builds a bridge from the service's properties (not started).
     *
     * @param p the properties
     * @param store the store to feed
     * @return the bridge
     * @throws ValidationException listing every invalid setting
     */
    static KafkaBridge configure(Properties p, Store store) {
        Map<String, Object> kafka = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("kafka.")) {
                kafka.put(name.substring("kafka.".length()), p.getProperty(name));
            }
        }
        KafkaBridge.Builder b = KafkaBridge.builder(kafka, store)
                .topics(KafkaTopics.withPrefix(p.getProperty("topics.prefix", "")))
                .groupId(p.getProperty("group.id", KafkaBridge.DEFAULT_GROUP_ID));
        String window = p.getProperty("erasure.window");
        if (window != null) {
            b.erasureWindow(Duration.parse(window));
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    static Supplier<Store> supplier(@org.jspecify.annotations.Nullable String className) {
        List<String> problems = new ArrayList<>();
        if (className == null || className.isBlank()) {
            problems.add("store.supplier is required: the name of a class implementing Supplier<Store>");
            throw new ValidationException(problems);
        }
        try {
            Object o = Class.forName(className).getConstructor().newInstance();
            if (!(o instanceof Supplier)) {
                throw new ValidationException("store.supplier must implement java.util.function.Supplier<Store>, but "
                        + className + " does not");
            }
            return (Supplier<Store>) o;
        } catch (ReflectiveOperationException e) {
            throw new ValidationException("store.supplier must name a class with a public no-argument constructor, but "
                    + className + " cannot be instantiated (" + e.getClass().getSimpleName() + ")");
        }
    }
}
