package dev.tuneloop.opentelemetry;

import java.util.Map;

/**
 * What a {@link GenAiSpanIngest} has done with the spans (and, through {@link GenAiSpanIngest#events()}, the log
 * events) it was given.
 *
 * @param spans            spans and events received
 * @param ignored          spans that are not GenAI spans of an ingested operation (e.g. HTTP or database spans), and
 *                         log records that are not {@value GenAiSpanIngest#OPERATION_DETAILS_EVENT} events of one
 * @param logged           GenAI spans handed to the recorder as interactions (the recorder may still reject one by
 *                         its rules: see its {@code stats().rejectedByRule()})
 * @param skippedNoContent GenAI spans without captured content ({@code gen_ai.input.messages} or
 *                         {@code gen_ai.output.messages} missing): the host did not turn on content capture
 * @param skippedByRule    GenAI spans with content that could not be mapped, counted by rule (the field and the rule,
 *                         never the value); never null
 */
public record IngestStats(
        long spans, long ignored, long logged, long skippedNoContent, Map<String, Long> skippedByRule) {

    /**
     * Copies the map.
     *
     * @param spans            spans received
     * @param ignored          spans that are not GenAI spans of an ingested operation
     * @param logged           GenAI spans handed to the recorder
     * @param skippedNoContent GenAI spans without captured content
     * @param skippedByRule    skipped spans by rule
     */
    public IngestStats {
        skippedByRule = Map.copyOf(skippedByRule);
    }

    /**
     * All spans skipped by a rule.
     *
     * @return the sum of {@link #skippedByRule()}
     */
    public long skippedByRuleTotal() {
        return skippedByRule.values().stream().mapToLong(Long::longValue).sum();
    }
}
