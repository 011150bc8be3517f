package dev.tuneloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuneloopBuilderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
    private static final Clock OTHER = Clock.fixed(Instant.parse("2027-01-05T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void aStoreIsRequired() {
        assertThatThrownBy(() -> Tuneloop.builder().build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("store is required, but was not set");
    }

    @Test
    void everyPartSharesTheGivenClockAndTaxonomy() {
        try (Tuneloop t = Tuneloop.builder()
                .store(Store.inMemory())
                .clock(CLOCK)
                .taxonomy(Taxonomy.SEED)
                .synchronousRecorder()
                .build()) {
            assertThat(t.clock()).isSameAs(CLOCK);
            assertThat(t.taxonomy()).isSameAs(Taxonomy.SEED);
            assertThat(t.interaction()
                            .userId("u")
                            .userMessage("q")
                            .assistantResponse("a")
                            .modelUsed("m")
                            .build()
                            .createdAt())
                    .isEqualTo(CLOCK.instant());
        }
    }

    @Test
    void defaultsAreTheSystemUtcClockAndTheOpenTaxonomy() {
        try (Tuneloop t = Tuneloop.builder().store(Store.inMemory()).build()) {
            assertThat(t.clock()).isEqualTo(Clock.systemUTC());
            assertThat(t.taxonomy()).isSameAs(Taxonomy.OPEN);
        }
    }

    @Test
    void aClockOrTaxonomySetTwiceWithDifferentValuesIsReportedNamingBoth() {
        Taxonomy mine = Taxonomy.of(List.of(Category.of("billing"), Category.of("refunds")));
        assertThatThrownBy(() -> Tuneloop.builder()
                        .store(Store.inMemory())
                        .clock(CLOCK)
                        .taxonomy(mine)
                        .curationOptions(CurationOptions.builder()
                                .clock(OTHER)
                                .taxonomy(Taxonomy.OPEN)
                                .build())
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "clock is set twice with different values: Tuneloop.Builder.clock(" + CLOCK
                                                + ") and CurationOptions.clock(" + OTHER + "); set it in one place",
                                        "taxonomy is set twice with different values: Tuneloop.Builder.taxonomy("
                                                + "[billing, refunds]) and CurationOptions.taxonomy(open); set it"
                                                + " in one place"));
    }

    @Test
    void aRecorderClockConflictNamesWhereTheOtherClockCameFrom() {
        assertThatThrownBy(() -> Tuneloop.builder()
                        .store(Store.inMemory())
                        .clock(CLOCK)
                        .curationOptions(CurationOptions.builder().clock(OTHER).build())
                        .recorderOptions(RecorderOptions.builder().clock(CLOCK).build())
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "clock is set twice with different values: Tuneloop.Builder.clock(" + CLOCK
                                                + ") and CurationOptions.clock(" + OTHER + "); set it in one place",
                                        "clock is set twice with different values: CurationOptions.clock(" + OTHER
                                                + ") and RecorderOptions.clock(" + CLOCK + "); set it in one place"));
        assertThatThrownBy(() -> Tuneloop.builder()
                        .store(Store.inMemory())
                        .clock(CLOCK)
                        .recorderOptions(RecorderOptions.builder().clock(OTHER).build())
                        .build())
                .hasMessage("clock is set twice with different values: Tuneloop.Builder.clock(" + CLOCK
                        + ") and RecorderOptions.clock(" + OTHER + "); set it in one place");
    }

    @Test
    void aClockGivenInOnePlaceIsUsedEverywhere() {
        try (Tuneloop t = Tuneloop.builder()
                .store(Store.inMemory())
                .recorderOptions(RecorderOptions.builder().clock(CLOCK).build())
                .build()) {
            assertThat(t.clock()).isSameAs(CLOCK);
        }
    }
}
