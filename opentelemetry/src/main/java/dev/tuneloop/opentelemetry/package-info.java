/**
 * Tuneloop on OpenTelemetry's GenAI semantic conventions: feedback leaves as {@code gen_ai.evaluation.result} events
 * through the Logs API ({@link dev.tuneloop.opentelemetry.OtelFeedbackExporter}), and GenAI chat spans with captured
 * content come in as interactions ({@link dev.tuneloop.opentelemetry.GenAiSpanIngest}).
 */
@NullMarked
package dev.tuneloop.opentelemetry;

import org.jspecify.annotations.NullMarked;
