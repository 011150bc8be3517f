package dev.tuneloop.openai;

import com.openai.core.JsonValue;
import com.openai.models.files.FileObject;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.jobs.checkpoints.FineTuningJobCheckpoint;
import com.openai.models.finetuning.methods.DpoHyperparameters;
import com.openai.models.finetuning.methods.DpoMethod;
import com.openai.models.finetuning.methods.SupervisedHyperparameters;
import com.openai.models.finetuning.methods.SupervisedMethod;
import com.openai.models.models.Model;
import dev.tuneloop.tune.Checkpoint;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.HyperValue;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.ModelInfo;
import dev.tuneloop.tune.UploadedFile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Converts between Tuneloop's records and openai-java's models. Stateless. */
final class OpenAiMapping {
    private OpenAiMapping() {}

    // ---------------------------------------------------------------- requests

    static JobCreateParams createParams(FineTuneRequest r) {
        return createParams(r, null);
    }

    /** The create request; with a training type, Azure's top-level {@code trainingType} field is added. */
    static JobCreateParams createParams(FineTuneRequest r, @Nullable AzureTrainingType trainingType) {
        // model(String): base models missing from the SDK's enum (and fine-tuned ones) must pass as text
        JobCreateParams.Builder b = JobCreateParams.builder()
                .model(r.baseModel())
                .trainingFile(r.trainingFileId())
                .method(method(r));
        if (r.validationFileId() != null) {
            b.validationFile(r.validationFileId());
        }
        if (r.suffix() != null) {
            b.suffix(r.suffix());
        }
        if (r.seed() != null) {
            b.seed(r.seed());
        }
        if (!r.metadata().isEmpty()) {
            JobCreateParams.Metadata.Builder m = JobCreateParams.Metadata.builder();
            r.metadata().forEach((k, v) -> m.putAdditionalProperty(k, JsonValue.from(v)));
            b.metadata(m.build());
        }
        if (trainingType != null) {
            b.putAdditionalBodyProperty("trainingType", JsonValue.from(trainingType.wire()));
        }
        return b.build();
    }

    /** Settings go under {@code method} (the top-level {@code hyperparameters} is deprecated); auto ones are left out. */
    private static JobCreateParams.Method method(FineTuneRequest r) {
        Hyperparameters h = r.hyperparameters();
        if (r.method() == FineTuneMethod.DPO) {
            DpoHyperparameters.Builder hp = DpoHyperparameters.builder();
            if (!h.nEpochs().auto()) {
                hp.nEpochs((long) h.nEpochs().number());
            }
            if (!h.batchSize().auto()) {
                hp.batchSize((long) h.batchSize().number());
            }
            if (!h.learningRateMultiplier().auto()) {
                hp.learningRateMultiplier(h.learningRateMultiplier().number());
            }
            if (!h.beta().auto()) {
                hp.beta(h.beta().number());
            }
            return JobCreateParams.Method.builder()
                    .type(JobCreateParams.Method.Type.DPO)
                    .dpo(DpoMethod.builder().hyperparameters(hp.build()).build())
                    .build();
        }
        SupervisedHyperparameters.Builder hp = SupervisedHyperparameters.builder();
        if (!h.nEpochs().auto()) {
            hp.nEpochs((long) h.nEpochs().number());
        }
        if (!h.batchSize().auto()) {
            hp.batchSize((long) h.batchSize().number());
        }
        if (!h.learningRateMultiplier().auto()) {
            hp.learningRateMultiplier(h.learningRateMultiplier().number());
        }
        return JobCreateParams.Method.builder()
                .type(JobCreateParams.Method.Type.SUPERVISED)
                .supervised(
                        SupervisedMethod.builder().hyperparameters(hp.build()).build())
                .build();
    }

    // ---------------------------------------------------------------- responses

    static UploadedFile file(FileObject f) {
        return new UploadedFile(f.id(), f.filename(), f.bytes(), f.purpose().asString(), seconds(f.createdAt()));
    }

    static FineTuneJob job(FineTuningJob j) {
        FineTuneJob.Builder b = FineTuneJob.builder(
                        j.id(), j.model(), j.status().asString(), seconds(j.createdAt()), j.trainingFile())
                .finishedAt(j.finishedAt().map(OpenAiMapping::seconds).orElse(null))
                .trainedTokens(j.trainedTokens().orElse(null))
                .fineTunedModel(j.fineTunedModel().orElse(null))
                .estimatedFinish(j.estimatedFinish().map(OpenAiMapping::seconds).orElse(null))
                .suffix(suffixOf(j))
                .validationFileId(j.validationFile().orElse(null));
        j.error()
                .ifPresent(e -> b.error(
                        e._code().asKnown().orElse(null), e._message().asKnown().orElse(null)));
        Optional<FineTuningJob.Method> method = j.method();
        FineTuneMethod m = method.map(x -> methodOf(x.type().asString())).orElse(FineTuneMethod.SUPERVISED);
        b.method(m);
        b.hyperparameters(hyperparameters(j, method));
        return b.build();
    }

    private static @Nullable String suffixOf(FineTuningJob j) {
        // the API does not return the suffix; it is the fourth part of ft:<base>:<org>:<suffix>:<id>
        return j.fineTunedModel()
                .map(name -> {
                    String[] parts = name.split(":", -1);
                    return parts.length >= 5
                                    && parts[0].equals("ft")
                                    && !parts[3].isEmpty()
                                    && FineTuneRequest.SUFFIX_PATTERN
                                            .matcher(parts[3])
                                            .matches()
                            ? parts[3]
                            : null;
                })
                .orElse(null);
    }

    private static FineTuneMethod methodOf(String type) {
        for (FineTuneMethod m : FineTuneMethod.values()) {
            if (m.wire().equals(type)) {
                return m;
            }
        }
        return FineTuneMethod.SUPERVISED;
    }

    /**
     * The job's settings from {@code method}; {@link FineTuningJob#hyperparameters()} is deprecated and throws when
     * the API leaves it out (DPO jobs), so the legacy field is only read, leniently, for jobs without a method.
     */
    private static Hyperparameters hyperparameters(FineTuningJob j, Optional<FineTuningJob.Method> method) {
        if (method.isPresent()) {
            FineTuningJob.Method m = method.get();
            Optional<JsonValue> dpo =
                    m.dpo().flatMap(DpoMethod::hyperparameters).map(JsonValue::from);
            if (dpo.isPresent()) {
                return fromJson(dpo.get());
            }
            Optional<JsonValue> sup =
                    m.supervised().flatMap(SupervisedMethod::hyperparameters).map(JsonValue::from);
            if (sup.isPresent()) {
                return fromJson(sup.get());
            }
            return Hyperparameters.AUTO;
        }
        @SuppressWarnings("deprecation") // the top-level field is deprecated; only jobs without a method still need it
        Optional<JsonValue> legacy = j._hyperparameters().asKnown().map(JsonValue::from);
        return legacy.map(OpenAiMapping::fromJson).orElse(Hyperparameters.AUTO);
    }

    private static Hyperparameters fromJson(JsonValue hp) {
        Map<String, JsonValue> o = fields(hp);
        return new Hyperparameters(
                value(o.get("n_epochs"), true),
                value(o.get("batch_size"), true),
                value(o.get("learning_rate_multiplier"), false),
                value(o.get("beta"), false));
    }

    /** "auto", absent or a value the record would refuse (a provider default beyond its rules) become AUTO. */
    private static HyperValue value(@Nullable JsonValue v, boolean whole) {
        if (v == null) {
            return HyperValue.AUTO;
        }
        Optional<Number> n = number(v);
        if (n.isEmpty()) {
            return HyperValue.AUTO;
        }
        double d = n.get().doubleValue();
        boolean ok = Double.isFinite(d) && d > 0 && (!whole || (d >= 1 && d == Math.rint(d)));
        return ok ? HyperValue.of(d) : HyperValue.AUTO;
    }

    static JobEvent event(FineTuningJobEvent e) {
        return new JobEvent(e.id(), seconds(e.createdAt()), e.level().asString(), e.message());
    }

    static Checkpoint checkpoint(FineTuningJobCheckpoint c) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        fields(JsonValue.from(c.metrics()))
                .forEach((k, v) -> number(v).ifPresent(n -> metrics.put(k, n.doubleValue())));
        return new Checkpoint(
                c.id(),
                c.fineTuningJobId(),
                c.fineTunedModelCheckpoint(),
                c.stepNumber(),
                seconds(c.createdAt()),
                metrics);
    }

    static ModelInfo model(Model m) {
        return new ModelInfo(m.id(), seconds(m.created()), m.ownedBy());
    }

    private static Optional<Number> number(JsonValue v) {
        com.openai.core.JsonField<?> field = v;
        return field.asNumber();
    }

    /** The members of a JSON object; empty for anything else. */
    private static Map<String, JsonValue> fields(JsonValue v) {
        // JsonValue is a JsonField<Nothing> in Kotlin, which Java sees raw: go through the wildcard type
        com.openai.core.JsonField<?> field = v;
        Optional<Map<String, JsonValue>> object = field.asObject();
        return object.orElse(Map.of());
    }

    private static Instant seconds(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds);
    }
}
