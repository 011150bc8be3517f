package dev.tuneloop.store;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.eval.EvaluationErasure;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.NewModelVersion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** {@link ModelRegistry} in memory; one monitor guards all state, so every call is atomic. */
final class InMemoryModelRegistry implements ModelRegistry {
    private final TreeMap<Integer, ModelVersion> versions = new TreeMap<>();

    @Override
    public synchronized ModelVersion register(NewModelVersion draft) {
        Objects.requireNonNull(draft, "draft");
        if (draft.jobId() != null) {
            for (ModelVersion v : versions.values()) {
                if (draft.jobId().equals(v.jobId())) {
                    throw new ConflictException(
                            "job " + draft.jobId() + " already belongs to model version " + v.version());
                }
            }
        }
        String parent = draft.parentVersion();
        if (parent != null && !versions.containsKey(ModelVersion.number(parent))) {
            throw new NotFoundException("parentVersion " + parent + " does not exist");
        }
        int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        ModelVersion v = ModelVersion.builder(
                        ModelVersion.name(next), draft.createdAt(), draft.baseModel(), draft.dataset())
                .jobId(draft.jobId())
                .notes(draft.notes())
                .provider(draft.provider())
                .parentVersion(parent)
                .build();
        versions.put(next, v);
        return v;
    }

    @Override
    public synchronized List<ModelVersion> versions() {
        return List.copyOf(versions.values());
    }

    @Override
    public synchronized Optional<ModelVersion> findVersion(String version) {
        Objects.requireNonNull(version, "version");
        try {
            return Optional.ofNullable(versions.get(ModelVersion.number(version)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void recordFineTunedModel(String version, String fineTunedModel) {
        Checks.start().text("fineTunedModel", fineTunedModel, true, 512).orThrow();
        ModelVersion v = getVersion(version);
        if (v.fineTunedModel() != null) {
            if (v.fineTunedModel().equals(fineTunedModel)) {
                return;
            }
            throw new ConflictException("model version " + version + " already has fine-tuned model "
                    + v.fineTunedModel() + " and cannot be given " + fineTunedModel);
        }
        replace(v.toBuilder().fineTunedModel(fineTunedModel).build());
    }

    @Override
    public synchronized void recordWeights(String version, String weightsUri) {
        Checks.start().text("weightsUri", weightsUri, true, 2048).orThrow();
        ModelVersion v = getVersion(version);
        if (!weightsUri.equals(v.weightsUri())) {
            replace(v.toBuilder().weightsUri(weightsUri).build());
        }
    }

    @Override
    public synchronized void recordEvaluation(String version, EvaluationSummary evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        ModelVersion v = getVersion(version);
        replace(v.toBuilder().evaluation(evaluation).build());
    }

    @Override
    public synchronized void markDeployed(String version, Instant at) {
        Objects.requireNonNull(at, "at");
        ModelVersion v = getVersion(version);
        if (v.fineTunedModel() == null) {
            throw new ConflictException("model version " + version + " has no fine-tuned model yet"
                    + (v.jobId() == null ? "" : " (job " + v.jobId() + ")") + " and cannot be deployed");
        }
        replace(v.toBuilder().deployedAt(at).build());
    }

    /**
     * Redacts the cases of erased examples in every version's evaluation report.
     *
     * @return {cases redacted, reports amended}
     */
    synchronized int[] eraseCases(List<ExampleId> exampleIds) {
        int[] counts = new int[2];
        if (exampleIds.isEmpty()) {
            return counts;
        }
        List<String> caseIds = exampleIds.stream().map(ExampleId::toString).toList();
        for (ModelVersion v : List.copyOf(versions.values())) {
            EvaluationSummary e = v.evaluation();
            if (e == null) {
                continue;
            }
            Optional<EvaluationErasure> amended = EvaluationErasure.redact(e, caseIds);
            if (amended.isPresent()) {
                replace(v.toBuilder().evaluation(amended.get().summary()).build());
                counts[0] += amended.get().erasedCases();
                counts[1]++;
            }
        }
        return counts;
    }

    private void replace(ModelVersion v) {
        versions.put(v.number(), v);
    }
}
