package dev.tuneloop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Limits} and {@link RecorderOptions}: defaults, builders, every problem at once, value semantics. */
class SettingsTest {

    @Test
    void limitsStartAtTheirDefaults() {
        Limits d = Limits.DEFAULT;
        assertThat(d.maxTextBytes()).isEqualTo(Limits.DEFAULT_MAX_TEXT_BYTES).isEqualTo(1 << 20);
        assertThat(d.maxMetadataEntries()).isEqualTo(Limits.DEFAULT_MAX_METADATA_ENTRIES);
        assertThat(d.maxMetadataKeyChars()).isEqualTo(Limits.DEFAULT_MAX_METADATA_KEY_CHARS);
        assertThat(d.maxMetadataValueBytes()).isEqualTo(Limits.DEFAULT_MAX_METADATA_VALUE_BYTES);
        assertThat(d.maxDocuments()).isEqualTo(Limits.DEFAULT_MAX_DOCUMENTS);
        assertThat(d.maxPriorTurns()).isEqualTo(Limits.DEFAULT_MAX_PRIOR_TURNS);
        assertThat(Limits.builder().build()).isEqualTo(d).hasSameHashCodeAs(d);
        assertThat(Limits.HARD.maxTextBytes()).isEqualTo(Limits.HARD_MAX_TEXT_BYTES);
        assertThat(Limits.HARD).isNotEqualTo(d);
    }

    @Test
    void limitsToBuilderChangesOnlyWhatIsSet() {
        Limits larger = Limits.DEFAULT.toBuilder().maxTextBytes(2_000_000).build();
        assertThat(larger.maxTextBytes()).isEqualTo(2_000_000);
        assertThat(larger.toBuilder()
                        .maxTextBytes(Limits.DEFAULT_MAX_TEXT_BYTES)
                        .build())
                .isEqualTo(Limits.DEFAULT);
        assertThat(Limits.HARD.toBuilder().build()).isEqualTo(Limits.HARD);
        assertThat(Limits.DEFAULT.maxTextBytes()).isEqualTo(Limits.DEFAULT_MAX_TEXT_BYTES); // unchanged
        assertThat(larger)
                .hasToString("Limits[maxTextBytes=2000000, maxMetadataEntries=64, maxMetadataKeyChars=128,"
                        + " maxMetadataValueBytes=8192, maxDocuments=64, maxPriorTurns=256]");
    }

    @Test
    void limitsReportEveryProblemAtOnce() {
        assertThatThrownBy(() -> Limits.builder()
                        .maxTextBytes(Limits.HARD_MAX_TEXT_BYTES + 1)
                        .maxMetadataEntries(-1)
                        .maxMetadataKeyChars(0)
                        .maxMetadataValueBytes(0)
                        .maxDocuments(-2)
                        .maxPriorTurns(-3)
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "maxMetadataEntries must be >= 0, but was -1",
                                        "maxMetadataKeyChars must be > 0, but was 0",
                                        "maxMetadataValueBytes must be > 0, but was 0",
                                        "maxDocuments must be >= 0, but was -2",
                                        "maxPriorTurns must be >= 0, but was -3",
                                        "maxTextBytes must be <= 16777216, but was 16777217"));
        assertThatThrownBy(() -> Limits.builder().maxTextBytes(0).build())
                .hasMessage("maxTextBytes must be > 0, but was 0");
    }

    @Test
    void aBuilderCanBuildAgainWithoutChangingWhatItBuilt() {
        Limits.Builder b = Limits.builder().maxDocuments(3);
        Limits first = b.build();
        Limits second = b.maxDocuments(4).build();
        assertThat(first.maxDocuments()).isEqualTo(3);
        assertThat(second.maxDocuments()).isEqualTo(4);
    }

    @Test
    void recorderOptionsStartAtTheirDefaults() {
        RecorderOptions d = RecorderOptions.defaults();
        assertThat(d.maxQueueSize()).isEqualTo(RecorderOptions.DEFAULT_MAX_QUEUE_SIZE);
        assertThat(d.maxBatchSize()).isEqualTo(RecorderOptions.DEFAULT_MAX_BATCH_SIZE);
        assertThat(d.maxDelay()).isEqualTo(RecorderOptions.DEFAULT_MAX_DELAY);
        assertThat(d.overflowPolicy())
                .isEqualTo(RecorderOptions.DEFAULT_OVERFLOW_POLICY)
                .isEqualTo(OverflowPolicy.DROP_NEWEST);
        assertThat(d.blockTimeout()).isEqualTo(RecorderOptions.DEFAULT_BLOCK_TIMEOUT);
        assertThat(d.initialBackoff()).isEqualTo(RecorderOptions.DEFAULT_INITIAL_BACKOFF);
        assertThat(d.maxBackoff()).isEqualTo(RecorderOptions.DEFAULT_MAX_BACKOFF);
        assertThat(d.closeTimeout()).isEqualTo(RecorderOptions.DEFAULT_CLOSE_TIMEOUT);
        assertThat(d.dropWarningInterval()).isEqualTo(RecorderOptions.DEFAULT_DROP_WARNING_INTERVAL);
        assertThat(d.clock()).isEqualTo(Clock.systemUTC());
        assertThat(RecorderOptions.builder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    }

    @Test
    void recorderOptionsToBuilderKeepsEverySetting() {
        TestClock clock = TestClock.at(Instant.parse("2026-01-05T09:00:00Z"));
        RecorderOptions o = RecorderOptions.builder()
                .maxQueueSize(100)
                .maxBatchSize(10)
                .maxDelay(Duration.ofMillis(7))
                .overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofMillis(3))
                .initialBackoff(Duration.ofMillis(2))
                .maxBackoff(Duration.ofMillis(9))
                .closeTimeout(Duration.ofSeconds(1))
                .dropWarningInterval(Duration.ZERO)
                .clock(clock)
                .limits(Limits.builder().maxDocuments(3).build())
                .build();
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o).isNotEqualTo(RecorderOptions.defaults());
        assertThat(o.toBuilder().maxQueueSize(101).build()).isNotEqualTo(o);
        assertThat(o.clock()).isSameAs(clock);
        assertThat(o.toBuilder().build().limits().maxDocuments()).isEqualTo(3);
        assertThat(o.toBuilder().limits(Limits.DEFAULT).build()).isNotEqualTo(o);
        assertThat(o)
                .hasToString("RecorderOptions[maxQueueSize=100, maxBatchSize=10, maxDelay=PT0.007S,"
                        + " overflowPolicy=BLOCK, blockTimeout=PT0.003S, initialBackoff=PT0.002S,"
                        + " maxBackoff=PT0.009S, closeTimeout=PT1S, dropWarningInterval=PT0S,"
                        + " clock=TestClock[2026-01-05T09:00:00Z, Z], limits=Limits[maxTextBytes=1048576,"
                        + " maxMetadataEntries=64, maxMetadataKeyChars=128, maxMetadataValueBytes=8192,"
                        + " maxDocuments=3, maxPriorTurns=256]]");
    }

    @Test
    void recorderOptionsReportEveryProblemAtOnceNullsIncluded() {
        assertThatThrownBy(() -> RecorderOptions.builder()
                        .maxQueueSize(4)
                        .maxBatchSize(5)
                        .maxDelay(null)
                        .overflowPolicy(null)
                        .blockTimeout(Duration.ofMillis(-1))
                        .initialBackoff(Duration.ofSeconds(2))
                        .maxBackoff(Duration.ofSeconds(1))
                        .closeTimeout(null)
                        .dropWarningInterval(Duration.ofSeconds(-1))
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "maxBatchSize must be <= maxQueueSize (4), but was 5",
                                        "maxDelay must be > 0, but was null",
                                        "overflowPolicy is required, but was null",
                                        "blockTimeout must be >= 0, but was PT-0.001S",
                                        "maxBackoff must be >= initialBackoff (PT2S), but was PT1S",
                                        "closeTimeout must be >= 0, but was null",
                                        "dropWarningInterval must be >= 0, but was PT-1S"));
        assertThatThrownBy(() -> RecorderOptions.builder().clock(null)).isInstanceOf(NullPointerException.class);
    }
}
