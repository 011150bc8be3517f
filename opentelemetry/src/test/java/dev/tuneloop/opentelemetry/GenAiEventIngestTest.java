package dev.tuneloop.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link GenAiSpanIngest#events()}: the content captured on {@code gen_ai.client.inference.operation.details}. */
class GenAiEventIngestTest {
    private static final String INPUT =
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What was NVDA's revenue?\"}]}]";
    private static final String OUTPUT = "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
            + "\"$35.1B last quarter.\"}],\"finish_reason\":\"stop\"}]";
    private static final Instant AT = Instant.parse("2026-12-03T12:00:01.250Z");

    private final Store store = Store.inMemory();
    private final InteractionRecorder recorder = InteractionRecorder.sync(store.interactions());
    private final GenAiSpanIngest ingest = GenAiSpanIngest.create(recorder);
    private final LogRecordExporter events = ingest.events();
    private final InMemoryLogRecordExporter hostExporter = InMemoryLogRecordExporter.create();
    private final SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(hostExporter)) // the host's own exporter
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(events))
            .build();
    private final Logger logger = loggerProvider.get("genai-instrumentation");
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
            .build();

    @AfterEach
    void close() {
        loggerProvider.close();
        tracerProvider.close();
    }

    private LogRecordBuilder details() {
        return logger.logRecordBuilder()
                .setEventName(GenAiSpanIngest.OPERATION_DETAILS_EVENT)
                .setTimestamp(AT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "openai")
                .setAttribute("gen_ai.request.model", "gpt-4o-mini");
    }

    private List<RecordedInteraction> recorded() {
        List<RecordedInteraction> out = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), out::add);
        return out;
    }

    @Test
    void anOperationDetailsEventInsideTheChatSpanBecomesAnInteractionParentedToIt() {
        Span chat = tracerProvider.get("genai").spanBuilder("chat gpt-4o-mini").startSpan();
        SpanContext sc = chat.getSpanContext();
        assertThat(sc.isValid()).isTrue();
        details()
                .setContext(Context.root().with(chat))
                .setAttribute("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                .setAttribute("gen_ai.response.id", "chatcmpl-9")
                .setAttribute("gen_ai.usage.input_tokens", 21L)
                .setAttribute("gen_ai.usage.output_tokens", 9L)
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", OUTPUT)
                .emit();
        chat.end();

        List<RecordedInteraction> all = recorded();
        assertThat(all).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.userId()).isEqualTo("user-42");
        assertThat(i.userMessage()).isEqualTo("What was NVDA's revenue?");
        assertThat(i.assistantResponse()).isEqualTo("$35.1B last quarter.");
        assertThat(i.modelUsed()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(i.promptTokens()).isEqualTo(21);
        assertThat(i.completionTokens()).isEqualTo(9);
        assertThat(i.createdAt()).isEqualTo(AT);
        assertThat(i.latency()).isEqualTo(Duration.ZERO); // an event has no duration: not measured
        assertThat(i.metadata())
                .containsEntry("gen_ai.response.id", "chatcmpl-9")
                .containsEntry(
                        OtelFeedbackExporter.TRACEPARENT_METADATA,
                        "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-"
                                + sc.getTraceFlags().asHex());
        assertThat(i.id().unixMillis()).isEqualTo(AT.toEpochMilli());
        assertThat(ingest.stats()).isEqualTo(new IngestStats(1, 0, 1, 0, Map.of()));
    }

    @Test
    void behindABatchProcessorAsTheGuideShowsIt() {
        // snippet:ingest-events
        GenAiSpanIngest ingest = GenAiSpanIngest.create(recorder);
        SdkLoggerProvider logging = SdkLoggerProvider.builder()
                .addLogRecordProcessor(
                        BatchLogRecordProcessor.builder(ingest.events()).build()) // batched
                .build();
        // end-snippet:ingest-events
        logging.get("genai")
                .logRecordBuilder()
                .setEventName(GenAiSpanIngest.OPERATION_DETAILS_EVENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.request.model", "gpt-4o-mini")
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", OUTPUT)
                .emit();
        assertThat(logging.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        logging.close();
        assertThat(recorded()).extracting(r -> r.interaction().userId()).containsExactly("user-42");
        assertThat(ingest.stats().logged()).isEqualTo(1);
    }

    @Test
    void theSameEventExportedTwiceIsStoredOnceInsideOrOutsideASpan() {
        details()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", OUTPUT)
                .emit();
        List<LogRecordData> emitted = hostExporter.getFinishedLogRecordItems();
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).getSpanContext().isValid()).isFalse();

        events.export(emitted); // a retried export batch
        assertThat(recorded()).hasSize(1);
        assertThat(ingest.stats().logged()).isEqualTo(2); // logged twice, stored once: the id is the same

        // a different answer at the same instant is another interaction
        details()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", OUTPUT.replace("$35.1B", "$35.2B"))
                .emit();
        assertThat(recorded()).hasSize(2);
    }

    @Test
    void otherEventsAreIgnoredAndEventsWithoutContentOrUserAreCountedNotGuessed() {
        logger.logRecordBuilder().setEventName("gen_ai.evaluation.result").emit();
        logger.logRecordBuilder().setBody("an application log line").emit();
        details().setAttribute("user.id", "user-42").emit(); // content capture off
        details()
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", OUTPUT)
                .emit(); // no user id
        details()
                .setAttribute("gen_ai.operation.name", "embeddings")
                .setAttribute("user.id", "user-42")
                .emit();

        assertThat(recorded()).isEmpty();
        assertThat(ingest.stats())
                .isEqualTo(new IngestStats(
                        5, 3, 0, 1, Map.of("user id: none of user.id, enduser.id is set on the span or event", 1L)));
    }
}
