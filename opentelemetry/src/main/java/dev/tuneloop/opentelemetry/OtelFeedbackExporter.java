package dev.tuneloop.opentelemetry;

import dev.tuneloop.record.Edit;
import dev.tuneloop.record.Feedback;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FollowUp;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionSink;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Emits Tuneloop feedback as OpenTelemetry GenAI {@code gen_ai.evaluation.result} events through the Logs API, so
 * 👍 / 👎 / edit / follow-up rates show up next to the host's traces in any OpenTelemetry backend.
 *
 * <p><b>The mapping</b> (GenAI semantic conventions, {@value #SEMCONV_VERSION}, status Development): every event has
 * the event name {@value #EVENT_NAME} and {@code gen_ai.evaluation.name}; a {@link Rating} is
 * {@value #USER_RATING} with {@code gen_ai.evaluation.score.value} {@code 1.0} or {@code -1.0} and
 * {@code gen_ai.evaluation.score.label} {@value #THUMBS_UP} or {@value #THUMBS_DOWN}; an {@link Edit} is
 * {@value #USER_EDIT} and a {@link FollowUp} {@value #FOLLOW_UP}, both without a score. The event's timestamp is the
 * feedback's time. {@code gen_ai.response.id} is set when the interaction's metadata holds it
 * ({@value #RESPONSE_ID_METADATA}), and the event is parented to the chat span when the metadata holds its W3C
 * {@code traceparent} ({@value #TRACEPARENT_METADATA}; {@link #tagCurrentSpan} writes it, and {@link GenAiSpanIngest}
 * writes both). One attribute beyond the convention, {@value #INTERACTION_ID_ATTRIBUTE}, carries Tuneloop's
 * interaction id so an event can be joined with the store.
 *
 * <p><b>No text leaves.</b> {@code gen_ai.evaluation.explanation} is never set: a rating's comment, an edit's
 * corrected answer and a follow-up's question are the user's words and stay in the store.
 *
 * <p><b>Where it hooks in.</b> {@link #wrap(InteractionSink)} decorates the sink the recorder writes to: after a batch
 * is appended, it remembers the correlation of each interaction in it and emits one event per feedback event. It runs
 * on the recorder's worker thread, never on the host's, and an event is emitted once the store has accepted it, so
 * the counts in the backend match the store (a batch the recorder retries is emitted when it finally lands). A failure
 * to emit is logged, counted in {@link #stats()} and never thrown. The correlation of an interaction recorded before
 * this process started is looked up in the store given to {@link Builder#lookup(InteractionStore)}, if any.
 *
 * <p>Thread-safe.
 */
public final class OtelFeedbackExporter {

    /**
     * The version of the GenAI semantic conventions this module follows ({@code open-telemetry/semantic-conventions-genai},
     * schema {@link #SCHEMA_URL}).
     */
    public static final String SEMCONV_VERSION = "1.42.0";

    /** The schema URL of the GenAI semantic conventions followed, set on the logger. */
    public static final String SCHEMA_URL = "https://opentelemetry.io/schemas/gen-ai/" + SEMCONV_VERSION;

    /** The event name, set with {@link LogRecordBuilder#setEventName(String)}. */
    public static final String EVENT_NAME = "gen_ai.evaluation.result";

    /** The instrumentation scope name of the logger the events are emitted with. */
    public static final String INSTRUMENTATION_SCOPE = "dev.tuneloop.opentelemetry";

    /** The evaluation name of a 👍 / 👎 rating. */
    public static final String USER_RATING = "user_rating";

    /** The evaluation name of an edit of the answer. */
    public static final String USER_EDIT = "user_edit";

    /** The evaluation name of a follow-up question. */
    public static final String FOLLOW_UP = "follow_up";

    /** The score label of a thumbs up (score value {@code 1.0}). */
    public static final String THUMBS_UP = "thumbs_up";

    /** The score label of a thumbs down (score value {@code -1.0}). */
    public static final String THUMBS_DOWN = "thumbs_down";

    /** The metadata key of an interaction that holds the provider's response id ({@code gen_ai.response.id}). */
    public static final String RESPONSE_ID_METADATA = "gen_ai.response.id";

    /** The metadata key of an interaction that holds the W3C {@code traceparent} of its chat span. */
    public static final String TRACEPARENT_METADATA = "otel.traceparent";

    /** The event attribute that carries Tuneloop's interaction id (not part of the convention). */
    public static final String INTERACTION_ID_ATTRIBUTE = "tuneloop.interaction.id";

    /** How many interactions' correlations are remembered by default. */
    public static final int DEFAULT_MAX_CORRELATIONS = 10_000;

    static final String EVALUATION_NAME = "gen_ai.evaluation.name";
    static final String SCORE_VALUE = "gen_ai.evaluation.score.value";
    static final String SCORE_LABEL = "gen_ai.evaluation.score.label";
    static final String RESPONSE_ID = "gen_ai.response.id";

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(OtelFeedbackExporter.class);

    private final Logger logger;
    private final Map<InteractionId, Correlation> correlations;
    private final @Nullable InteractionStore lookup;
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong parented = new AtomicLong();
    private final AtomicLong withResponseId = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private OtelFeedbackExporter(Builder b) {
        this.logger = b.loggerProvider
                .loggerBuilder(INSTRUMENTATION_SCOPE)
                .setSchemaUrl(SCHEMA_URL)
                .build();
        int max = b.maxCorrelations;
        this.correlations = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InteractionId, Correlation> eldest) {
                return size() > max;
            }
        };
        this.lookup = b.lookup;
    }

    /**
     * An exporter on the host's OpenTelemetry (its {@linkplain OpenTelemetry#getLogsBridge() logs bridge}), with the
     * defaults.
     *
     * @param openTelemetry the host's OpenTelemetry
     * @return the exporter
     * @throws NullPointerException when {@code openTelemetry} is null
     */
    public static OtelFeedbackExporter create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry.getLogsBridge()).build();
    }

    /**
     * A builder for an exporter on a logger provider.
     *
     * @param loggerProvider where the events go, e.g. an {@code SdkLoggerProvider} with a batch processor
     * @return the builder
     * @throws NullPointerException when {@code loggerProvider} is null
     */
    public static Builder builder(LoggerProvider loggerProvider) {
        return new Builder(loggerProvider);
    }

    /**
     * Decorates the sink the recorder writes to: each batch is appended to {@code delegate} first (its failures
     * propagate to the recorder, which retries), then the batch's feedback events are emitted.
     *
     * @param delegate the store or sink to write to
     * @return a sink that writes to {@code delegate} and emits the feedback it accepted
     * @throws NullPointerException when {@code delegate} is null
     */
    public InteractionSink wrap(InteractionSink delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return (interactions, events) -> {
            delegate.append(interactions, events);
            afterAppend(interactions, events);
        };
    }

    /**
     * Emits one feedback event now, on the caller's thread. Never throws: a failure is logged and counted.
     *
     * @param event the feedback event
     */
    public void emit(FeedbackEvent event) {
        try {
            emitNow(event);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn(
                    "gen_ai.evaluation.result for interaction {} was not emitted: {}",
                    event.interactionId(),
                    e.getClass().getName());
        }
    }

    /**
     * Remembers where an interaction came from (its response id and chat span, read from its metadata), so feedback
     * on it can be tied to them. {@link #wrap} does this for every interaction it writes.
     *
     * @param interaction the interaction
     */
    public void remember(Interaction interaction) {
        Correlation c = Correlation.of(interaction.metadata());
        if (c != null) {
            synchronized (correlations) {
                correlations.put(interaction.id(), c);
            }
        }
    }

    /**
     * The counters now.
     *
     * @return a snapshot
     */
    public FeedbackExportStats stats() {
        return new FeedbackExportStats(emitted.get(), parented.get(), withResponseId.get(), failed.get());
    }

    /**
     * Writes the current span's W3C {@code traceparent} into the interaction's metadata
     * ({@value #TRACEPARENT_METADATA}), so that feedback on it is parented to that span. Call it inside the chat
     * span (or the request span around it); does nothing when there is no valid current span.
     *
     * @param draft the interaction being recorded
     * @return {@code draft}
     */
    public static Interaction.Builder tagCurrentSpan(Interaction.Builder draft) {
        SpanContext sc = Span.current().getSpanContext();
        if (sc.isValid()) {
            draft.putMetadata(TRACEPARENT_METADATA, Correlation.traceparent(sc));
        }
        return draft;
    }

    private void afterAppend(List<Interaction> interactions, List<FeedbackEvent> events) {
        for (Interaction i : interactions) {
            try {
                remember(i);
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn(
                        "correlation of interaction {} was not kept: {}",
                        i.id(),
                        e.getClass().getName());
            }
        }
        for (FeedbackEvent e : events) {
            emit(e);
        }
    }

    private void emitNow(FeedbackEvent event) {
        Correlation c = correlation(event.interactionId());
        LogRecordBuilder record = logger.logRecordBuilder()
                .setEventName(EVENT_NAME)
                .setTimestamp(event.at())
                .setAttribute(
                        INTERACTION_ID_ATTRIBUTE, event.interactionId().value().toString());
        Feedback f = event.feedback();
        if (f instanceof Rating r) {
            boolean up = r.value() == Rating.Value.UP;
            record.setAttribute(EVALUATION_NAME, USER_RATING)
                    .setAttribute(SCORE_VALUE, up ? 1.0 : -1.0)
                    .setAttribute(SCORE_LABEL, up ? THUMBS_UP : THUMBS_DOWN);
        } else if (f instanceof Edit) {
            record.setAttribute(EVALUATION_NAME, USER_EDIT);
        } else if (f instanceof FollowUp) {
            record.setAttribute(EVALUATION_NAME, FOLLOW_UP);
        }
        // Feedback is sealed (Rating, Edit, FollowUp): the three branches above cover it
        if (c != null) {
            if (c.responseId() != null) {
                record.setAttribute(RESPONSE_ID, c.responseId());
                withResponseId.incrementAndGet();
            }
            SpanContext span = c.span();
            if (span != null) {
                record.setContext(Context.root().with(Span.wrap(span)));
                parented.incrementAndGet();
            }
        }
        record.emit();
        emitted.incrementAndGet();
    }

    private @Nullable Correlation correlation(InteractionId id) {
        Correlation c;
        synchronized (correlations) {
            c = correlations.get(id);
        }
        if (c != null || lookup == null) {
            return c;
        }
        try {
            Optional<RecordedInteraction> found = lookup.find(id);
            c = found.map(r -> Correlation.of(r.interaction().metadata())).orElse(null);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn(
                    "correlation of interaction {} could not be looked up: {}",
                    id,
                    e.getClass().getName());
            return null;
        }
        if (c != null) {
            synchronized (correlations) {
                correlations.put(id, c);
            }
        }
        return c;
    }

    /** Settings of an {@link OtelFeedbackExporter}. */
    public static final class Builder {
        private final LoggerProvider loggerProvider;
        private int maxCorrelations = DEFAULT_MAX_CORRELATIONS;
        private @Nullable InteractionStore lookup;

        private Builder(LoggerProvider loggerProvider) {
            this.loggerProvider = Objects.requireNonNull(loggerProvider, "loggerProvider");
        }

        /**
         * How many interactions' correlations to remember (least recently used first out); default
         * {@link #DEFAULT_MAX_CORRELATIONS}.
         *
         * @param max {@code >= 0}; 0 remembers none (every correlation comes from the {@linkplain #lookup lookup})
         * @return this builder
         * @throws IllegalArgumentException when {@code max} is negative
         */
        public Builder maxCorrelations(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxCorrelations must be >= 0, but was " + max);
            }
            this.maxCorrelations = max;
            return this;
        }

        /**
         * Where to look up an interaction that is not remembered (recorded before this process started, or pushed out
         * of memory): its metadata gives the correlation. The look-up runs on the recorder's worker thread. None by
         * default: feedback on such an interaction is emitted without a response id or a parent span.
         *
         * @param store the interaction store
         * @return this builder
         * @throws NullPointerException when {@code store} is null
         */
        public Builder lookup(InteractionStore store) {
            this.lookup = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Builds the exporter.
         *
         * @return the exporter
         */
        public OtelFeedbackExporter build() {
            return new OtelFeedbackExporter(this);
        }
    }
}
