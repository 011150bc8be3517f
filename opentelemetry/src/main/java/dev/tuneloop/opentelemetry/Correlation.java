package dev.tuneloop.opentelemetry;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where an interaction came from: the provider's response id and the chat span, as kept in its metadata.
 *
 * @param responseId the provider's response id; null when unknown
 * @param span       the chat span; null when unknown
 */
record Correlation(@Nullable String responseId, @Nullable SpanContext span) {

    /**
     * Reads the correlation from an interaction's metadata.
     *
     * @param metadata the metadata
     * @return the correlation, or null when the metadata holds neither a response id nor a valid traceparent
     */
    static @Nullable Correlation of(Map<String, String> metadata) {
        String responseId = metadata.get(OtelFeedbackExporter.RESPONSE_ID_METADATA);
        SpanContext span = parseTraceparent(metadata.get(OtelFeedbackExporter.TRACEPARENT_METADATA));
        if ((responseId == null || responseId.isBlank()) && span == null) {
            return null;
        }
        return new Correlation(responseId == null || responseId.isBlank() ? null : responseId, span);
    }

    /**
     * The W3C traceparent of a span: {@code 00-<trace id>-<span id>-<flags>}.
     *
     * @param sc a valid span context
     * @return the traceparent
     */
    static String traceparent(SpanContext sc) {
        return "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-"
                + sc.getTraceFlags().asHex();
    }

    /**
     * Parses a W3C traceparent (version 00).
     *
     * @param text the traceparent; may be null
     * @return the remote span context, or null when {@code text} is null or not a valid version-00 traceparent
     */
    static @Nullable SpanContext parseTraceparent(@Nullable String text) {
        if (text == null
                || text.length() != 55
                || !text.startsWith("00-")
                || text.charAt(35) != '-'
                || text.charAt(52) != '-') {
            return null;
        }
        String traceId = text.substring(3, 35);
        String spanId = text.substring(36, 52);
        String flags = text.substring(53, 55);
        if (!TraceId.isValid(traceId) || !SpanId.isValid(spanId) || !isHex(flags)) {
            return null;
        }
        SpanContext sc = SpanContext.createFromRemoteParent(
                traceId, spanId, TraceFlags.fromHex(flags, 0), TraceState.getDefault());
        return sc.isValid() ? sc : null;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
