package dev.tuneloop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InteractionTest {

    private static Interaction.Builder valid() {
        return Interaction.builder()
                .userId("u1")
                .userMessage("q")
                .assistantResponse("a")
                .modelUsed("gpt-4o-mini");
    }

    @Test
    void builderMakesAUuidV7IdAndStampsCreatedAtFromTheClock() {
        // ids are strictly increasing per JVM: a clock behind an id made earlier (by any test) would be overtaken,
        // so fix the clock just after the newest id so far
        Instant at = Instant.ofEpochMilli(InteractionId.next().unixMillis() + 1);
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        Interaction i = valid().clock(clock).build();
        assertThat(i.id().value().version()).isEqualTo(7);
        assertThat(i.id().value().variant()).isEqualTo(2);
        assertThat(i.createdAt()).isEqualTo(at);
        assertThat(i.id().unixMillis()).isEqualTo(clock.millis());
    }

    @Test
    void createdAtComesFromTheClockEvenWhenIdsAreAheadOfIt() {
        InteractionId.next(); // ids made at today's time are ahead of the clock below
        Clock past = Clock.fixed(Instant.parse("2001-01-02T03:04:05.678Z"), ZoneOffset.UTC);
        Interaction i = valid().clock(past).build();
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2001-01-02T03:04:05.678Z"));
        assertThat(i.id().unixMillis()).isGreaterThan(past.millis());
    }

    @Test
    void callerSuppliedIdIsKept() {
        InteractionId id = InteractionId.parse("0190f3c2-7b1e-7c3a-9f2e-4d5c6b7a8e9f");
        assertThat(valid().id(id).build().id()).isEqualTo(id);
    }

    @Test
    void everyProblemIsReportedAtOnceWithFieldAndRule() {
        assertThatThrownBy(() -> Interaction.builder()
                        .userMessage(" ")
                        .assistantResponse("")
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "userId is required, but was null",
                                        "userMessage must not be empty or blank",
                                        "assistantResponse must not be empty or blank",
                                        "modelUsed is required, but was null"));
    }

    @Test
    void textOverTheLimitIsRejectedNamingTheFieldAndSize() {
        String big = "é".repeat(600_000); // 1 200 000 UTF-8 bytes, 600 000 chars
        assertThatThrownBy(() -> valid().assistantResponse(big).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("assistantResponse must be at most 1048576 UTF-8 bytes, but was 1200000");
        assertThat(valid().limits(Limits.DEFAULT.toBuilder()
                                .maxTextBytes(2_000_000)
                                .build())
                        .assistantResponse(big)
                        .build()
                        .assistantResponse())
                .hasSize(600_000);
    }

    @Test
    void nulAndUnpairedSurrogatesAreRejected() {
        assertThatThrownBy(() -> valid().userMessage("a\u0000b").build())
                .hasMessage("userMessage must not contain U+0000 (NUL), found at index 1");
        assertThatThrownBy(() -> valid().assistantResponse("x\uD83D").build())
                .hasMessage("assistantResponse must be valid Unicode, but has an unpaired surrogate at index 1");
        assertThatThrownBy(() -> valid().assistantResponse("\uDC00y").build())
                .hasMessage("assistantResponse must be valid Unicode, but has an unpaired surrogate at index 0");
    }

    @Test
    void anyValidUnicodeIsKeptExactly() {
        String s = "👍🏽 שלום e\u0301 \u2028 漢字";
        assertThat(valid().userMessage(s).build().userMessage()).isEqualTo(s);
    }

    @Test
    void oversizedMetadataIsRejected() {
        Interaction.Builder b = valid();
        for (int k = 0; k < 65; k++) {
            b.putMetadata("k" + k, "v");
        }
        assertThatThrownBy(b::build).hasMessage("metadata must have at most 64 entries, but has 65");
        assertThatThrownBy(() -> valid().putMetadata("k", "v".repeat(9000)).build())
                .hasMessage("metadata['k'] must be at most 8192 UTF-8 bytes, but has at least 9000");
        assertThatThrownBy(() -> valid().putMetadata("k".repeat(129), "v").build())
                .hasMessage("metadata key must be at most 128 characters, but has 129");
    }

    @Test
    void metadataKeepsTheLastValueOfARepeatedKeyWhateverItsSize() {
        // up to four distinct pairs go straight into an immutable map; a repeated key or more pairs take the
        // general path: both must give the same map
        for (int pairs = 0; pairs <= 7; pairs++) {
            Interaction.Builder plain = valid();
            Interaction.Builder repeated = valid();
            java.util.Map<String, String> expected = new java.util.HashMap<>();
            for (int k = 0; k < pairs; k++) {
                plain.putMetadata("k" + k, "v" + k);
                repeated.putMetadata("k" + k, "old").putMetadata("k" + k, "v" + k);
                expected.put("k" + k, "v" + k);
            }
            assertThat(plain.build().metadata()).as("%d pairs", pairs).isEqualTo(expected);
            assertThat(repeated.build().metadata())
                    .as("%d repeated pairs", pairs)
                    .isEqualTo(expected);
        }
        assertThat(valid().putMetadata("k", "a")
                        .putMetadata("j", "b")
                        .putMetadata("k", "c")
                        .build()
                        .metadata())
                .isEqualTo(java.util.Map.of("k", "c", "j", "b"));
    }

    @Test
    void priorTurnsMayNotHoldSystemMessages() {
        assertThatThrownBy(() -> valid().addPriorTurn(Role.SYSTEM, "x").build())
                .hasMessageContaining("priorTurns must not contain a system message");
    }

    @Test
    void toStringNeverPrintsTheTexts() {
        Interaction i = valid().userMessage("secret question")
                .assistantResponse("secret answer")
                .build();
        assertThat(i.toString()).doesNotContain("secret");
    }

    @Test
    void createdAtIsKeptToTheMicrosecond() {
        Interaction i = valid().createdAt(Instant.parse("2026-01-01T00:00:00.123456789Z"))
                .build();
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void idsAreStrictlyIncreasingEvenWhenTheClockStandsStill() {
        Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        InteractionId prev = InteractionId.next(frozen);
        Set<InteractionId> seen = new HashSet<>();
        for (int k = 0; k < 10_000; k++) {
            InteractionId next = InteractionId.next(frozen);
            assertThat(next).isGreaterThan(prev);
            assertThat(seen.add(next)).isTrue();
            prev = next;
        }
    }

    @Test
    void parseNamesTheRule() {
        assertThatThrownBy(() -> InteractionId.parse("nope"))
                .hasMessage("interaction id must be a UUID like 0190f3c2-7b1e-7c3a-9f2e-4d5c6b7a8e9f, but was 'nope'");
    }

    @Test
    void feedbackValidation() {
        assertThatThrownBy(() -> Edit.of(" ")).hasMessage("editedResponse must not be empty or blank");
        assertThatThrownBy(() -> Rating.up("x".repeat(9000))).hasMessageContaining("comment must be at most 8192");
        assertThatThrownBy(() -> Rating.Value.fromSql(0)).hasMessage("feedback_rating must be 1 or -1, but was 0");
    }

    @Test
    void recorderOptionsReportEveryProblem() {
        assertThatThrownBy(() -> RecorderOptions.builder()
                        .maxBatchSize(-1)
                        .maxQueueSize(0)
                        .maxDelay(java.time.Duration.ZERO)
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "maxQueueSize must be > 0, but was 0",
                                        "maxBatchSize must be > 0, but was -1",
                                        "maxDelay must be > 0, but was PT0S"));
    }

    @Test
    void theConstructorStillChecksAfterABuildOnTheSameThread() {
        Interaction built =
                valid().build(); // the builder's checks let the constructor skip its own, for that call only
        assertThatThrownBy(() -> new Interaction(
                        built.id(),
                        built.createdAt(),
                        "u1",
                        null,
                        null,
                        "q\u0000",
                        "a",
                        null,
                        "gpt-4o-mini",
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("userMessage must not contain U+0000");
    }

    @Test
    void aBuilderWithLimitsAboveTheHardCeilingsStillGetsTheHardChecks() {
        Limits wide = Limits.builder().maxMetadataEntries(2000).build();
        Interaction.Builder b = valid().limits(wide);
        for (int k = 0; k < 1025; k++) {
            b.putMetadata("k" + k, "v");
        }
        assertThatThrownBy(b::build)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("metadata must have at most 1024 entries, but has 1025");
        // within the ceilings the wide limits are the ones applied
        Interaction.Builder ok = valid().limits(wide);
        for (int k = 0; k < 1000; k++) {
            ok.putMetadata("k" + k, "v");
        }
        assertThat(ok.build().metadata()).hasSize(1000);
    }
}
