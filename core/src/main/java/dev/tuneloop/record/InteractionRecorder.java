package dev.tuneloop.record;

import dev.tuneloop.store.InteractionStore;
import java.time.Duration;

/**
 * Records interactions and feedback: the call a host adds after each LLM call ({@link #log}) and where its 👍 / 👎 /
 * ✏️ buttons land ({@link #rate}, {@link #edit}, {@link #followUp}).
 *
 * <p>The {@linkplain #async(InteractionStore) asynchronous} recorder is a side channel: calls enqueue and return; a
 * worker thread writes batches to the store, retrying while it is down. It never throws because of the store and never
 * blocks the caller on I/O. Invalid arguments (a null interaction, a blank edit) are programming or input errors and
 * are thrown at once, before anything is enqueued.
 *
 * <p>Implementations are thread-safe.
 */
public interface InteractionRecorder extends AutoCloseable {

    /**
     * Records an interaction.
     *
     * @return its id, to attach feedback later
     * @throws NullPointerException when {@code interaction} is null
     */
    InteractionId log(Interaction interaction);

    /**
     * Records feedback about an interaction (which may not be written yet: it applies once it is).
     *
     * @throws NullPointerException when an argument is null
     * @throws dev.tuneloop.ValidationException when an edit or a follow-up message is over the recorder's
     *                                          {@link Limits#maxTextBytes()} ({@link RecorderOptions#limits()})
     */
    void feedback(InteractionId id, Feedback feedback);

    /**
     * Waits until everything recorded before this call is written (or given up), at most {@code timeout}. The
     * asynchronous recorder writes at once instead of waiting for its time trigger, and a flush during a store outage
     * ends the current backoff wait early, once per call: the store may be back.
     *
     * @return true when everything was written in time
     */
    boolean flush(Duration timeout);

    /**
     * Stops accepting items, writes what is queued within the configured close timeout, and stops the worker.
     * Items recorded after close, or still unwritten at the deadline, are counted as dropped. Idempotent.
     */
    @Override
    void close();

    /** The counters now. */
    RecorderStats stats();

    /** Records a thumbs up or down. */
    default void rate(InteractionId id, Rating rating) {
        feedback(id, rating);
    }

    /**
     * Records the user's corrected answer.
     *
     * @throws dev.tuneloop.ValidationException when {@code editedResponse} is blank, not valid Unicode, or over the
     *                                          recorder's {@link Limits#maxTextBytes()} (by default 1 MiB of UTF-8,
     *                                          the limit of the answer it corrects)
     */
    default void edit(InteractionId id, String editedResponse) {
        feedback(id, Edit.of(editedResponse));
    }

    /** Records that the user asked a follow-up question. */
    default void followUp(InteractionId id) {
        feedback(id, FollowUp.of());
    }

    /**
     * Records the user's follow-up question.
     *
     * @throws dev.tuneloop.ValidationException when {@code message} is not valid Unicode or over the recorder's
     *                                          {@link Limits#maxTextBytes()}
     */
    default void followUp(InteractionId id, String message) {
        feedback(id, FollowUp.of(message));
    }

    /** An asynchronous recorder with {@link RecorderOptions#defaults()}; starts its worker thread. */
    static InteractionRecorder async(InteractionStore store) {
        return new AsyncInteractionRecorder(store, RecorderOptions.defaults());
    }

    /** An asynchronous recorder; starts its worker thread. */
    static InteractionRecorder async(InteractionStore store, RecorderOptions options) {
        return new AsyncInteractionRecorder(store, options);
    }

    /**
     * A write-through recorder: each call writes to the store before it returns and, unlike the asynchronous one,
     * lets a store failure propagate. For tests, and for hosts that want to know each write landed.
     */
    static InteractionRecorder sync(InteractionStore store) {
        return new SyncInteractionRecorder(store, java.time.Clock.systemUTC(), Limits.DEFAULT);
    }

    /** A write-through recorder that stamps feedback with {@code clock}. */
    static InteractionRecorder sync(InteractionStore store, java.time.Clock clock) {
        return new SyncInteractionRecorder(store, clock, Limits.DEFAULT);
    }

    /** A write-through recorder that stamps feedback with {@code clock} and checks feedback texts against {@code limits}. */
    static InteractionRecorder sync(InteractionStore store, java.time.Clock clock, Limits limits) {
        return new SyncInteractionRecorder(store, clock, limits);
    }
}
