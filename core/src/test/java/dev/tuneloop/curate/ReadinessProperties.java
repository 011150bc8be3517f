package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.ReadinessReport.Check.CATEGORY_BALANCE;
import static dev.tuneloop.curate.ReadinessReport.Check.HOLDOUT_SIZE;
import static dev.tuneloop.curate.ReadinessReport.Check.REVIEW_FRESHNESS;
import static dev.tuneloop.curate.ReadinessReport.Check.SYSTEM_PROMPT;
import static dev.tuneloop.curate.ReadinessReport.Check.TRAINING_SET_SIZE;
import static dev.tuneloop.curate.ReadinessReport.Status.FAIL;
import static dev.tuneloop.curate.ReadinessReport.Status.PASS;
import static dev.tuneloop.curate.ReadinessReport.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Readiness items over random example sets agree with the rules computed directly. */
class ReadinessProperties {
    private static final Category[] CATEGORIES = {Category.SEC_10K, Category.SEC_8K, Category.COMPARISON};
    private static final String[] PROMPTS = {"Prompt A.", "Prompt B.", null};

    @Property(tries = 60)
    void itemsFollowTheirRules(@ForAll long seed) {
        Random rnd = new Random(seed);
        Store store = Store.inMemory();
        int minTraining = 1 + rnd.nextInt(15);
        int preferred = minTraining + rnd.nextInt(15);
        int minHoldout = rnd.nextInt(6);
        ReadinessChecklist checklist = ReadinessChecklist.builder()
                .clock(TestClock.at(NOW))
                .minTrainingExamples(minTraining)
                .preferredTrainingExamples(preferred)
                .minHoldout(minHoldout)
                .build();
        int n = rnd.nextInt(40);
        List<TrainingExample> all = new ArrayList<>();
        // prompts skewed so that every outcome (one prompt, dominant, mixed) is drawn
        int promptKinds = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            Examples.Spec s = Examples.numbered(i)
                    .split(rnd.nextInt(4) == 0 ? Split.HOLDOUT : Split.TRAIN)
                    .category(CATEGORIES[rnd.nextInt(rnd.nextBoolean() ? 1 : 3)])
                    .quality(1 + rnd.nextInt(10))
                    .prompt(rnd.nextInt(10) < 8 ? PROMPTS[0] : PROMPTS[rnd.nextInt(promptKinds)])
                    .reviewedAt(NOW.minus(Duration.ofHours(rnd.nextInt(20 * 24))));
            if (rnd.nextInt(8) == 0) {
                s.rejected();
            }
            all.add(Examples.store(store.examples(), s));
        }

        ReadinessReport r = checklist.evaluate(store.examples());

        List<TrainingExample> exportable =
                all.stream().filter(TrainingExample::isExportable).toList();
        List<TrainingExample> training =
                exportable.stream().filter(e -> e.split() == Split.TRAIN).toList();
        int holdout = exportable.size() - training.size();
        ReadinessReport.Item size = r.item(TRAINING_SET_SIZE).orElseThrow();
        assertThat(size.counts()).containsEntry("training", (long) training.size());
        assertThat(size.status())
                .isEqualTo(training.size() < minTraining ? FAIL : training.size() < preferred ? WARN : PASS);
        assertThat(r.item(HOLDOUT_SIZE).orElseThrow().status())
                .isEqualTo(holdout == 0 ? FAIL : holdout < minHoldout ? WARN : PASS);
        assertThat(r.item(REVIEW_FRESHNESS).orElseThrow().exampleIds())
                .containsExactlyElementsOf(exportable.stream()
                        .filter(e -> e.reviewedAt().isBefore(NOW.minus(Duration.ofDays(14))))
                        .map(TrainingExample::id)
                        .toList());

        Map<String, Long> perCategory = new HashMap<>();
        training.forEach(e -> perCategory.merge(e.category().name(), 1L, Long::sum));
        ReadinessReport.Item balance = r.item(CATEGORY_BALANCE).orElseThrow();
        assertThat(balance.counts()).isEqualTo(perCategory);
        boolean dominant = perCategory.values().stream().anyMatch(c -> c * 2 > training.size());
        assertThat(balance.status()).isEqualTo(training.isEmpty() || dominant ? WARN : PASS);

        Map<String, Long> perPrompt = new HashMap<>();
        training.forEach(e -> perPrompt.merge(Fingerprints.of(e.systemPrompt()), 1L, Long::sum));
        ReadinessReport.Item prompts = r.item(SYSTEM_PROMPT).orElseThrow();
        assertThat(prompts.counts()).isEqualTo(perPrompt);
        long top = perPrompt.values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(prompts.status())
                .isEqualTo(perPrompt.size() <= 1 ? PASS : top >= 0.8 * training.size() ? WARN : FAIL);
        assertThat(prompts.exampleIds())
                .hasSize((int) (training.size() - (perPrompt.size() <= 1 ? training.size() : top)));

        ReadinessReport.Status worst = PASS;
        for (ReadinessReport.Item i : r.items()) {
            worst = worst.worst(i.status());
        }
        assertThat(r.overall()).isEqualTo(worst);
    }
}
