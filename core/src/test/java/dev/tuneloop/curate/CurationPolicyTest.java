package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.Fixtures.record;
import static dev.tuneloop.curate.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CurationPolicyTest {

    @Test
    void seedDefaultIsTheSeedsQuery() {
        assertThat(CurationPolicy.seedDefault().toQuery(NOW)).isEqualTo(CandidateQuery.seedDefault(NOW));
        assertThat(CurationPolicy.seedDefault().predicate()).isEmpty();
        assertThat(CurationPolicy.seedDefault().categoryCap()).isEmpty();
    }

    @Test
    void seedDefaultSelectsExactlyTheSeedsRowsInTheSeedsOrder() {
        Store store = Store.inMemory();
        InteractionId upOld = record(store, spec().at(NOW.minus(Duration.ofDays(3))));
        InteractionId upNew = record(store, spec().at(NOW.minus(Duration.ofDays(1))));
        InteractionId editedOld = record(
                store, spec().at(NOW.minus(Duration.ofDays(6))).rating(null).edit("better"));
        InteractionId editedDown = record(
                store,
                spec().at(NOW.minus(Duration.ofDays(2))).rating(Rating.down()).edit("fixed"));
        record(store, spec().at(NOW.minus(Duration.ofDays(8)))); // outside the window
        record(store, spec().at(NOW.minus(Duration.ofDays(7)))); // exactly 7 days: not > now - 7d
        record(store, spec().rating(Rating.down())); // thumbs down, not edited
        record(store, spec().rating(null)); // no feedback
        record(store, spec().followUp(true)); // had a follow-up
        InteractionId reviewed = record(store, spec());
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(TestClock.at(NOW)).build());
        curator.reject(reviewed, "off topic", "ann");

        List<InteractionId> ids = curator.candidates(CurationPolicy.seedDefault()).stream()
                .map(Candidate::interactionId)
                .toList();

        assertThat(ids).containsExactly(editedDown, editedOld, upNew, upOld);
    }

    @Test
    void buildReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> CurationPolicy.builder()
                        .window(Duration.ofDays(-1))
                        .minAnswerChars(-5)
                        .limit(0)
                        .metadataEquals(" ", "x")
                        .models("gpt", "")
                        .build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .containsExactlyInAnyOrder(
                                "models must not hold a null or blank model name",
                                "metadataEquals needs a non-blank key and a non-null value, but was key=' '",
                                "window must be positive, but was PT-24H",
                                "minAnswerChars must be >= 0, but was -5",
                                "limit must be > 0, but was 0"));
        assertThatThrownBy(() -> CurationPolicy.builder().categoryCap(0, r -> Optional.empty()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("categoryCap.max must be >= 1, but was 0");
    }

    @Test
    void policiesComposeThroughTheirBuilders() {
        CurationPolicy base = CurationPolicy.builder()
                .window(Duration.ofDays(14))
                .models("gpt-4o-mini")
                .build();
        Predicate<RecordedInteraction> p1 = r -> r.interaction().userMessage().contains("NVDA");
        Predicate<RecordedInteraction> p2 = r -> r.interaction().userMessage().contains("Q3");
        CurationPolicy composed =
                base.toBuilder().filter(p1).filter(p2).minAnswerChars(10).build();

        assertThat(composed.window()).isEqualTo(Duration.ofDays(14));
        assertThat(composed.models()).containsExactly("gpt-4o-mini");
        assertThat(composed.minAnswerChars()).isEqualTo(10);
        assertThat(base.minAnswerChars()).isZero();
        assertThat(base.predicate()).isEmpty();
        Predicate<RecordedInteraction> both = composed.predicate().orElseThrow();
        Store store = Store.inMemory();
        RecordedInteraction nvdaQ3 = store.interactions()
                .find(record(store, spec().question("NVDA in Q3?")))
                .orElseThrow();
        RecordedInteraction nvdaQ4 = store.interactions()
                .find(record(store, spec().question("NVDA in Q4?")))
                .orElseThrow();
        assertThat(both.test(nvdaQ3)).isTrue();
        assertThat(both.test(nvdaQ4)).isFalse();
        assertThat(composed.toQuery(NOW).limit())
                .as("a limit is applied after the in-memory filter")
                .isEqualTo(Integer.MAX_VALUE);
    }

    private static final List<String> USERS = List.of("u1", "u2", "u3");
    private static final List<String> MODELS = List.of("m1", "m2", "m3");
    private static final List<String> FEATURES = List.of("chat", "search");

    /** A random policy over random interactions selects exactly what a plain filter over all of them selects. */
    @Property(tries = 150)
    void composedPolicyMatchesAReferenceFilter(@ForAll long seed) {
        Random rnd = new Random(seed);
        Store store = Store.inMemory();
        TestClock clock = TestClock.at(NOW);
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(clock).build());
        int n = rnd.nextInt(30);
        List<InteractionId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Fixtures.Spec s = spec().at(
                            NOW.minusSeconds(rnd.nextInt(10 * 24 * 3600)).minusMillis(rnd.nextInt(1000)))
                    .user(USERS.get(rnd.nextInt(USERS.size())))
                    .model(MODELS.get(rnd.nextInt(MODELS.size())))
                    .answer("x".repeat(1 + rnd.nextInt(60)))
                    .question(rnd.nextBoolean() ? "about NVDA" : "about AMD")
                    .metadata(rnd.nextInt(3) == 0 ? Map.of() : Map.of("feature", FEATURES.get(rnd.nextInt(2))))
                    .rating(
                            switch (rnd.nextInt(3)) {
                                case 0 -> Rating.up();
                                case 1 -> Rating.down();
                                default -> null;
                            })
                    .edit(rnd.nextInt(3) == 0 ? "edited answer" : null)
                    .followUp(rnd.nextInt(4) == 0);
            ids.add(record(store, s));
        }
        Set<InteractionId> reviewed = new HashSet<>();
        for (InteractionId id : ids) {
            if (rnd.nextInt(5) == 0) {
                curator.reject(id, "not useful", "ann");
                reviewed.add(id);
            }
        }

        CurationPolicy.Builder b = CurationPolicy.builder()
                .window(Duration.ofHours(1 + rnd.nextInt(10 * 24)))
                .requireUpOrEdited(rnd.nextBoolean())
                .excludeFollowUps(rnd.nextBoolean())
                .minAnswerChars(rnd.nextInt(50));
        for (String m : MODELS) {
            if (rnd.nextInt(3) == 0) {
                b.models(m);
            }
        }
        if (rnd.nextBoolean()) {
            b.metadataEquals("feature", FEATURES.get(rnd.nextInt(2)));
        }
        for (String u : USERS) {
            if (rnd.nextInt(4) == 0) {
                b.excludeUsers(u);
            }
        }
        for (InteractionId id : ids) {
            if (rnd.nextInt(6) == 0) {
                b.excludeIds(id);
            }
        }
        if (rnd.nextBoolean()) {
            b.filter(r -> r.interaction().userMessage().contains("NVDA"));
        }
        if (rnd.nextBoolean()) {
            b.filter(r -> !r.interaction().userId().equals("u1"));
        }
        if (rnd.nextBoolean()) {
            b.limit(1 + rnd.nextInt(10));
        }
        CurationPolicy policy = b.build();

        List<RecordedInteraction> expected = new ArrayList<>();
        for (InteractionId id : ids) {
            RecordedInteraction r = store.interactions().find(id).orElseThrow();
            if (reference(policy, r, reviewed)) {
                expected.add(r);
            }
        }
        expected.sort(
                Comparator.comparing((RecordedInteraction r) -> r.feedback().isEdited() ? 0 : 1)
                        .thenComparing(r -> r.interaction().createdAt(), Comparator.reverseOrder())
                        .thenComparing(RecordedInteraction::id, Comparator.reverseOrder()));
        List<InteractionId> want = expected.stream()
                .limit(policy.limit())
                .map(RecordedInteraction::id)
                .toList();

        assertThat(curator.candidates(policy))
                .extracting(Candidate::interactionId)
                .containsExactlyElementsOf(want);
    }

    /** The policy's meaning written as one plain filter, independent of the store's query. */
    private static boolean reference(CurationPolicy p, RecordedInteraction r, Set<InteractionId> reviewed) {
        var i = r.interaction();
        var f = r.feedback();
        Instant from = NOW.minus(p.window());
        return i.createdAt().isAfter(from)
                && (!p.requireUpOrEdited()
                        || f.isThumbsUp()
                        || f.userEditedResponse().isPresent())
                && (!p.excludeFollowUps() || f.followUps() == 0)
                && !reviewed.contains(i.id())
                && i.assistantResponse().length() >= p.minAnswerChars()
                && (p.models().isEmpty() || p.models().contains(i.modelUsed()))
                && p.metadataEquals().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(i.metadata().get(e.getKey())))
                && !p.excludedUsers().contains(i.userId())
                && !p.excludedIds().contains(i.id())
                && p.predicate().map(pr -> pr.test(r)).orElse(true);
    }
}
