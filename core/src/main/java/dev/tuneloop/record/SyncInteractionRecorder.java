package dev.tuneloop.record;

import dev.tuneloop.errors.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Writes each item through to the store on the caller's thread; store failures propagate. A logged builder is built
 * on the caller's thread (this recorder has no other); one that breaks a rule is counted as rejected, not thrown.
 */
final class SyncInteractionRecorder implements InteractionRecorder {
    private final InteractionSink sink;
    private final Clock clock;
    private final Limits limits;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong persisted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Rejections rejections = new Rejections(LoggerFactory.getLogger(InteractionRecorder.class));

    SyncInteractionRecorder(InteractionSink sink, Clock clock, Limits limits) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public InteractionId log(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        write(List.of(interaction), List.of());
        return interaction.id();
    }

    @Override
    public InteractionId log(Interaction.Builder draft) {
        Objects.requireNonNull(draft, "draft");
        InteractionId id = draft.stampForLog();
        Interaction built;
        try {
            built = draft.build(limits);
        } catch (ValidationException e) {
            enqueued.incrementAndGet();
            rejections.reject("interaction " + id, e.problems());
            return id;
        }
        write(List.of(built), List.of());
        return id;
    }

    @Override
    public void feedback(InteractionId id, Feedback feedback) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feedback, "feedback");
        FeedbackTexts.check(feedback, limits);
        write(List.of(), List.of(FeedbackEvent.of(id, clock.instant(), feedback)));
    }

    private void write(List<Interaction> interactions, List<FeedbackEvent> events) {
        if (closed.get()) {
            dropped.incrementAndGet();
            throw new IllegalStateException("the recorder is closed");
        }
        enqueued.incrementAndGet();
        try {
            sink.append(interactions, events);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            throw e;
        }
        persisted.incrementAndGet();
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public RecorderStats stats() {
        return new RecorderStats(
                enqueued.get(),
                persisted.get(),
                dropped.get(),
                rejections.total(),
                failed.get(),
                0,
                0,
                rejections.byRule());
    }
}
