package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.testing.FakeFineTuneClient.Operation;
import dev.tuneloop.testing.TestClock;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.NotReadyException;
import dev.tuneloop.tune.ReadinessGate;
import dev.tuneloop.tune.ReadinessVerdict;
import org.junit.jupiter.api.Test;

/** The launcher's readiness gate on the real checklist (in this package for its example helpers). */
class ReadinessGateFromChecklistTest {
    private static final Category[] THREE = {Category.SEC_10K, Category.SEC_10Q, Category.COMPARISON};
    private final Store store = Store.inMemory();
    private final ReadinessChecklist checklist = ReadinessChecklist.create(TestClock.at(NOW));
    private final ReadinessGate gate = ReadinessGate.fromChecklist(checklist, store.examples());

    @Test
    void passesTheChecklistsFailuresAndWarningsThrough() {
        ReadinessVerdict verdict = gate.check();
        ReadinessReport report = checklist.evaluate(store.examples());

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failures()).isEqualTo(report.failures()).isNotEmpty();
        assertThat(verdict.warnings()).isEqualTo(report.warnings());
        assertThat(verdict.failures().get(0)).startsWith("TRAINING_SET_SIZE: ");
    }

    @Test
    void aFailingChecklistStopsTheLaunchBeforeAnyUpload() {
        FakeFineTuneClient client = FakeFineTuneClient.create();
        FineTuneLauncher launcher = FineTuneLauncher.builder(
                        client,
                        Store.inMemory().jobs(),
                        Store.inMemory().registry(),
                        (q, m) -> {
                            throw new AssertionError("must not export when not ready");
                        },
                        gate)
                .build();

        assertThatThrownBy(() ->
                        launcher.launch(LaunchRequest.builder("gpt-4o-mini").build()))
                .isInstanceOfSatisfying(
                        NotReadyException.class,
                        e -> assertThat(e.failures()).anyMatch(f -> f.startsWith("TRAINING_SET_SIZE: ")));
        assertThat(client.calls(Operation.UPLOAD)).isZero();
    }

    @Test
    void aReadySetPasses() {
        int next = 0;
        for (int i = 0; i < 100; i++, next++) {
            Examples.store(
                    store.examples(), Examples.numbered(next).split(Split.TRAIN).category(THREE[next % 3]));
        }
        for (int i = 0; i < 25; i++, next++) {
            Examples.store(
                    store.examples(),
                    Examples.numbered(next).split(Split.HOLDOUT).category(THREE[next % 3]));
        }
        ReadinessVerdict verdict = gate.check();
        assertThat(verdict.failures())
                .as(checklist.evaluate(store.examples()).toString())
                .isEmpty();
        assertThat(verdict.passed()).isTrue();
    }
}
