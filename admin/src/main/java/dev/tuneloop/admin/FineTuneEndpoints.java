package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelLifecycle;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The seed's fine-tuning endpoints: create a job, check its status, list the model versions. */
final class FineTuneEndpoints {
    /** The seed's minimum score when the request names none. */
    static final int DEFAULT_MIN_QUALITY_SCORE = LaunchRequest.DEFAULT_MIN_QUALITY_SCORE;

    static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,255}");

    private final @Nullable FineTuneLauncher launcher;
    private final @Nullable FineTuneClient client;
    private final @Nullable JobStore jobs;
    private final @Nullable ModelRegistry registry;
    private final ModelLifecycle lifecycle;
    private final Map<String, LaunchProvider> providers;

    FineTuneEndpoints(AdminServer.Builder b) {
        this.launcher = b.launcher;
        this.client = b.fineTuneClient;
        this.jobs = b.jobs;
        this.registry = b.registry;
        this.lifecycle = b.lifecycle;
        this.providers = Map.copyOf(b.providers);
    }

    List<Route> routes() {
        return List.of(
                Route.post("/admin/fine-tune/create", this::create),
                Route.get("/admin/fine-tune/models", this::models),
                Route.get("/admin/fine-tune/([^/]+)/status", this::status));
    }

    private void configured() {
        if (launcher == null) {
            throw HttpError.notConfigured("fine-tuning is");
        }
    }

    private void create(Request r) throws IOException {
        r.query(Set.of());
        configured();
        ObjectNode body = r.jsonBody();
        Request.onlyFields(
                body, Set.of("base_model", "min_quality_score", "method", "suffix", "n_epochs", "notes", "force"));
        LaunchRequest.Builder launch = launchRequest(body, null);
        Launch done = Objects.requireNonNull(launcher, "configured").launch(launch.build());
        Responses.json(
                r.exchange,
                201,
                Json.launch(done),
                Map.of("Location", "/admin/fine-tune/" + done.job().id() + "/status"));
    }

    /**
     * The launch a request body asks for: {@code base_model} (required), {@code min_quality_score}, {@code method}
     * (or the method of {@code preset}, which must agree with it), {@code n_epochs}, {@code batch_size},
     * {@code learning_rate_multiplier}, {@code suffix}, {@code notes}, {@code force}. The caller checks which fields
     * the body may have.
     *
     * @throws HttpError 400 naming the first bad field
     */
    static LaunchRequest.Builder launchRequest(ObjectNode body, @Nullable ExportFormat preset) {
        String baseModel = Request.requiredText(body, "base_model");
        if (!MODEL.matcher(baseModel).matches()) {
            throw HttpError.badRequest("base_model must be a model name (letters, digits and _ . : / -, at most 256), "
                    + "but was '" + HttpError.shorten(baseModel) + "'");
        }
        LaunchRequest.Builder launch = LaunchRequest.builder(baseModel);
        Integer min = Request.integer(body, "min_quality_score", 1, 10);
        launch.minQualityScore(min == null ? DEFAULT_MIN_QUALITY_SCORE : min);
        String method = Request.text(body, "method");
        FineTuneMethod chosen = null;
        if (method != null) {
            chosen = switch (method) {
                case "supervised" -> FineTuneMethod.SUPERVISED;
                case "dpo" -> FineTuneMethod.DPO;
                default ->
                    throw HttpError.badRequest(
                            "method must be 'supervised' or 'dpo', but was '" + HttpError.shorten(method) + "'");
            };
        }
        if (preset != null) {
            FineTuneMethod ofPreset = preset.needsPreferencePair() ? FineTuneMethod.DPO : FineTuneMethod.SUPERVISED;
            if (chosen != null && chosen != ofPreset) {
                throw HttpError.badRequest("method must fit the preset: " + Json.lower(preset) + " trains with '"
                        + ofPreset.wire() + "', but method was '" + chosen.wire() + "'");
            }
            chosen = ofPreset;
        }
        if (chosen != null) {
            launch.method(chosen);
        }
        Hyperparameters hp = Hyperparameters.AUTO;
        Integer epochs = Request.integer(body, "n_epochs", 1, 50);
        if (epochs != null) {
            hp = hp.withEpochs(epochs);
        }
        Integer batch = Request.integer(body, "batch_size", 1, 256);
        if (batch != null) {
            hp = hp.withBatchSize(batch);
        }
        JsonNode lr = body.get("learning_rate_multiplier");
        if (lr != null && !lr.isNull()) {
            if (!lr.isNumber() || !(lr.doubleValue() > 0) || lr.doubleValue() > 10) {
                throw HttpError.badRequest("learning_rate_multiplier must be a number above 0 and at most 10, but was "
                        + HttpError.shorten(lr.toString()));
            }
            hp = hp.withLearningRateMultiplier(lr.doubleValue());
        }
        if (!hp.allAuto()) {
            launch.hyperparameters(hp);
        }
        String suffix = Request.text(body, "suffix");
        if (suffix != null) {
            launch.suffix(suffix);
        }
        String notes = Request.text(body, "notes");
        if (notes != null) {
            launch.notes(notes);
        }
        JsonNode force = body.get("force");
        if (force != null && !force.isNull()) {
            if (!force.isBoolean()) {
                throw HttpError.badRequest("force must be true or false");
            }
            launch.force(force.booleanValue());
        }
        return launch;
    }

    /** The provider that runs a job: the one its model version names, else the default one. */
    static FineTuneClient clientOf(
            String jobId,
            FineTuneClient fallback,
            @Nullable ModelRegistry registry,
            Map<String, LaunchProvider> providers) {
        if (registry == null) {
            return fallback;
        }
        return registry.versionForJob(jobId)
                .map(ModelVersion::provider)
                .map(providers::get)
                .map(LaunchProvider::client)
                .orElse(fallback);
    }

    /**
     * Records the fine-tuned model of a succeeded job in its model version when the version has none yet, so the
     * registry (and a routing plan made from it) knows the model without a separate watcher.
     */
    static void recordModel(FineTuneJob job, @Nullable ModelRegistry registry) {
        String model = job.fineTunedModel();
        if (registry == null || model == null || job.status() != JobStatus.SUCCEEDED) {
            return;
        }
        registry.versionForJob(job.id())
                .filter(v -> v.fineTunedModel() == null)
                .ifPresent(v -> registry.recordFineTunedModel(v.version(), model));
    }

    private void status(Request r) throws IOException {
        r.query(Set.of());
        configured();
        String jobId = r.pathParam(0);
        if (!JOB_ID.matcher(jobId).matches()) {
            throw HttpError.badRequest("job_id must be letters, digits and _ . : - (at most 256), but was '"
                    + HttpError.shorten(jobId) + "'");
        }
        FineTuneClient provider = clientOf(jobId, Objects.requireNonNull(client, "configured"), registry, providers);
        FineTuneJob job = provider.get(jobId);
        JobStore jobs = Objects.requireNonNull(this.jobs, "configured");
        if (jobs.find(jobId).isPresent()) {
            jobs.save(job); // keep the stored copy current for a watcher that resumes
            recordModel(job, registry);
        }
        Responses.json(r.exchange, 200, Json.job(job));
    }

    private void models(Request r) throws IOException {
        r.query(Set.of());
        configured();
        ObjectNode body = Json.object();
        ArrayNode versions = body.putArray("versions");
        Objects.requireNonNull(registry, "configured")
                .versions()
                .forEach(v -> versions.add(Json.version(v, lifecycle)));
        Responses.json(r.exchange, 200, body);
    }
}
