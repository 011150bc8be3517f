package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.ReadinessReport.Check.CATEGORY_BALANCE;
import static dev.tuneloop.curate.ReadinessReport.Check.DUPLICATES;
import static dev.tuneloop.curate.ReadinessReport.Check.HOLDOUT_LEAKS;
import static dev.tuneloop.curate.ReadinessReport.Check.HOLDOUT_SIZE;
import static dev.tuneloop.curate.ReadinessReport.Check.REVIEW_FRESHNESS;
import static dev.tuneloop.curate.ReadinessReport.Check.SYSTEM_PROMPT;
import static dev.tuneloop.curate.ReadinessReport.Check.TRAINING_SET_SIZE;
import static dev.tuneloop.curate.ReadinessReport.Status.FAIL;
import static dev.tuneloop.curate.ReadinessReport.Status.PASS;
import static dev.tuneloop.curate.ReadinessReport.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.tuneloop.dedup.NearDuplicateDetector;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessChecklistTest {
    private static final Category[] THREE = {Category.SEC_10K, Category.SEC_10Q, Category.COMPARISON};
    private final Store store = Store.inMemory();
    private final TestClock clock = TestClock.at(NOW);
    private final ReadinessChecklist checklist = ReadinessChecklist.create(clock);
    private int next;

    private List<TrainingExample> add(int n, Split split) {
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Examples.store(
                    store.examples(), Examples.numbered(next++).split(split).category(THREE[next % 3])));
        }
        return out;
    }

    private ReadinessReport.Item item(ReadinessReport r, ReadinessReport.Check c) {
        return r.item(c).orElseThrow();
    }

    @Test
    void emptyStoreIsNotReady() {
        ReadinessReport r = checklist.evaluate(store.examples());
        assertThat(r.overall()).isEqualTo(FAIL);
        assertThat(r.isReady()).isFalse();
        assertThat(r.checkedAt()).isEqualTo(NOW);
        // MODEL_LIFECYCLE only appears with lifecycle warnings (LifecycleWarningsTest)
        assertThat(r.items())
                .extracting(ReadinessReport.Item::check)
                .containsExactly(java.util.Arrays.stream(ReadinessReport.Check.values())
                        .filter(c -> c != ReadinessReport.Check.MODEL_LIFECYCLE)
                        .toArray(ReadinessReport.Check[]::new));
        assertThat(item(r, TRAINING_SET_SIZE).status()).isEqualTo(FAIL);
        assertThat(item(r, HOLDOUT_SIZE).status()).isEqualTo(FAIL);
        assertThat(item(r, CATEGORY_BALANCE).status()).isEqualTo(WARN);
        assertThat(item(r, DUPLICATES).status()).isEqualTo(PASS);
        assertThat(r.failures()).hasSize(2).first().asString().startsWith("TRAINING_SET_SIZE: 0 approved TRAIN");
        assertThat(r.failures().get(1)).startsWith("HOLDOUT_SIZE: ");
        assertThat(r.warnings()).containsExactly("CATEGORY_BALANCE: the training set is empty; per category: {}");
    }

    @Test
    void sizeFailsUnderFiftyWarnsUnderAHundredAndCountsOnlyExportableTrainExamples() {
        add(49, Split.TRAIN);
        add(20, Split.HOLDOUT);
        Examples.store(store.examples(), Examples.numbered(next++).quality(4)); // poor
        Examples.store(store.examples(), Examples.numbered(next++).rejected()); // rejected
        ReadinessReport r = checklist.evaluate(store.examples());
        assertThat(item(r, TRAINING_SET_SIZE).status()).isEqualTo(FAIL);
        assertThat(item(r, TRAINING_SET_SIZE).counts()).containsEntry("training", 49L);
        assertThat(item(r, HOLDOUT_SIZE).status()).isEqualTo(PASS);

        add(1, Split.TRAIN);
        r = checklist.evaluate(store.examples());
        assertThat(item(r, TRAINING_SET_SIZE).status()).isEqualTo(WARN);
        assertThat(r.overall()).isEqualTo(WARN);
        assertThat(r.isReady()).isTrue();

        add(50, Split.TRAIN);
        r = checklist.evaluate(store.examples());
        assertThat(r.items()).allSatisfy(i -> assertThat(i.status()).as("%s", i).isEqualTo(PASS));
        assertThat(r.overall()).isEqualTo(PASS);
    }

    @Test
    void staleReviewsAreListed() {
        add(3, Split.TRAIN);
        TrainingExample old = Examples.store(
                store.examples(),
                Examples.numbered(next++)
                        .reviewedAt(NOW.minus(Duration.ofDays(14)).minusSeconds(1)));
        Examples.store(store.examples(), Examples.numbered(next++).reviewedAt(NOW.minus(Duration.ofDays(14))));
        ReadinessReport.Item i = item(checklist.evaluate(store.examples()), REVIEW_FRESHNESS);
        assertThat(i.status()).isEqualTo(WARN);
        assertThat(i.exampleIds()).containsExactly(old.id());
        assertThat(i.detail()).startsWith("1 of 5 exportable examples");
    }

    @Test
    void exactDuplicatesFailNearDuplicatesWarn() {
        add(5, Split.TRAIN);
        String answer = "NVIDIA reported third quarter revenue of 35.1 billion dollars, up 94 percent from a year "
                + "ago, driven by data center sales of 30.8 billion dollars and strong demand for Hopper GPUs.";
        TrainingExample a =
                Examples.store(store.examples(), Examples.spec().text("What was NVDA revenue in Q3?", answer));
        TrainingExample nearly = Examples.store(
                store.examples(),
                Examples.spec().text("What was NVDA revenue in Q3?", answer.replace("strong", "very strong")));
        ReadinessReport.Item near = item(checklist.evaluate(store.examples()), DUPLICATES);
        assertThat(near.status()).isEqualTo(WARN);
        assertThat(near.exampleIds()).containsExactly(nearly.id());
        assertThat(near.counts()).isEqualTo(Map.of("exactPairs", 0L, "nearPairs", 1L));

        TrainingExample same = Examples.store(
                store.examples(), Examples.spec().text("What was NVDA revenue in Q3?", answer.replace(" ", "  ")));
        ReadinessReport.Item exact = item(checklist.evaluate(store.examples()), DUPLICATES);
        assertThat(exact.status()).isEqualTo(FAIL);
        assertThat(exact.counts()).containsEntry("exactPairs", 1L);
        assertThat(exact.exampleIds()).contains(same.id()).doesNotContain(a.id());
        assertThat(exact.detail()).doesNotContain("NVIDIA");
    }

    @Test
    void leaksAreHeldBackFromTheTrainingSetAndListed() {
        add(50, Split.TRAIN);
        add(20, Split.HOLDOUT);
        String answer = "Alphabet reported GAAP EPS of 2.12 and non-GAAP EPS of 2.12 for the third quarter, because "
                + "Alphabet does not publish non-GAAP adjustments to its earnings per share figures.";
        TrainingExample held = Examples.store(
                store.examples(),
                Examples.spec().split(Split.HOLDOUT).text("Compare GOOGL GAAP vs non-GAAP EPS", answer));
        TrainingExample leak = Examples.store(
                store.examples(),
                Examples.spec().text("Compare GOOGL GAAP vs non-GAAP EPS", answer.replace("figures", "numbers")));

        ReadinessReport r = checklist.evaluate(store.examples());
        assertThat(item(r, HOLDOUT_LEAKS).status()).isEqualTo(WARN);
        assertThat(item(r, HOLDOUT_LEAKS).exampleIds()).containsExactly(leak.id());
        assertThat(item(r, TRAINING_SET_SIZE).counts())
                .containsEntry("training", 50L)
                .containsEntry("leaks", 1L);
        assertThat(item(r, DUPLICATES).status())
                .as("a train/holdout pair is a leak, not a duplicate")
                .isEqualTo(PASS);
        assertThat(Holdout.leaks(store.examples(), NearDuplicateDetector.create()))
                .containsExactly(leak.id());
        assertThat(Holdout.leakPairs(List.of(held, leak), NearDuplicateDetector.create()))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.train()).isEqualTo(leak.id());
                    assertThat(l.holdout()).isEqualTo(held.id());
                    assertThat(l.jaccard()).isGreaterThanOrEqualTo(0.8).isLessThan(1.0);
                });
    }

    @Test
    void categoryBalanceWarnsOnADominantOrAnEmptyCategory() {
        for (int i = 0; i < 6; i++) {
            Examples.store(store.examples(), Examples.numbered(next++).category(Category.SEC_10K));
        }
        for (int i = 0; i < 4; i++) {
            Examples.store(store.examples(), Examples.numbered(next++).category(Category.SEC_8K));
        }
        ReadinessReport.Item open = item(checklist.evaluate(store.examples()), CATEGORY_BALANCE);
        assertThat(open.status()).isEqualTo(WARN);
        assertThat(open.counts()).containsExactly(Map.entry("sec_10k", 6L), Map.entry("sec_8k", 4L));
        assertThat(open.detail()).contains("'sec_10k' holds 60% of the training set");

        ReadinessChecklist lenient =
                ReadinessChecklist.builder().clock(clock).maxCategoryShare(0.6).build();
        assertThat(item(lenient.evaluate(store.examples()), CATEGORY_BALANCE).status())
                .isEqualTo(PASS);

        ReadinessChecklist closed = ReadinessChecklist.builder()
                .clock(clock)
                .maxCategoryShare(0.6)
                .taxonomy(Taxonomy.of(List.of(Category.SEC_10K, Category.SEC_8K, Category.SBC_BREAKDOWN)))
                .build();
        ReadinessReport.Item c = item(closed.evaluate(store.examples()), CATEGORY_BALANCE);
        assertThat(c.status()).isEqualTo(WARN);
        assertThat(c.counts())
                .containsExactly(Map.entry("sec_10k", 6L), Map.entry("sec_8k", 4L), Map.entry("sbc_breakdown", 0L));
        assertThat(c.detail()).contains("no examples in sbc_breakdown");
    }

    @Test
    void systemPromptsAreCountedByFingerprintNotText() {
        List<TrainingExample> main = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            main.add(
                    Examples.store(store.examples(), Examples.numbered(next++).prompt("You are a financial analyst.")));
        }
        TrainingExample other =
                Examples.store(store.examples(), Examples.numbered(next++).prompt("You are a pirate."));
        ReadinessReport.Item warn = item(checklist.evaluate(store.examples()), SYSTEM_PROMPT);
        assertThat(warn.status()).isEqualTo(WARN);
        assertThat(warn.exampleIds()).containsExactly(other.id());
        assertThat(warn.counts().values()).containsExactly(9L, 1L);
        assertThat(warn.counts().keySet()).allSatisfy(k -> assertThat(k).matches("sha256:[0-9a-f]{12}"));
        assertThat(warn.detail()).doesNotContain("pirate", "financial analyst");

        for (int i = 0; i < 5; i++) {
            Examples.store(store.examples(), Examples.numbered(next++).prompt(null));
        }
        ReadinessReport.Item fail = item(checklist.evaluate(store.examples()), SYSTEM_PROMPT);
        assertThat(fail.status()).isEqualTo(FAIL);
        assertThat(fail.counts()).containsEntry("none", 5L).hasSize(3);
        assertThat(fail.exampleIds())
                .hasSize(6)
                .doesNotContainAnyElementsOf(
                        main.stream().map(TrainingExample::id).toList());
    }

    @Test
    void reportIsJsonFriendly() throws Exception {
        add(3, Split.TRAIN);
        // plain Jackson; instants as ISO-8601 strings (a host would register jackson-datatype-jsr310)
        ObjectMapper json = new ObjectMapper()
                .registerModule(new SimpleModule().addSerializer(java.time.Instant.class, ToStringSerializer.instance));
        String text = json.writeValueAsString(checklist.evaluate(store.examples()));
        assertThat(text)
                .contains(
                        "\"overall\":\"FAIL\"",
                        "\"check\":\"TRAINING_SET_SIZE\"",
                        "\"checkedAt\":\"2026-11-28T12:00:00Z\"",
                        "\"training\":3");
    }

    @Test
    void thresholdsAreValidatedTogether() {
        assertThatThrownBy(() -> ReadinessChecklist.builder()
                        .minTrainingExamples(0)
                        .preferredTrainingExamples(-1)
                        .maxReviewAge(Duration.ZERO)
                        .maxCategoryShare(0)
                        .minPromptShare(2)
                        .minHoldout(-1)
                        .minQuality(0)
                        .build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(7));
    }
}
