package dev.tuneloop.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.DiffOp;
import dev.tuneloop.curate.ReadinessReport;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.metrics.FlywheelMetric;
import dev.tuneloop.metrics.FlywheelReport;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.HyperValue;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.ModelLifecycle;
import dev.tuneloop.tune.ModelVersion;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON the admin API speaks: snake_case fields, instants as ISO-8601 strings, enums in lower case. Written field by
 * field so that what leaves the server is exactly what is listed here.
 */
final class Json {
    /** How deep a request body may nest: every body of this API is a flat object. */
    static final int MAX_NESTING_DEPTH = 64;
    /** The most digits a number in a request body may have. */
    static final int MAX_NUMBER_LENGTH = 100;

    /**
     * Strict on input: a duplicate key or anything after the JSON value is a bad request, not a silent pick; nesting
     * and number length are bounded ({@link #MAX_NESTING_DEPTH}, {@link #MAX_NUMBER_LENGTH}).
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode error(HttpError e) {
        ObjectNode error = object();
        error.put("code", e.code);
        error.put("message", e.getMessage());
        if (!e.problems.isEmpty()) {
            ArrayNode problems = error.putArray("problems");
            e.problems.forEach(problems::add);
        }
        ObjectNode root = object();
        root.set("error", error);
        return root;
    }

    static ObjectNode candidate(Candidate c) {
        ObjectNode n = object();
        n.put("interaction_id", c.interactionId().toString());
        n.put("question", c.question());
        n.put("system_prompt", c.systemPrompt());
        ArrayNode turns = n.putArray("prior_turns");
        for (ChatMessage m : c.priorTurns()) {
            turns.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        ArrayNode docs = n.putArray("retrieved_context");
        for (RetrievedDocument d : c.retrievedContext()) {
            docs.addObject().put("id", d.id()).put("source", d.source()).put("text", d.text());
        }
        // the tool-calling exchange before the answer: the calls (arguments as the model wrote them) and the results
        ArrayNode steps = n.putArray("steps");
        for (ChatMessage m : c.steps()) {
            ObjectNode step = steps.addObject().put("role", m.role().wireName()).put("content", m.content());
            ArrayNode calls = step.putArray("tool_calls");
            for (ToolCall call : m.toolCalls()) {
                calls.addObject().put("id", call.id()).put("name", call.name()).put("arguments", call.arguments());
            }
            step.put("tool_call_id", m.toolCallId());
        }
        ArrayNode tools = n.putArray("tools");
        for (ToolDefinition t : c.tools()) {
            tools.addObject()
                    .put("name", t.name())
                    .put("description", t.description())
                    .put("parameters", t.parameters());
        }
        n.put("original_response", c.originalResponse());
        n.put("edited_response", c.editedResponse());
        n.put("edited", c.isEdited());
        ArrayNode diff = n.putArray("diff");
        for (DiffOp op : c.diff()) {
            diff.addObject().put("kind", lower(op.kind())).put("text", op.text());
        }
        n.put("rating", c.rating() == null ? null : lower(c.rating()));
        n.put("model_used", c.modelUsed());
        n.put("created_at", iso(c.createdAt()));
        n.put("feedback_at", iso(c.feedbackAt()));
        return n;
    }

    /** An example without its texts: the review's outcome. */
    static ObjectNode example(TrainingExample e) {
        ObjectNode n = object();
        n.put("example_id", e.id().toString());
        n.put("interaction_id", e.sourceInteractionId().toString());
        n.put("status", lower(e.status()));
        n.put("split", lower(e.split()));
        n.put("category", e.category() == null ? null : e.category().name());
        if (e.quality() == null) {
            n.putNull("quality_score");
        } else {
            n.put("quality_score", e.quality().value());
        }
        n.put("improved", e.improvedResponse() != null);
        n.put("reviewer", e.reviewer());
        n.put("reviewed_at", iso(e.reviewedAt()));
        n.put("version", e.version());
        return n;
    }

    static ObjectNode taxonomy(Taxonomy t) {
        ObjectNode n = object();
        n.put("open", t.isOpen());
        ArrayNode categories = n.putArray("categories");
        List<Category> shown = t.isOpen() ? Taxonomy.SEED.categories() : t.categories();
        shown.forEach(c -> categories.add(c.name()));
        return n;
    }

    static ObjectNode job(FineTuneJob j) {
        ObjectNode n = object();
        n.put("id", j.id());
        n.put("status", j.status().wire());
        n.put("raw_status", j.rawStatus());
        n.put("base_model", j.baseModel());
        n.put("fine_tuned_model", j.fineTunedModel());
        n.put("method", j.method().wire());
        n.put("suffix", j.suffix());
        n.put("created_at", iso(j.createdAt()));
        n.put("finished_at", iso(j.finishedAt()));
        n.put("estimated_finish", iso(j.estimatedFinish()));
        if (j.trainedTokens() == null) {
            n.putNull("trained_tokens");
        } else {
            n.put("trained_tokens", j.trainedTokens());
        }
        n.put("training_file_id", j.trainingFileId());
        n.put("validation_file_id", j.validationFileId());
        ObjectNode hp = n.putObject("hyperparameters");
        hyper(hp, "n_epochs", j.hyperparameters().nEpochs());
        hyper(hp, "batch_size", j.hyperparameters().batchSize());
        hyper(hp, "learning_rate_multiplier", j.hyperparameters().learningRateMultiplier());
        if (j.errorCode() != null || j.errorMessage() != null) {
            n.putObject("error").put("code", j.errorCode()).put("message", j.errorMessage());
        } else {
            n.putNull("error");
        }
        n.put("terminal", j.status().isTerminal());
        return n;
    }

    private static void hyper(ObjectNode n, String name, HyperValue v) {
        if (v.auto()) {
            n.put(name, "auto");
        } else if (v.isWhole()) {
            n.put(name, (long) v.number());
        } else {
            n.put(name, v.number());
        }
    }

    /**
     * A row of the seed's version table, with its lineage (provider, parent version) and its dates in the lifecycle
     * calendar at its provider (null when unknown).
     */
    static ObjectNode version(ModelVersion v, ModelLifecycle lifecycle) {
        ObjectNode n = object();
        n.put("version", v.version());
        n.put("date", v.createdAt().toString().substring(0, 10));
        n.put("created_at", iso(v.createdAt()));
        n.put("examples", v.exampleCount());
        n.put("base_model", v.baseModel());
        n.put("notes", v.notes());
        n.put("job_id", v.jobId());
        n.put("fine_tuned_model", v.fineTunedModel());
        n.put("dataset_sha256", v.dataset().contentSha256());
        n.put("deployed_at", iso(v.deployedAt()));
        n.put("provider", v.provider());
        n.put("parent_version", v.parentVersion());
        n.put("weights_uri", v.weightsUri());
        ObjectNode l = n.putObject("lifecycle");
        String provider = v.provider();
        l.put(
                "job_creation_closes",
                provider == null
                        ? null
                        : lifecycle
                                .jobCreationCloses(provider, v.baseModel())
                                .map(Object::toString)
                                .orElse(null));
        l.put(
                "retires",
                provider == null
                        ? null
                        : lifecycle
                                .retires(provider, v.baseModel())
                                .map(Object::toString)
                                .orElse(null));
        EvaluationSummary e = v.evaluation();
        if (e == null) {
            n.putNull("evaluation");
        } else {
            n.putObject("evaluation")
                    .put("base_mean_score", e.baseMeanScore())
                    .put("candidate_mean_score", e.candidateMeanScore())
                    .put("candidate_accuracy", e.candidateAccuracy())
                    .put("promote", e.promote())
                    .put("evaluated_at", iso(e.evaluatedAt()))
                    .put("amended", e.amended());
        }
        return n;
    }

    /** A launch: the job (as {@link #job}) with the model version it will become and the readiness at launch. */
    static ObjectNode launch(Launch l) {
        ObjectNode n = job(l.job());
        n.put("model_version", l.version().version());
        n.put("examples", l.version().exampleCount());
        ArrayNode failures = n.putObject("readiness").putArray("failures");
        l.readiness().failures().forEach(failures::add);
        ArrayNode warnings = ((ObjectNode) n.get("readiness")).putArray("warnings");
        l.readiness().warnings().forEach(warnings::add);
        return n;
    }

    static ObjectNode readiness(ReadinessReport r) {
        ObjectNode n = object();
        n.put("overall", lower(r.overall()));
        n.put("ready", r.overall() != ReadinessReport.Status.FAIL);
        n.put("checked_at", iso(r.checkedAt()));
        ArrayNode items = n.putArray("items");
        for (ReadinessReport.Item i : r.items()) {
            ObjectNode o = items.addObject();
            o.put("check", lower(i.check()));
            o.put("name", CHECK_NAMES.get(i.check()));
            o.put("status", lower(i.status()));
            o.put("detail", i.detail());
            ObjectNode counts = o.putObject("counts");
            i.counts().forEach(counts::put);
            ArrayNode ids = o.putArray("example_ids");
            i.exampleIds().forEach(id -> ids.add(id.toString()));
        }
        return n;
    }

    private static final Map<ReadinessReport.Check, String> CHECK_NAMES = Map.of(
            ReadinessReport.Check.TRAINING_SET_SIZE, "At least 50 approved examples (100+ preferred)",
            ReadinessReport.Check.REVIEW_FRESHNESS, "Examples reviewed in the past 2 weeks",
            ReadinessReport.Check.DUPLICATES, "No duplicate or near-duplicate examples",
            ReadinessReport.Check.CATEGORY_BALANCE, "Balanced across categories",
            ReadinessReport.Check.SYSTEM_PROMPT, "System prompt is finalized",
            ReadinessReport.Check.HOLDOUT_LEAKS, "No training example leaks into the holdout",
            ReadinessReport.Check.HOLDOUT_SIZE, "Enough held-out examples to evaluate on");

    private static final Map<FlywheelMetric.Kind, String> METRIC_NAMES = Map.of(
            FlywheelMetric.Kind.TRAINING_EXAMPLES, "Training examples",
            FlywheelMetric.Kind.CURATION_RATE, "Curation rate",
            FlywheelMetric.Kind.FEEDBACK_COVERAGE, "Feedback collection",
            FlywheelMetric.Kind.EVAL_ACCURACY, "Model accuracy",
            FlywheelMetric.Kind.DAYS_SINCE_TRAINING, "Days since training");

    static ObjectNode metrics(FlywheelReport report) {
        ObjectNode n = object();
        n.put("measured_at", iso(report.measuredAt()));
        n.put("all_met", report.allMet());
        ArrayNode list = n.putArray("metrics");
        for (FlywheelMetric m : report.metrics()) {
            ObjectNode o = list.addObject();
            o.put("kind", lower(m.kind()));
            o.put("name", METRIC_NAMES.getOrDefault(m.kind(), lower(m.kind())));
            if (Double.isNaN(m.value())) {
                o.putNull("value");
            } else {
                o.put("value", m.value());
            }
            o.put("display", display(m));
            o.put("target", m.target());
            o.put("status", lower(m.status()));
        }
        return n;
    }

    /** The value as a person reads it: a count, a percentage or days; a dash when unknown. */
    static String display(FlywheelMetric m) {
        double v = m.value();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "—";
        }
        return switch (m.kind()) {
            case CURATION_RATE, FEEDBACK_COVERAGE, EVAL_ACCURACY -> String.format(Locale.ROOT, "%.1f%%", v * 100);
            case DAYS_SINCE_TRAINING -> String.format(Locale.ROOT, "%.0f days", v);
            default -> String.format(Locale.ROOT, "%.0f", v);
        };
    }

    static @Nullable String iso(@Nullable Instant t) {
        return t == null ? null : t.toString();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
