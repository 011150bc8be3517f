package dev.tuneloop.eval;

import static dev.tuneloop.eval.EvaluatorTest.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.ScriptedChatModel;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.NewModelVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryRecordingTest {

    private static ModelRegistry registryWithVersion(String fineTuned) {
        Store tuneloopStore = Store.inMemory();
        ModelRegistry registry = tuneloopStore.registry();
        ModelVersion v = registry.register(new NewModelVersion(
                NOW, BASE, new DatasetSnapshot("0".repeat(64), List.of()), "ftjob-1", "Added SBC examples"));
        if (fineTuned != null) {
            registry.recordFineTunedModel(v.version(), fineTuned);
        }
        return registry;
    }

    @Test
    void theReportIsRecordedOnTheVersion() {
        ModelRegistry registry = registryWithVersion(CAND);
        ScriptedChatModel chat = seedModels();
        EvaluationReport report = Evaluator.builder()
                .examples(storeWithSeedHoldout().examples())
                .forVersion(registry, "v1", chat)
                .rules(PromotionRules.DEFAULTS.withMinCases(3))
                .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
                .build()
                .run();

        EvaluationSummary s = registry.getVersion("v1").evaluation();
        assertThat(s).isEqualTo(report.toSummary());
        assertThat(s.baseModel()).isEqualTo(BASE);
        assertThat(s.candidateModel()).isEqualTo(CAND);
        assertThat(s.candidateMeanScore()).isEqualTo(1.0);
        assertThat(s.baseMeanScore()).isCloseTo(report.model(BASE).meanScore(), within(0.0));
        assertThat(s.candidateAccuracy()).isEqualTo(1.0);
        assertThat(s.promote()).isTrue();
        assertThat(s.evaluatedAt()).isEqualTo(NOW);
        assertThat(EvaluationReport.fromJson(s.reportJson())).isEqualTo(report);
    }

    @Test
    void aMissingVersionOrAnotherCandidateIsRejectedAtBuild() {
        ModelRegistry registry = registryWithVersion("ft:gpt-4o-mini:acme::other");
        ScriptedChatModel chat = seedModels();
        assertThatThrownBy(() -> Evaluator.builder()
                        .base(BASE, chat)
                        .candidate(CAND, chat)
                        .recordTo(registry, "v1")
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("candidate " + CAND
                        + " is not the fine-tuned model of version v1 (ft:gpt-4o-mini:acme::other)");
        assertThatThrownBy(() -> Evaluator.builder()
                        .base(BASE, chat)
                        .candidate(CAND, chat)
                        .recordTo(registry, "v7")
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("model version v7 does not exist in the registry");
        assertThatThrownBy(() -> Evaluator.builder().forVersion(registry, "v7", chat))
                .isInstanceOf(NotFoundException.class);
        ModelRegistry untrained = registryWithVersion(null);
        assertThatThrownBy(() -> Evaluator.builder().forVersion(untrained, "v1", chat))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("v1 has no fine-tuned model yet (job ftjob-1)");
    }
}
