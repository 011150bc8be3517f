package dev.tuneloop.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.Store;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The code of docs/guide/opentelemetry.md, compiled and run. */
@SuppressWarnings("try") // a Scope is held for its effect on Context.current()
class OpenTelemetryGuideTest {

    @Test
    void feedbackLeavesAsEvaluationEventsParentedToTheChatSpan() {
        InMemoryLogRecordExporter logExporter = InMemoryLogRecordExporter.create();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder() // the host's tracing, with its exporter
                .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                .build();
        OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(
                                BatchLogRecordProcessor.builder(logExporter).build())
                        .build())
                .build();
        Store store = Store.inMemory();
        String answer = "About $1.2B.";

        // snippet:feedback-wiring
        OtelFeedbackExporter feedback = OtelFeedbackExporter.builder(openTelemetry.getLogsBridge())
                .lookup(store.interactions()) // feedback on interactions recorded before a restart
                .build();
        InteractionRecorder recorder = InteractionRecorder.async(feedback.wrap(store.interactions()));
        // end-snippet:feedback-wiring

        Span chatSpan =
                tracerProvider.get("app").spanBuilder("chat gpt-4o-mini").startSpan();
        assertThat(chatSpan.getSpanContext().isValid()).isTrue();
        InteractionId id;
        try (Scope scope = chatSpan.makeCurrent()) {
            // snippet:feedback-tag
            id = recorder.log(OtelFeedbackExporter.tagCurrentSpan(Interaction.builder() // inside the chat span
                    .userId("user-42")
                    .userMessage("What was NVDA's SBC in Q3?")
                    .assistantResponse(answer)
                    .modelUsed("gpt-4o-mini")
                    .putMetadata(OtelFeedbackExporter.RESPONSE_ID_METADATA, "chatcmpl-123")));
            // end-snippet:feedback-tag
        } finally {
            chatSpan.end();
        }
        // snippet:feedback-buttons
        recorder.rate(id, Rating.up()); // 👍: user_rating, score 1.0, thumbs_up
        recorder.edit(id, "About $1.1B."); // ✏️: user_edit (the text stays in the store)
        recorder.followUp(id); // follow_up
        // end-snippet:feedback-buttons
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        openTelemetry.getSdkLoggerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);

        List<LogRecordData> events = logExporter.getFinishedLogRecordItems();
        assertThat(events).hasSize(3);
        assertThat(events)
                .allSatisfy(e -> assertThat(e.getSpanContext().getSpanId())
                        .isEqualTo(chatSpan.getSpanContext().getSpanId()));
        // snippet:feedback-stats
        FeedbackExportStats stats = feedback.stats();
        // stats: emitted 3, parented 3 (to the chat span), withResponseId 3, failed 0
        // end-snippet:feedback-stats
        assertThat(stats).isEqualTo(new FeedbackExportStats(3, 3, 3, 0));
        recorder.close();
        openTelemetry.close();
    }

    @Test
    void ingestRecordsTheHostsChatSpans() {
        Store store = Store.inMemory();
        InMemorySpanExporter hostExporter = InMemorySpanExporter.create();
        try (InteractionRecorder recorder = InteractionRecorder.async(store.interactions())) {
            SpanExporter yourExporter = hostExporter;
            // snippet:ingest
            GenAiSpanIngest ingest = GenAiSpanIngest.builder(recorder)
                    .userIdAttributes("user.id", "enduser.id") // the default: the first one set wins
                    .build();
            SdkTracerProvider tracing = SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(yourExporter).build())
                    .addSpanProcessor(BatchSpanProcessor.builder(ingest).build()) // off the host's thread
                    .build();
            // end-snippet:ingest
            OpenTelemetry otel =
                    OpenTelemetrySdk.builder().setTracerProvider(tracing).build();
            otel.getTracer("genai")
                    .spanBuilder("chat gpt-4o-mini")
                    .setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.request.model", "gpt-4o-mini")
                    .setAttribute("user.id", "user-42")
                    .setAttribute(
                            "gen_ai.input.messages",
                            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]")
                    .setAttribute(
                            "gen_ai.output.messages",
                            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello!\"}]}]")
                    .startSpan()
                    .end();
            otel.getTracer("genai")
                    .spanBuilder("chat gpt-4o-mini")
                    .setAttribute("gen_ai.operation.name", "chat")
                    .startSpan()
                    .end(); // content capture off: counted, skipped
            tracing.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            // snippet:ingest-stats
            IngestStats stats = ingest.stats();
            // stats: spans 2, ignored 0, logged 1, skippedNoContent 1, skippedByRule {}
            // end-snippet:ingest-stats
            assertThat(stats).isEqualTo(new IngestStats(2, 0, 1, 1, Map.of()));
            assertThat(store.interactions().count(dev.tuneloop.record.ScanQuery.all()))
                    .isEqualTo(1);
            assertThat(hostExporter.getFinishedSpanItems()).hasSize(2);
            tracing.close();
        }
    }
}
