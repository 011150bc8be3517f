package dev.tuneloop.opentelemetry;

/**
 * What an {@link OtelFeedbackExporter} has done so far.
 *
 * @param emitted        {@code gen_ai.evaluation.result} events emitted
 * @param parented       of those, events parented to the chat span (its traceparent was known)
 * @param withResponseId of those, events that carry {@code gen_ai.response.id}
 * @param failed         events not emitted, and correlations not kept or not looked up, because of an error
 */
public record FeedbackExportStats(long emitted, long parented, long withResponseId, long failed) {}
