package dev.tuneloop.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.tune.EvaluationSummary;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An evaluation whose report was amended because cases of an erased user were redacted: what a store's
 * {@code eraseUser} writes back to the model registry.
 *
 * <p>{@link #redact} applies the rule. In a report written by {@link EvaluationReport#toJson()}, every case whose
 * {@code caseId} is one of the erased example ids keeps its id, category and scores, but its question, expected answer,
 * every model's answer text become {@value #ERASED} and its key facts an empty list; the case gets
 * {@code "erased": true}. The root gets {@code "amended": {"erasedCases": n, "note": …}} (n counts every case redacted
 * so far, over repeated erasures), and the summary {@link EvaluationSummary#amended()}. The means, the comparisons and
 * the verdict stay those of the original run: they hold no text and describe what was decided.
 *
 * <p>A report of another shape (written by the host) that names an erased id anywhere cannot be redacted case by
 * case, so it is dropped: it becomes {@code {"amended": {"erasedCases": n, "reportDropped": true, …}}}. A report that
 * names none of the ids is left as it is.
 *
 * @param summary     the amended summary, with {@link EvaluationSummary#amended()} true; never null
 * @param erasedCases cases redacted by this call (for a dropped report: the erased ids it named), &ge; 1
 */
public record EvaluationErasure(EvaluationSummary summary, int erasedCases) {

    /** What an erased text is replaced with: {@value}. */
    public static final String ERASED = "[erased]";

    private static final String NOTE = "cases of erased users are redacted; scores and verdict are the original run's";

    /**
     * Checks the parts.
     *
     * @param summary     the amended summary; never null
     * @param erasedCases cases redacted, &ge; 1
     * @throws dev.tuneloop.errors.ValidationException when a part breaks its rule
     */
    public EvaluationErasure {
        Checks.start()
                .require(summary != null, "summary is required, but was null")
                .require(erasedCases >= 1, "erasedCases must be >= 1, but was " + erasedCases)
                .orThrow();
    }

    /**
     * Redacts the cases of {@code caseIds} (example ids as text) in an evaluation's report.
     *
     * @param evaluation the evaluation as kept with a model version
     * @param caseIds    the ids of the erased examples, as {@link dev.tuneloop.curate.ExampleId#toString()} spells them
     * @return the amended evaluation, or empty when the report names none of the ids
     * @throws NullPointerException when an argument is null
     */
    public static Optional<EvaluationErasure> redact(EvaluationSummary evaluation, Collection<String> caseIds) {
        Objects.requireNonNull(evaluation, "evaluation");
        String json = evaluation.reportJson();
        Set<String> named = new LinkedHashSet<>();
        for (String id : caseIds) {
            // ids are plain UUID text, so a substring test finds every place the report could name one
            if (json.contains(Objects.requireNonNull(id, "case id"))) {
                named.add(id);
            }
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode root = parse(json);
        int redacted;
        if (root == null || !(root.get("cases") instanceof ArrayNode cases)) {
            root = ReportJson.MAPPER.createObjectNode();
            redacted = named.size();
            ObjectNode amended = root.putObject("amended");
            amended.put("erasedCases", redacted);
            amended.put("reportDropped", true);
            amended.put(
                    "note",
                    "the report named an erased user's example and is not a Tuneloop evaluation report,"
                            + " so it was dropped");
        } else {
            redacted = 0;
            for (JsonNode c : cases) {
                if (c instanceof ObjectNode o
                        && named.contains(o.path("caseId").asText())
                        && !o.path("erased").asBoolean()) {
                    redactCase(o);
                    redacted++;
                }
            }
            if (redacted == 0) {
                return Optional.empty();
            }
            int before = root.path("amended").path("erasedCases").asInt(0);
            ObjectNode amended = root.putObject("amended");
            amended.put("erasedCases", before + redacted);
            amended.put("note", NOTE);
        }
        String out;
        try {
            out = ReportJson.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new TuneloopException("could not write the amended evaluation report as JSON", e);
        }
        return Optional.of(new EvaluationErasure(
                evaluation.toBuilder().reportJson(out).amended(true).build(), redacted));
    }

    private static void redactCase(ObjectNode c) {
        c.put("question", ERASED);
        c.put("expected", ERASED);
        c.putArray("keyFacts");
        if (c.get("answers") instanceof ObjectNode answers) {
            for (Map.Entry<String, JsonNode> e : answers.properties()) {
                if (e.getValue() instanceof ObjectNode answer) {
                    answer.put("text", ERASED);
                }
            }
        }
        c.put("erased", true);
    }

    private static @Nullable ObjectNode parse(String json) {
        try {
            return ReportJson.MAPPER.readTree(json) instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
