package dev.tuneloop.kafka;

import dev.tuneloop.errors.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The names of Tuneloop's four topics. Immutable.
 *
 * <p>Interactions and feedback events are keyed by interaction id, so every record about one interaction lands in
 * the same partition number of its topic; give both topics the same partition count so one bridge reads an
 * interaction and its feedback (the bridge's consumer uses the range assignor, which co-locates equal partition
 * numbers). The two may even be one topic: every record says what it is.
 *
 * @param interactions where interactions go (default {@value #DEFAULT_INTERACTIONS})
 * @param feedback where feedback events go (default {@value #DEFAULT_FEEDBACK})
 * @param erasures erasure requests and erased-interaction notes, compacted (default {@value #DEFAULT_ERASURES})
 * @param deadLetter records the bridge could not decode or the store refused (default {@value #DEFAULT_DEAD_LETTER})
 */
public record KafkaTopics(String interactions, String feedback, String erasures, String deadLetter) {

    /** Default name of the interactions topic. */
    public static final String DEFAULT_INTERACTIONS = "tuneloop.interactions";
    /** Default name of the feedback topic. */
    public static final String DEFAULT_FEEDBACK = "tuneloop.feedback";
    /** Default name of the erasure topic. */
    public static final String DEFAULT_ERASURES = "tuneloop.erasures";
    /** Default name of the dead-letter topic. */
    public static final String DEFAULT_DEAD_LETTER = "tuneloop.dead-letter";

    private static final int MAX_NAME_CHARS = 249;

    /**
     * Checks every name against Kafka's rule and reports every problem at once.
     *
     * @param interactions the interactions topic
     * @param feedback the feedback topic
     * @param erasures the erasure topic
     * @param deadLetter the dead-letter topic
     * @throws ValidationException naming each broken name and the rule, or when the erasure or dead-letter topic
     *     shares a name with a data topic
     */
    public KafkaTopics {
        List<String> problems = new ArrayList<>();
        check(problems, "interactions", interactions);
        check(problems, "feedback", feedback);
        check(problems, "erasures", erasures);
        check(problems, "deadLetter", deadLetter);
        if (problems.isEmpty()) {
            if (erasures.equals(interactions) || erasures.equals(feedback) || erasures.equals(deadLetter)) {
                problems.add("erasures must be a topic of its own (it is compacted), but was '" + erasures + "'");
            }
            if (deadLetter.equals(interactions) || deadLetter.equals(feedback)) {
                problems.add("deadLetter must differ from the data topics, but was '" + deadLetter + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private static void check(List<String> problems, String field, String name) {
        if (name == null) {
            problems.add(field + " is required, but was null");
            return;
        }
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS || name.equals(".") || name.equals("..")) {
            problems.add(field + " must be 1 to " + MAX_NAME_CHARS + " characters and not '.' or '..', but has "
                    + name.length());
            return;
        }
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!ok) {
                problems.add(field + " may contain only ASCII letters, digits, '.', '_' and '-', but has '" + c
                        + "' at index " + k);
                return;
            }
        }
    }

    /**
     * The default names.
     *
     * @return {@code tuneloop.interactions}, {@code tuneloop.feedback}, {@code tuneloop.erasures},
     *     {@code tuneloop.dead-letter}
     */
    public static KafkaTopics defaults() {
        return new KafkaTopics(DEFAULT_INTERACTIONS, DEFAULT_FEEDBACK, DEFAULT_ERASURES, DEFAULT_DEAD_LETTER);
    }

    /**
     * The default names behind a prefix, e.g. {@code withPrefix("shop.")} gives {@code shop.tuneloop.interactions}.
     *
     * @param prefix the prefix; may be empty
     * @return the prefixed names
     * @throws ValidationException when a resulting name breaks Kafka's rule
     */
    public static KafkaTopics withPrefix(String prefix) {
        return new KafkaTopics(
                prefix + DEFAULT_INTERACTIONS,
                prefix + DEFAULT_FEEDBACK,
                prefix + DEFAULT_ERASURES,
                prefix + DEFAULT_DEAD_LETTER);
    }

    /**
     * The four topics with the settings the guide recommends, for {@code Admin.createTopics}: the data topics and the
     * dead-letter topic delete after {@code retention}; the erasure topic is compacted and also deletes after
     * {@code erasureWindow} (so no user id stays longer than the window), in segments of at most a day.
     *
     * @param partitions partitions of the two data topics (the same count for both, see the class comment)
     * @param replicationFactor replicas of every topic (3 in production)
     * @param retention how long data records and dead letters are kept; personal data, so keep it short
     * @param erasureWindow how long bridges keep applying an erasure; at least the longest outage you want to ride
     *     out
     * @return the topics to create
     * @throws ValidationException listing every argument out of range
     */
    public List<NewTopic> newTopics(
            int partitions, short replicationFactor, Duration retention, Duration erasureWindow) {
        List<String> problems = new ArrayList<>();
        if (partitions < 1) {
            problems.add("partitions must be >= 1, but was " + partitions);
        }
        if (replicationFactor < 1) {
            problems.add("replicationFactor must be >= 1, but was " + replicationFactor);
        }
        if (retention.isNegative() || retention.isZero()) {
            problems.add("retention must be > 0, but was " + retention);
        }
        if (erasureWindow.isNegative() || erasureWindow.isZero()) {
            problems.add("erasureWindow must be > 0, but was " + erasureWindow);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Map<String, String> data = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retention.toMillis()));
        long segment = Math.min(erasureWindow.toMillis(), Duration.ofDays(1).toMillis());
        Map<String, String> erasure = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(erasureWindow.toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG,
                Long.toString(segment));
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(interactions, partitions, replicationFactor).configs(data));
        if (!feedback.equals(interactions)) {
            topics.add(new NewTopic(feedback, partitions, replicationFactor).configs(data));
        }
        topics.add(new NewTopic(erasures, 1, replicationFactor).configs(erasure));
        topics.add(new NewTopic(deadLetter, 1, replicationFactor).configs(data));
        return topics;
    }
}
