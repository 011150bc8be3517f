package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetrainAdvisorTest {
    private static final String PROMPT = "You are a financial analyst assistant.";
    private final Store store = Store.inMemory();
    private final TestClock clock = TestClock.at(NOW);
    private final RetrainAdvisor advisor = RetrainAdvisor.create(store.examples(), clock);

    private List<TrainingExample> approve(int n, Examples.Spec template, int from) {
        List<TrainingExample> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            Examples.Spec s = Examples.numbered(i);
            s.split = template.split;
            s.category = template.category;
            s.quality = template.quality;
            s.systemPrompt = template.systemPrompt;
            out.add(Examples.store(store.examples(), s));
        }
        return out;
    }

    @Test
    void firstTrainingNeedsFiftyQualityTrainExamples() {
        approve(49, Examples.spec(), 0);
        approve(10, Examples.spec().quality(4), 100); // poor: not counted
        approve(10, Examples.spec().split(Split.HOLDOUT), 200); // held out: not counted
        RetrainAdvice advice = advisor.advise(TrainingSnapshot.never());
        assertThat(advice.shouldRetrain()).isFalse();
        assertThat(advice.reasons()).isEmpty();
        assertThat(advice.newExamples()).isEqualTo(49);
        assertThat(advice.lastTrainedAt()).isNull();
        assertThat(advice.evaluatedAt()).isEqualTo(NOW);

        approve(1, Examples.spec(), 49);
        RetrainAdvice ready = advisor.advise(TrainingSnapshot.never());
        assertThat(ready.shouldRetrain()).isTrue();
        assertThat(ready.reasons()).singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo(RetrainAdvice.Trigger.NEW_EXAMPLES);
            assertThat(r.detail()).startsWith("50 new approved TRAIN examples scored >= 5");
        });
    }

    @Test
    void countsOnlyExamplesTheLastTrainingDidNotUse() {
        List<TrainingExample> used = approve(60, Examples.spec(), 0);
        TrainingSnapshot last = TrainingSnapshot.of(NOW, used);
        clock.advance(Duration.ofDays(30));
        approve(49, Examples.spec(), 1000);

        RetrainAdvice advice = advisor.advise(last);
        assertThat(advice.shouldRetrain()).isFalse();
        assertThat(advice.newExamples()).isEqualTo(49);
        assertThat(advice.lastTrainedAt()).isEqualTo(NOW);

        approve(1, Examples.spec(), 2000);
        assertThat(advisor.advise(last).reasons())
                .extracting(RetrainAdvice.Reason::trigger)
                .containsExactly(RetrainAdvice.Trigger.NEW_EXAMPLES);
    }

    @Test
    void systemPromptChangeIsATrigger() {
        List<TrainingExample> used = approve(5, Examples.spec(), 0);
        TrainingSnapshot last = TrainingSnapshot.of(NOW, used);
        assertThat(last.systemPrompt()).isEqualTo(PROMPT);

        assertThat(advisor.advise(last, "  You are a financial   analyst assistant. ")
                        .shouldRetrain())
                .as("whitespace does not count")
                .isFalse();
        RetrainAdvice given = advisor.advise(last, "You are a terse financial analyst.");
        assertThat(given.reasons()).singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo(RetrainAdvice.Trigger.SYSTEM_PROMPT_CHANGED);
            assertThat(r.detail()).doesNotContain("terse").contains("sha256:");
        });

        assertThat(advisor.advise(last).shouldRetrain())
                .as("no new examples: nothing to compare")
                .isFalse();
        approve(3, Examples.spec().prompt("A new prompt."), 100);
        approve(1, Examples.spec(), 200);
        assertThat(advisor.advise(last).reasons())
                .extracting(RetrainAdvice.Reason::trigger)
                .containsExactly(RetrainAdvice.Trigger.SYSTEM_PROMPT_CHANGED);
    }

    @Test
    void newCategoriesAreATrigger() {
        List<TrainingExample> used = approve(5, Examples.spec().category(Category.SEC_10K), 0);
        TrainingSnapshot last = TrainingSnapshot.of(NOW, used);
        approve(2, Examples.spec().category(Category.SBC_BREAKDOWN).split(Split.HOLDOUT), 100);
        approve(1, Examples.spec().category(Category.COMPARISON).quality(3), 200); // poor: ignored

        RetrainAdvice advice = advisor.advise(last);
        assertThat(advice.newCategories()).containsExactly(Category.SBC_BREAKDOWN);
        assertThat(advice.reasons())
                .extracting(RetrainAdvice.Reason::trigger)
                .containsExactly(RetrainAdvice.Trigger.NEW_CATEGORIES);
        assertThat(advisor.advise(TrainingSnapshot.never()).newCategories()).isEmpty();
    }

    @Test
    void thresholdsAreConfigurableAndValidated() {
        approve(3, Examples.spec().quality(6), 0);
        RetrainAdvisor strict = RetrainAdvisor.builder(store.examples())
                .clock(clock)
                .minNewExamples(3)
                .minQuality(7)
                .build();
        RetrainAdvisor loose = RetrainAdvisor.builder(store.examples())
                .clock(clock)
                .minNewExamples(3)
                .minQuality(6)
                .build();
        assertThat(strict.advise(TrainingSnapshot.never()).shouldRetrain()).isFalse();
        assertThat(loose.advise(TrainingSnapshot.never()).shouldRetrain()).isTrue();
        assertThatThrownBy(() -> RetrainAdvisor.builder(store.examples())
                        .minNewExamples(0)
                        .minQuality(11)
                        .build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .containsExactly(
                                "minNewExamples must be >= 1, but was 0",
                                "minQuality must be between 1 and 10, but was 11"));
        assertThat(TrainingSnapshot.of(NOW, List.of()).categories()).isEqualTo(Set.of());
    }
}
