package dev.tuneloop.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.store.Store;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenAiSpanIngestTest {
    private static final String INPUT =
            "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What was NVDA's revenue?\"}]}]";
    private static final String OUTPUT = "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
            + "\"$35.1B last quarter.\"}],\"finish_reason\":\"stop\"}]";

    private final Store store = Store.inMemory();
    private final InteractionRecorder recorder = InteractionRecorder.sync(store.interactions());
    private final GenAiSpanIngest ingest = GenAiSpanIngest.create(recorder);
    private final InMemorySpanExporter hostExporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(hostExporter)) // the host's own exporter
            .addSpanProcessor(SimpleSpanProcessor.create(ingest))
            .build();
    private final Tracer tracer = tracerProvider.get("genai-instrumentation");

    @AfterEach
    void close() {
        tracerProvider.close();
    }

    private Span chatSpan() {
        return tracer.spanBuilder("chat gpt-4o-mini")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "openai")
                .setAttribute("gen_ai.request.model", "gpt-4o-mini")
                .setStartTimestamp(Instant.parse("2026-12-03T12:00:00Z"))
                .startSpan();
    }

    private static void end(Span span) {
        span.end(Instant.parse("2026-12-03T12:00:01.250Z"));
    }

    private List<RecordedInteraction> recorded() {
        List<RecordedInteraction> out = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), out::add);
        return out;
    }

    @Test
    void aChatSpanWithCapturedContentBecomesAnInteraction() {
        Span span = chatSpan()
                .setAttribute("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                .setAttribute("gen_ai.response.id", "chatcmpl-123")
                .setAttribute("gen_ai.conversation.id", "conv-7")
                .setAttribute("gen_ai.usage.input_tokens", 21L)
                .setAttribute("gen_ai.usage.output_tokens", 9L)
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", OUTPUT);
        end(span);

        List<RecordedInteraction> all = recorded();
        assertThat(all).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.userId()).isEqualTo("user-42");
        assertThat(i.sessionId()).isEqualTo("conv-7");
        assertThat(i.systemPrompt()).isEqualTo("Be brief.");
        assertThat(i.userMessage()).isEqualTo("What was NVDA's revenue?");
        assertThat(i.assistantResponse()).isEqualTo("$35.1B last quarter.");
        assertThat(i.modelUsed()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(i.promptTokens()).isEqualTo(21);
        assertThat(i.completionTokens()).isEqualTo(9);
        assertThat(i.latency()).isEqualTo(Duration.ofMillis(1250));
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        assertThat(i.priorTurns()).isEmpty();
        assertThat(i.steps()).isEmpty();
        assertThat(i.metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "gen_ai.response.id",
                        "chatcmpl-123",
                        "gen_ai.provider.name",
                        "openai",
                        "otel.traceparent",
                        "00-" + span.getSpanContext().getTraceId() + "-"
                                + span.getSpanContext().getSpanId() + "-"
                                + span.getSpanContext().getTraceFlags().asHex()));
        assertThat(i.id().value().version()).isEqualTo(7);
        assertThat(ingest.stats()).isEqualTo(new IngestStats(1, 0, 1, 0, Map.of()));
        // the host's own exporter saw the span unchanged
        assertThat(hostExporter.getFinishedSpanItems()).hasSize(1);
    }

    @Test
    void aToolLoopIsRecordedFromTheSpanThatAnswersAndTheIntermediateStepIsSkippedByRule() {
        String tools = "[{\"type\":\"function\",\"name\":\"get_filing\",\"description\":\"Fetch a filing\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"}}}},"
                + "{\"type\":\"web_search\"}]";
        String earlier = "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello!\"}]},";
        String user = "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"NVDA and AMD revenue?\"}]}";
        String calls = "{\"role\":\"assistant\",\"parts\":["
                + "{\"type\":\"reasoning\",\"content\":\"look both up\"},"
                + "{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"get_filing\",\"arguments\":{\"ticker\":\"NVDA\"}},"
                + "{\"type\":\"tool_call\",\"id\":\"call_2\",\"name\":\"get_filing\",\"arguments\":\"{\\\"ticker\\\":\\\"AMD\\\"}\"}]}";
        String results = "{\"role\":\"tool\",\"parts\":["
                + "{\"type\":\"tool_call_response\",\"id\":\"call_1\",\"response\":{\"revenue\":\"$35.1B\"}},"
                + "{\"type\":\"tool_call_response\",\"id\":\"call_2\",\"response\":\"$6.8B\"}]}";
        // first call: the model asks for the tools
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.tool.definitions", tools)
                .setAttribute("gen_ai.input.messages", "[" + earlier + user + "]")
                .setAttribute("gen_ai.output.messages", "[" + calls + "]"));
        // second call: the whole exchange, and the answer
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.system_instructions", "[{\"type\":\"text\",\"content\":\"You are an analyst.\"}]")
                .setAttribute("gen_ai.tool.definitions", tools)
                .setAttribute("gen_ai.input.messages", "[" + earlier + user + "," + calls + "," + results + "]")
                .setAttribute("gen_ai.output.messages", OUTPUT));

        assertThat(ingest.stats().skippedByRule())
                .containsExactlyEntriesOf(
                        Map.of("gen_ai.output.messages calls tools: an intermediate step of a tool loop", 1L));
        List<RecordedInteraction> all = recorded();
        assertThat(all).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.systemPrompt()).isEqualTo("You are an analyst.");
        assertThat(i.priorTurns()).containsExactly(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"));
        assertThat(i.userMessage()).isEqualTo("NVDA and AMD revenue?");
        assertThat(i.steps())
                .containsExactly(
                        ChatMessage.assistant(
                                "",
                                List.of(
                                        new ToolCall("call_1", "get_filing", "{\"ticker\":\"NVDA\"}"),
                                        new ToolCall("call_2", "get_filing", "{\"ticker\":\"AMD\"}"))),
                        ChatMessage.toolResult("call_1", "{\"revenue\":\"$35.1B\"}"),
                        ChatMessage.toolResult("call_2", "$6.8B"));
        assertThat(i.tools())
                .containsExactly(new ToolDefinition(
                        "get_filing",
                        "Fetch a filing",
                        "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"}}}"));
        assertThat(i.assistantResponse()).isEqualTo("$35.1B last quarter.");
        assertThat(i.messages())
                .extracting(ChatMessage::role)
                .containsExactly(
                        Role.SYSTEM,
                        Role.USER,
                        Role.ASSISTANT,
                        Role.USER,
                        Role.ASSISTANT,
                        Role.TOOL,
                        Role.TOOL,
                        Role.ASSISTANT);
    }

    @Test
    void structuredContentAttributesMapLikeJsonText() {
        Value<?> input = Value.of(Value.of(
                KeyValue.of("role", Value.of("user")),
                KeyValue.of(
                        "parts",
                        Value.of(Value.of(
                                KeyValue.of("type", Value.of("text")),
                                KeyValue.of("content", Value.of("What was NVDA's revenue?")))))));
        Value<?> output = Value.of(Value.of(
                KeyValue.of("role", Value.of("assistant")),
                KeyValue.of(
                        "parts",
                        Value.of(Value.of(
                                KeyValue.of("type", Value.of("text")),
                                KeyValue.of("content", Value.of("$35.1B last quarter.")))))));
        Span span = chatSpan().setAttribute("user.id", "user-42");
        span.setAttribute(AttributeKey.valueKey("gen_ai.input.messages"), input);
        span.setAttribute(AttributeKey.valueKey("gen_ai.output.messages"), output);
        end(span);

        Interaction i = recorded().get(0).interaction();
        assertThat(i.userMessage()).isEqualTo("What was NVDA's revenue?");
        assertThat(i.assistantResponse()).isEqualTo("$35.1B last quarter.");
        assertThat(i.modelUsed()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void spansWithoutContentAreCountedAndSkippedAndOtherSpansAreIgnored() {
        end(chatSpan().setAttribute("user.id", "user-42")); // content capture off
        end(chatSpan().setAttribute("user.id", "user-42").setAttribute("gen_ai.input.messages", INPUT));
        end(tracer.spanBuilder("GET /filings").startSpan()); // not a GenAI span
        end(tracer.spanBuilder("embeddings text-embedding-3-small")
                .setAttribute("gen_ai.operation.name", "embeddings")
                .startSpan());

        assertThat(recorded()).isEmpty();
        assertThat(ingest.stats()).isEqualTo(new IngestStats(4, 2, 0, 2, Map.of()));
    }

    @Test
    void brokenContentIsCountedUnderItsRuleAndNeverGuessed() {
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", "[{\"role\":\"user\",")
                .setAttribute("gen_ai.output.messages", OUTPUT));
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", "{\"role\":\"user\"}")
                .setAttribute("gen_ai.output.messages", OUTPUT));
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\"}]}]")
                .setAttribute("gen_ai.output.messages", OUTPUT));
        end(
                chatSpan() // no user id
                        .setAttribute("gen_ai.input.messages", INPUT)
                        .setAttribute("gen_ai.output.messages", OUTPUT));
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute("error.type", "timeout")
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", "[]"));
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute(
                        "gen_ai.input.messages",
                        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]")
                .setAttribute("gen_ai.output.messages", OUTPUT));

        assertThat(recorded()).isEmpty();
        assertThat(ingest.stats().skippedByRule())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "gen_ai.input.messages is not valid JSON", 1L,
                        "gen_ai.input.messages must be an array of messages", 1L,
                        "gen_ai.input.messages: a text part's content must be a string", 1L,
                        "user id: none of user.id, enduser.id is set on the span or event", 1L,
                        "error.type: the call ended in an error", 1L,
                        "gen_ai.input.messages has no user message", 1L));
        // rules name the attribute, never the content
        assertThat(ingest.stats().skippedByRule().keySet().toString()).doesNotContain("NVDA", "35.1B");
    }

    @Test
    void theUserIdAttributeIsConfigurable() {
        GenAiSpanIngest custom = GenAiSpanIngest.builder(recorder)
                .userIdAttributes("app.user_id")
                .operations("chat", "text_completion")
                .build();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(custom))
                .build()) {
            end(provider.get("x")
                    .spanBuilder("text_completion m")
                    .setAttribute("gen_ai.operation.name", "text_completion")
                    .setAttribute("gen_ai.request.model", "m")
                    .setAttribute("user.id", "ignored")
                    .setAttribute("app.user_id", "user-7")
                    .setAttribute("gen_ai.input.messages", INPUT)
                    .setAttribute("gen_ai.output.messages", OUTPUT)
                    .startSpan());
        }
        assertThat(recorded()).extracting(r -> r.interaction().userId()).containsExactly("user-7");
        assertThatThrownBy(() -> GenAiSpanIngest.builder(recorder).userIdAttributes())
                .hasMessage("userIdAttributes must name at least one attribute, but was empty");
    }

    @Test
    void aSpanExportedTwiceIsStoredOnce() {
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", OUTPUT));
        List<SpanData> again = hostExporter.getFinishedSpanItems();
        ingest.export(again);

        assertThat(ingest.stats().logged()).isEqualTo(2);
        assertThat(recorded()).hasSize(1);
        assertThat(GenAiSpanIngest.idOf(again.get(0)))
                .isEqualTo(recorded().get(0).id());
    }

    @Test
    void aFailingRecorderNeverReachesTheTracingPipeline() {
        recorder.close(); // the write-through recorder throws after close
        end(chatSpan()
                .setAttribute("user.id", "user-42")
                .setAttribute("gen_ai.input.messages", INPUT)
                .setAttribute("gen_ai.output.messages", OUTPUT));
        assertThat(ingest.export(hostExporter.getFinishedSpanItems()).isSuccess())
                .isTrue();
        assertThat(ingest.stats().skippedByRule())
                .containsOnlyKeys("unexpected error: java.lang.IllegalStateException");
        assertThat(hostExporter.getFinishedSpanItems()).hasSize(1);
    }

    @Test
    void theLoopClosesIngestedChatSpanThenFeedbackAsAnEvaluationEventParentedToIt() {
        InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
        try (SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                        .build();
                InteractionRecorder asyncRecorder = InteractionRecorder.async(
                        OtelFeedbackExporter.builder(loggerProvider).build().wrap(store.interactions()));
                SdkTracerProvider hostTracing = SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(GenAiSpanIngest.create(asyncRecorder)))
                        .build()) {
            Span span = hostTracing
                    .get("genai-instrumentation")
                    .spanBuilder("chat gpt-4o-mini")
                    .setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.request.model", "gpt-4o-mini")
                    .setAttribute("gen_ai.response.id", "chatcmpl-123")
                    .setAttribute("user.id", "user-42")
                    .setAttribute("gen_ai.input.messages", INPUT)
                    .setAttribute("gen_ai.output.messages", OUTPUT)
                    .startSpan();
            span.end();
            assertThat(asyncRecorder.flush(Duration.ofSeconds(10))).isTrue();
            InteractionId id = recorded().get(0).id(); // the id the app's 👍 button carries

            asyncRecorder.rate(id, Rating.up());
            assertThat(asyncRecorder.flush(Duration.ofSeconds(10))).isTrue();

            List<LogRecordData> events = logs.getFinishedLogRecordItems();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getSpanContext().getTraceId())
                    .isEqualTo(span.getSpanContext().getTraceId());
            assertThat(events.get(0).getSpanContext().getSpanId())
                    .isEqualTo(span.getSpanContext().getSpanId());
            assertThat(events.get(0).getAttributes().get(AttributeKey.stringKey("gen_ai.response.id")))
                    .isEqualTo("chatcmpl-123");
        }
    }
}
