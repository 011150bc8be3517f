package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.ReadinessReport;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.export.PriceTable;
import dev.tuneloop.export.TrainingEstimates;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The console's readiness-and-launch and jobs pages over HTTP: the choices a launch offers, a cost and time estimate
 * for a choice, the confirmed launch on a chosen provider, and the jobs being watched with their events.
 */
final class LaunchEndpoints {
    /** The most jobs the jobs page lists. */
    static final int MAX_JOBS = 200;

    private static final Set<String> LAUNCH_FIELDS = Set.of(
            "confirm",
            "provider",
            "preset",
            "base_model",
            "min_quality_score",
            "method",
            "n_epochs",
            "batch_size",
            "learning_rate_multiplier",
            "suffix",
            "notes",
            "force");
    private static final Set<String> ESTIMATE_FIELDS =
            Set.of("provider", "preset", "base_model", "min_quality_score", "n_epochs");

    private final Map<String, LaunchProvider> providers;
    private final @Nullable JobStore jobs;
    private final @Nullable ModelRegistry registry;
    private final @Nullable JsonlExporter exporter;
    private final @Nullable Supplier<ReadinessReport> readiness;
    private final List<String> baseModels;
    private final PriceTable prices;

    LaunchEndpoints(AdminServer.Builder b) {
        this.providers = new LinkedHashMap<>(b.providers);
        this.jobs = b.jobs;
        this.registry = b.registry;
        this.exporter = b.exporter;
        this.readiness = b.readiness;
        this.baseModels = List.copyOf(b.baseModels);
        this.prices = b.prices;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/admin/fine-tune/choices", this::choices),
                Route.post("/admin/fine-tune/estimate", this::estimate),
                Route.post("/admin/fine-tune/launch", this::launch),
                Route.get("/admin/fine-tune/jobs", this::jobs),
                Route.get("/admin/fine-tune/([^/]+)/events", this::events));
    }

    private Map.Entry<String, LaunchProvider> provider(@Nullable String name) {
        if (providers.isEmpty()) {
            throw HttpError.notConfigured("fine-tuning is");
        }
        if (name == null) {
            return providers.entrySet().iterator().next();
        }
        LaunchProvider p = providers.get(name);
        if (p == null) {
            throw HttpError.badRequest(
                    "provider must be one of " + providers.keySet() + ", but was '" + HttpError.shorten(name) + "'");
        }
        return Map.entry(name, p);
    }

    /** {@code GET /admin/fine-tune/choices}: providers, base models, presets and the hyperparameters' ranges. */
    private void choices(Request r) throws IOException {
        r.query(Set.of());
        provider(null);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("providers");
        boolean first = true;
        for (String name : providers.keySet()) {
            list.addObject().put("name", name).put("default", first);
            first = false;
        }
        ArrayNode models = out.putArray("base_models");
        baseModels.forEach(models::add);
        ArrayNode presets = out.putArray("presets");
        for (ExportFormat f : ExportFormat.values()) {
            presets.addObject()
                    .put("name", Json.lower(f))
                    .put("method", f.needsPreferencePair() ? "dpo" : "supervised")
                    .put("family", f.isOpenAi() ? "openai" : f.isTrl() ? "trl" : f.isGemini() ? "gemini" : "other");
        }
        ObjectNode hp = out.putObject("hyperparameters");
        hp.putObject("n_epochs").put("min", 1).put("max", 50).put("default", "auto");
        hp.putObject("batch_size").put("min", 1).put("max", 256).put("default", "auto");
        hp.putObject("learning_rate_multiplier")
                .put("min_exclusive", 0)
                .put("max", 10)
                .put("default", "auto");
        hp.putObject("min_quality_score")
                .put("min", 1)
                .put("max", 10)
                .put("default", FineTuneEndpoints.DEFAULT_MIN_QUALITY_SCORE);
        out.put("estimates", exporter != null);
        Responses.json(r.exchange, 200, out);
    }

    /**
     * {@code POST /admin/fine-tune/estimate {"base_model": ..., "preset": ..., "min_quality_score": ...,
     * "n_epochs": ...}}: exports the examples the launch would train on into nothing, and answers their tokens and
     * the estimated cost (from the price table) and time, with the readiness checklist's verdict.
     */
    private void estimate(Request r) throws IOException {
        r.query(Set.of());
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, ESTIMATE_FIELDS);
        provider(Request.text(body, "provider"));
        if (exporter == null) {
            throw HttpError.notConfigured("the exporter (for estimates) is");
        }
        ExportFormat preset = preset(body);
        LaunchRequest launch = FineTuneEndpoints.launchRequest(body, preset).build();
        ExportOptions.Builder options = ExportOptions.builder()
                .format(preset == null ? ExportFormat.SUPERVISED : preset)
                .minQuality(launch.minQualityScore())
                .baseModel(launch.baseModel())
                .prices(prices);
        if (!launch.hyperparameters().nEpochs().auto()) {
            options.epochs((int) launch.hyperparameters().nEpochs().number());
        }
        ExportReport report = exporter.export(options.build(), OutputStream.nullOutputStream());
        ObjectNode out = Json.object();
        out.put("base_model", report.baseModel());
        out.put("preset", Json.lower(report.format()));
        out.put("min_quality_score", report.effectiveMinQuality());
        out.put("examples", report.written());
        out.put("tokens_per_epoch", report.tokens().billing());
        out.put("epochs", report.epochs());
        out.put("auto_epochs", report.autoEpochs());
        out.put("estimated_training_tokens", report.estimatedTrainingTokens());
        BigDecimal cost = report.estimatedCostUsd();
        if (cost == null) {
            out.putNull("estimated_cost_usd");
        } else {
            out.put("estimated_cost_usd", cost);
        }
        out.put(
                "price_per_million_tokens_usd",
                prices.pricePerMillion(report.baseModel()).orElse(null));
        out.putObject("estimated_minutes")
                .put("min", report.estimatedTrainingTime().minMinutes())
                .put("max", report.estimatedTrainingTime().maxMinutes());
        out.put(
                "estimate_rule",
                "auto epochs: " + TrainingEstimates.TARGET_EPOCHS + " for "
                        + TrainingEstimates.MIN_TARGET_EXAMPLES + "-" + TrainingEstimates.MAX_TARGET_EXAMPLES
                        + " examples, scaled outside that range; time from the example count");
        out.put("validation_errors", report.validation().errors());
        if (readiness != null) {
            ReadinessReport ready = readiness.get();
            out.put("readiness", Json.lower(ready.overall()));
        } else {
            out.putNull("readiness");
        }
        Responses.json(r.exchange, 200, out);
    }

    /**
     * {@code POST /admin/fine-tune/launch {"confirm": true, "provider": ..., "base_model": ..., ...}}: launches on the
     * chosen provider through its {@link dev.tuneloop.tune.FineTuneLauncher} (readiness, export, upload, create,
     * register). Without {@code "confirm": true} nothing is launched.
     */
    private void launch(Request r) throws IOException {
        r.query(Set.of());
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, LAUNCH_FIELDS);
        Map.Entry<String, LaunchProvider> p = provider(Request.text(body, "provider"));
        LaunchRequest request =
                FineTuneEndpoints.launchRequest(body, preset(body)).build();
        requireConfirm(body, "launches a fine-tuning job, which the provider bills");
        Launch done = p.getValue().launcher().launch(request);
        ObjectNode out = Json.launch(done);
        out.put("provider", p.getKey());
        Responses.json(
                r.exchange,
                201,
                out,
                Map.of("Location", "/admin/fine-tune/" + done.job().id() + "/status"));
    }

    /**
     * {@code GET /admin/fine-tune/jobs}: the jobs of the job store that are still running, and those of every model
     * version, newest first, each with its model version.
     */
    private void jobs(Request r) throws IOException {
        r.query(Set.of());
        JobStore store = jobStore();
        Map<String, FineTuneJob> found = new LinkedHashMap<>();
        store.active().forEach(j -> found.put(j.id(), j));
        Map<String, ModelVersion> versionOf = new LinkedHashMap<>();
        if (registry != null) {
            for (ModelVersion v : registry.versions()) {
                String jobId = v.jobId();
                if (jobId == null) {
                    continue;
                }
                versionOf.put(jobId, v);
                if (!found.containsKey(jobId)) {
                    store.find(jobId).ifPresent(j -> found.put(j.id(), j));
                }
            }
        }
        List<FineTuneJob> list = new ArrayList<>(found.values());
        list.sort(Comparator.comparing(FineTuneJob::createdAt)
                .thenComparing(FineTuneJob::id)
                .reversed());
        ObjectNode out = Json.object();
        out.put("count", Math.min(list.size(), MAX_JOBS));
        ArrayNode items = out.putArray("jobs");
        for (FineTuneJob j : list.subList(0, Math.min(list.size(), MAX_JOBS))) {
            ObjectNode n = Json.job(j);
            ModelVersion v = versionOf.get(j.id());
            n.put("model_version", v == null ? null : v.version());
            n.put("provider", v == null ? null : v.provider());
            items.add(n);
        }
        Responses.json(r.exchange, 200, out);
    }

    /** {@code GET /admin/fine-tune/{id}/events}: the provider's events of a job in the job store, oldest first. */
    private void events(Request r) throws IOException {
        r.query(Set.of());
        String jobId = r.pathParam(0);
        if (!FineTuneEndpoints.JOB_ID.matcher(jobId).matches()) {
            throw HttpError.badRequest("job_id must be letters, digits and _ . : - (at most 256), but was '"
                    + HttpError.shorten(jobId) + "'");
        }
        jobStore().get(jobId);
        FineTuneClient fallback = provider(null).getValue().client();
        List<JobEvent> events = new ArrayList<>(
                FineTuneEndpoints.clientOf(jobId, fallback, registry, providers).events(jobId));
        events.sort(Comparator.comparing(JobEvent::createdAt));
        ObjectNode out = Json.object();
        out.put("job_id", jobId);
        ArrayNode items = out.putArray("events");
        for (JobEvent e : events) {
            items.addObject()
                    .put("id", e.id())
                    .put("created_at", Json.iso(e.createdAt()))
                    .put("level", e.level())
                    .put("message", e.message());
        }
        Responses.json(r.exchange, 200, out);
    }

    private JobStore jobStore() {
        if (jobs == null) {
            throw HttpError.notConfigured("the job store is");
        }
        return jobs;
    }

    /** The export preset a body names, or null. @throws HttpError 400 naming the field */
    static @Nullable ExportFormat preset(ObjectNode body) {
        String name = Request.text(body, "preset");
        if (name == null) {
            return null;
        }
        for (ExportFormat f : ExportFormat.values()) {
            if (Json.lower(f).equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw HttpError.badRequest("preset must be one of "
                + java.util.Arrays.stream(ExportFormat.values())
                        .map(Json::lower)
                        .toList() + ", but was '"
                + HttpError.shorten(name) + "'");
    }

    /**
     * Fails unless the body has {@code "confirm": true}: the guard of every destructive action.
     *
     * @throws HttpError 400 naming the field
     */
    static void requireConfirm(ObjectNode body, String what) {
        JsonNode c = body.get("confirm");
        if (c == null || !c.isBoolean() || !c.booleanValue()) {
            throw HttpError.badRequest("confirm must be true: this action " + what + " (send \"confirm\": true once"
                    + " the operator has confirmed it)");
        }
    }
}
