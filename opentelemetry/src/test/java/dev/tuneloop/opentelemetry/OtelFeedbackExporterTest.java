package dev.tuneloop.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.InteractionSink;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.store.Store;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // a Scope is held for its effect on Context.current()
class OtelFeedbackExporterTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00.123456Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    private final SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
            .build();
    private final Store store = Store.inMemory();

    @AfterEach
    void closeProvider() {
        loggerProvider.close();
    }

    private static Interaction.Builder chat() {
        return Interaction.builder()
                .userId("user-42")
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse("About $1.2B.")
                .modelUsed("gpt-4o-mini");
    }

    private static Map<String, Object> attributes(LogRecordData record) {
        Map<String, Object> out = new HashMap<>();
        record.getAttributes().forEach((k, v) -> out.put(k.getKey(), v));
        return out;
    }

    @Test
    void aRatingIsAnEvaluationResultWithScoreLabelResponseIdAndTheChatSpanAsParent() {
        OtelFeedbackExporter exporter =
                OtelFeedbackExporter.builder(loggerProvider).build();
        InteractionRecorder recorder = InteractionRecorder.sync(exporter.wrap(store.interactions()), CLOCK);
        InteractionId id = recorder.log(chat().putMetadata("gen_ai.response.id", "chatcmpl-123")
                .putMetadata("otel.traceparent", TRACEPARENT)
                .build());

        recorder.rate(id, Rating.up());
        recorder.rate(id, Rating.down());

        List<LogRecordData> events = logs.getFinishedLogRecordItems();
        assertThat(events).hasSize(2);
        LogRecordData up = events.get(0);
        assertThat(up.getEventName()).isEqualTo("gen_ai.evaluation.result");
        assertThat(attributes(up))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "gen_ai.evaluation.name", "user_rating",
                        "gen_ai.evaluation.score.value", 1.0,
                        "gen_ai.evaluation.score.label", "thumbs_up",
                        "gen_ai.response.id", "chatcmpl-123",
                        "tuneloop.interaction.id", id.value().toString()));
        assertThat(up.getTimestampEpochNanos())
                .isEqualTo(TimeUnit.SECONDS.toNanos(NOW.getEpochSecond()) + NOW.getNano());
        assertThat(up.getSpanContext().getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(up.getSpanContext().getSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(up.getSpanContext().isSampled()).isTrue();
        assertThat(up.getInstrumentationScopeInfo().getName()).isEqualTo("dev.tuneloop.opentelemetry");
        assertThat(up.getInstrumentationScopeInfo().getSchemaUrl())
                .isEqualTo("https://opentelemetry.io/schemas/gen-ai/1.42.0");

        assertThat(attributes(events.get(1)))
                .containsEntry("gen_ai.evaluation.score.value", -1.0)
                .containsEntry("gen_ai.evaluation.score.label", "thumbs_down");
        assertThat(exporter.stats()).isEqualTo(new FeedbackExportStats(2, 2, 2, 0));
    }

    @Test
    void editsAndFollowUpsCarryTheirNameOnlyAndNoUserTextLeavesInAnyEvent() {
        OtelFeedbackExporter exporter =
                OtelFeedbackExporter.builder(loggerProvider).build();
        InteractionRecorder recorder = InteractionRecorder.sync(exporter.wrap(store.interactions()), CLOCK);
        InteractionId id = recorder.log(chat().build());
        String comment = "SECRET-COMMENT wrong quarter";
        String edited = "SECRET-EDIT About $1.1B in Q3 FY2025.";
        String question = "SECRET-QUESTION and in Q2?";

        recorder.rate(id, Rating.down(comment));
        recorder.edit(id, edited);
        recorder.followUp(id, question);

        List<LogRecordData> events = logs.getFinishedLogRecordItems();
        assertThat(events)
                .extracting(e -> attributes(e).get("gen_ai.evaluation.name"))
                .containsExactly("user_rating", "user_edit", "follow_up");
        assertThat(attributes(events.get(1))).containsOnlyKeys("gen_ai.evaluation.name", "tuneloop.interaction.id");
        assertThat(attributes(events.get(2))).containsOnlyKeys("gen_ai.evaluation.name", "tuneloop.interaction.id");
        for (LogRecordData e : events) {
            // no correlation was recorded: no response id, no parent span
            assertThat(e.getSpanContext().isValid()).isFalse();
            assertThat(attributes(e)).doesNotContainKey("gen_ai.evaluation.explanation");
            String everything = attributes(e) + " " + e.getBodyValue() + " " + e.getSeverityText();
            assertThat(everything).doesNotContain("SECRET", "Q3", "NVDA", "1.2B");
        }
        // the store keeps what the user said
        assertThat(store.interactions().find(id).orElseThrow().feedback().userEditedResponse())
                .contains(edited);
        assertThat(exporter.stats()).isEqualTo(new FeedbackExportStats(3, 0, 0, 0));
    }

    @Test
    void feedbackOnAnInteractionRecordedInAnEarlierProcessIsCorrelatedThroughTheStore() {
        InteractionRecorder before = InteractionRecorder.sync(store.interactions(), CLOCK);
        InteractionId id = before.log(chat().putMetadata("gen_ai.response.id", "chatcmpl-9")
                .putMetadata("otel.traceparent", TRACEPARENT)
                .build());

        OtelFeedbackExporter exporter = OtelFeedbackExporter.builder(loggerProvider)
                .maxCorrelations(0)
                .lookup(store.interactions())
                .build();
        InteractionRecorder after = InteractionRecorder.sync(exporter.wrap(store.interactions()), CLOCK);
        after.rate(id, Rating.up());

        LogRecordData event = logs.getFinishedLogRecordItems().get(0);
        assertThat(attributes(event)).containsEntry("gen_ai.response.id", "chatcmpl-9");
        assertThat(event.getSpanContext().getSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void tagCurrentSpanParentsTheFeedbackToTheSpanTheInteractionWasRecordedIn() {
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder() // with no processor, spans are invalid
                .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                .build();
        OtelFeedbackExporter exporter =
                OtelFeedbackExporter.builder(loggerProvider).build();
        InteractionRecorder recorder = InteractionRecorder.sync(exporter.wrap(store.interactions()), CLOCK);
        Span chatSpan =
                tracerProvider.get("test").spanBuilder("chat gpt-4o-mini").startSpan();
        InteractionId id;
        try (Scope ignored = chatSpan.makeCurrent()) {
            id = recorder.log(OtelFeedbackExporter.tagCurrentSpan(chat()));
        } finally {
            chatSpan.end();
        }
        // the 👍 comes later, in another request: the current span then is a different one
        Span feedbackRequest =
                tracerProvider.get("test").spanBuilder("POST /feedback").startSpan();
        try (Scope ignored = feedbackRequest.makeCurrent()) {
            recorder.rate(id, Rating.up());
        } finally {
            feedbackRequest.end();
        }
        SpanContext parent = logs.getFinishedLogRecordItems().get(0).getSpanContext();
        assertThat(parent.isValid()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(chatSpan.getSpanContext().getTraceId());
        assertThat(parent.getSpanId()).isEqualTo(chatSpan.getSpanContext().getSpanId());
        tracerProvider.close();
    }

    @Test
    void tagCurrentSpanWithoutASpanAddsNothing() {
        Interaction built = OtelFeedbackExporter.tagCurrentSpan(chat()).build();
        assertThat(built.metadata()).isEmpty();
        try (Scope ignored = Context.root().with(Span.getInvalid()).makeCurrent()) {
            assertThat(OtelFeedbackExporter.tagCurrentSpan(chat()).build().metadata())
                    .isEmpty();
        }
    }

    @Test
    void aBrokenLoggerNeverReachesTheHostAndTheStoreStillGetsTheFeedback() {
        // a processor that throws on every record: the SDK path a misconfigured exporter takes
        SdkLoggerProvider throwing = SdkLoggerProvider.builder()
                .addLogRecordProcessor(new LogRecordProcessor() {
                    @Override
                    public void onEmit(Context context, ReadWriteLogRecord logRecord) {
                        throw new IllegalStateException("exporter down");
                    }
                })
                .build();
        OtelFeedbackExporter exporter = OtelFeedbackExporter.builder(throwing).build();
        InteractionRecorder recorder = InteractionRecorder.sync(exporter.wrap(store.interactions()), CLOCK);
        InteractionId id = recorder.log(chat().build());

        recorder.rate(id, Rating.up());

        assertThat(store.interactions().find(id).orElseThrow().feedback().isThumbsUp())
                .isTrue();
        assertThat(exporter.stats().failed()).isEqualTo(1);
        assertThat(exporter.stats().emitted()).isZero();
        // the no-op API (no SDK installed) emits nothing and fails nothing
        OtelFeedbackExporter noop =
                OtelFeedbackExporter.builder(LoggerProvider.noop()).build();
        InteractionRecorder quiet = InteractionRecorder.sync(noop.wrap(store.interactions()), CLOCK);
        quiet.rate(quiet.log(chat().build()), Rating.down());
        assertThat(noop.stats().failed()).isZero();
        throwing.close();
    }

    @Test
    void feedbackIsEmittedOnceTheStoreAcceptsItOnTheRecordersThreadNeverTheHosts() throws Exception {
        Set<String> emittingThreads = ConcurrentHashMap.newKeySet();
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .addLogRecordProcessor(new LogRecordProcessor() {
                    @Override
                    public void onEmit(Context context, ReadWriteLogRecord logRecord) {
                        emittingThreads.add(Thread.currentThread().getName());
                    }
                })
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                .build();
        OtelFeedbackExporter exporter = OtelFeedbackExporter.builder(provider).build();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        InteractionSink flaky = (interactions, events) -> {
            if (!events.isEmpty() && failuresLeft.getAndDecrement() > 0) {
                throw new RetriableException("store down");
            }
            store.interactions().append(interactions, events);
        };
        RecorderOptions options = RecorderOptions.builder()
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5))
                .build();
        try (InteractionRecorder recorder = InteractionRecorder.async(exporter.wrap(flaky), options)) {
            InteractionId id = recorder.log(chat());
            recorder.rate(id, Rating.up());
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(logs.getFinishedLogRecordItems()).hasSize(1);
        assertThat(emittingThreads)
                .hasSize(1)
                .doesNotContain(Thread.currentThread().getName());
        assertThat(exporter.stats().emitted()).isEqualTo(1);
        provider.close();
    }

    @Test
    void wrapPassesStoreFailuresToTheRecorderAndEmitsNothingForTheFailedBatch() {
        OtelFeedbackExporter exporter =
                OtelFeedbackExporter.builder(loggerProvider).build();
        InteractionSink down = (interactions, events) -> {
            throw new RetriableException("store down");
        };
        InteractionRecorder recorder = InteractionRecorder.sync(exporter.wrap(down), CLOCK);
        assertThatThrownBy(() -> recorder.rate(InteractionId.next(), Rating.up()))
                .isInstanceOf(RetriableException.class);
        assertThat(logs.getFinishedLogRecordItems()).isEmpty();
    }

    @Test
    void theCorrelationMemoryIsBoundedLeastRecentlyUsedFirst() {
        OtelFeedbackExporter exporter =
                OtelFeedbackExporter.builder(loggerProvider).maxCorrelations(1).build();
        InteractionRecorder recorder = InteractionRecorder.sync(exporter.wrap(store.interactions()), CLOCK);
        InteractionId first =
                recorder.log(chat().putMetadata("gen_ai.response.id", "r-1").build());
        InteractionId second =
                recorder.log(chat().putMetadata("gen_ai.response.id", "r-2").build());
        recorder.rate(first, Rating.up());
        recorder.rate(second, Rating.up());
        List<LogRecordData> events = logs.getFinishedLogRecordItems();
        assertThat(attributes(events.get(0))).doesNotContainKey("gen_ai.response.id");
        assertThat(attributes(events.get(1))).containsEntry("gen_ai.response.id", "r-2");
        assertThatThrownBy(() -> OtelFeedbackExporter.builder(loggerProvider).maxCorrelations(-1))
                .hasMessage("maxCorrelations must be >= 0, but was -1");
    }

    @Test
    void malformedTraceparentsAreIgnoredNotGuessed() {
        assertThat(Correlation.parseTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isNotNull();
        assertThat(Correlation.parseTraceparent(null)).isNull();
        assertThat(Correlation.parseTraceparent("00-00000000000000000000000000000000-b7ad6b7169203331-01"))
                .isNull();
        assertThat(Correlation.parseTraceparent("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"))
                .isNull();
        assertThat(Correlation.parseTraceparent("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isNull();
        assertThat(Correlation.parseTraceparent("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01"))
                .isNull();
        assertThat(Correlation.parseTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-zz"))
                .isNull();
        assertThat(Correlation.of(Map.of("otel.traceparent", "garbage"))).isNull();
    }
}
