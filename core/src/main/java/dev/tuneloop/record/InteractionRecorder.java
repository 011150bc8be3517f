package dev.tuneloop.record;

import java.time.Clock;
import java.time.Duration;

/**
 * Records interactions and feedback: the call a host adds after each LLM call ({@link #log}) and where its 👍 / 👎 /
 * ✏️ buttons land ({@link #rate}, {@link #edit}, {@link #followUp}).
 *
 * <p>The {@linkplain #async(InteractionSink) asynchronous} recorder is a side channel: calls enqueue and return; a
 * worker thread writes batches to the store, retrying while it is down. It never throws because of the store and never
 * blocks the caller on I/O.
 *
 * <p>Two ways to log. {@link #log(Interaction.Builder)} takes the unbuilt builder and never throws for its content:
 * the caller's thread stamps the id and the time and enqueues it (O(1), no work proportional to the texts), and the
 * rules (required fields, sizes, valid Unicode, limits, tool-call structure) are checked off the caller's thread; an
 * interaction that breaks one is counted in {@link RecorderStats#rejected()} and {@link RecorderStats#rejectedByRule()}
 * and never stored. {@link #log(Interaction)} takes an interaction the host built with
 * {@link Interaction.Builder#build()}, which throws on a broken rule: for hosts that want to know at once. Other
 * invalid arguments (a null argument, a blank edit) are programming or input errors and are thrown at once, before
 * anything is enqueued.
 *
 * <p>Implementations are thread-safe.
 */
public interface InteractionRecorder extends AutoCloseable {

    /**
     * Records an interaction.
     *
     * @param interaction the interaction, built and validated
     * @return its id, to attach feedback later
     * @throws NullPointerException when {@code interaction} is null
     */
    InteractionId log(Interaction interaction);

    /**
     * Records an interaction from its unbuilt builder, without throwing for its content: the id and the time are
     * stamped now (when the builder has none), the rules are checked later off the caller's thread against the
     * recorder's {@link Limits}, and an interaction that breaks one is counted as rejected by rule and not stored.
     * The builder belongs to the recorder from now on: do not change it after this call.
     *
     * @param draft the builder, not built
     * @return the interaction's id, to attach feedback later (feedback on a rejected interaction is kept with no
     *     interaction to apply to)
     * @throws NullPointerException when {@code draft} is null
     */
    InteractionId log(Interaction.Builder draft);

    /**
     * Records feedback about an interaction (which may not be written yet: it applies once it is). The event is stamped
     * with the recorder's clock.
     *
     * @param id the interaction's id, as {@link #log} returned it
     * @param feedback what the user said
     * @throws NullPointerException when an argument is null
     * @throws dev.tuneloop.errors.ValidationException when an edit or a follow-up message is over the recorder's
     *                                          {@link Limits#maxTextBytes()} ({@link RecorderOptions#limits()})
     */
    void feedback(InteractionId id, Feedback feedback);

    /**
     * Waits until everything recorded before this call is written (or given up), at most {@code timeout}. Returns at
     * once for the write-through recorder. The asynchronous recorder writes at once instead of waiting for its time
     * trigger, and a flush during a store outage ends the current backoff wait early, once per call: the store may be
     * back.
     *
     * @param timeout the longest to wait
     * @return true when everything was written (or given up) in time
     */
    boolean flush(Duration timeout);

    /**
     * Stops accepting items, writes what is queued within the configured close timeout, and stops the worker.
     * Items recorded after close, or still unwritten at the deadline, are counted as dropped. Idempotent.
     */
    @Override
    void close();

    /**
     * The counters now.
     *
     * @return a snapshot of the counters
     */
    RecorderStats stats();

    /**
     * Records a thumbs up or down.
     *
     * @param id the interaction's id
     * @param rating the rating
     * @throws NullPointerException when an argument is null
     */
    default void rate(InteractionId id, Rating rating) {
        feedback(id, rating);
    }

    /**
     * Records the user's corrected answer.
     *
     * @param id the interaction's id
     * @param editedResponse the corrected answer
     * @throws dev.tuneloop.errors.ValidationException when {@code editedResponse} is blank, not valid Unicode, or over
     *     the recorder's {@link Limits#maxTextBytes()} (by default 1 MiB of UTF-8, the limit of the answer it corrects)
     */
    default void edit(InteractionId id, String editedResponse) {
        feedback(id, Edit.of(editedResponse));
    }

    /**
     * Records that the user asked a follow-up question, without its text.
     *
     * @param id the interaction's id
     * @throws NullPointerException when {@code id} is null
     */
    default void followUp(InteractionId id) {
        feedback(id, FollowUp.of());
    }

    /**
     * Records the user's follow-up question.
     *
     * @param id the interaction's id
     * @param message the question
     * @throws dev.tuneloop.errors.ValidationException when {@code message} is not valid Unicode or over the
     *     recorder's {@link Limits#maxTextBytes()}
     */
    default void followUp(InteractionId id, String message) {
        feedback(id, FollowUp.of(message));
    }

    /**
     * An asynchronous recorder with {@link RecorderOptions#defaults()}; starts its worker (a daemon thread).
     *
     * @param sink where batches are written
     * @return a new recorder; close it to drain its queue
     */
    static InteractionRecorder async(InteractionSink sink) {
        return new AsyncInteractionRecorder(sink, RecorderOptions.defaults());
    }

    /**
     * An asynchronous recorder; starts its worker (a daemon thread).
     *
     * @param sink where batches are written
     * @param options the queue, batch, retry and close settings, and the clock that stamps feedback
     * @return a new recorder; close it to drain its queue
     */
    static InteractionRecorder async(InteractionSink sink, RecorderOptions options) {
        return new AsyncInteractionRecorder(sink, options);
    }

    /**
     * A write-through recorder: each call writes to the store before it returns and, unlike the asynchronous one,
     * lets a store failure propagate, and a call after {@code close()} throws {@link IllegalStateException}. For tests,
     * and for hosts that want to know each write landed. Feedback is stamped with the system UTC clock.
     *
     * @param sink where each item is written
     * @return a new recorder
     */
    static InteractionRecorder sync(InteractionSink sink) {
        return new SyncInteractionRecorder(sink, Clock.systemUTC(), Limits.DEFAULT);
    }

    /**
     * A write-through recorder that stamps feedback with {@code clock}; see {@link #sync(InteractionSink)}.
     *
     * @param sink where each item is written
     * @param clock stamps feedback events
     * @return a new recorder
     */
    static InteractionRecorder sync(InteractionSink sink, Clock clock) {
        return new SyncInteractionRecorder(sink, clock, Limits.DEFAULT);
    }

    /**
     * A write-through recorder that stamps feedback with {@code clock} and checks feedback texts against
     * {@code limits}; see {@link #sync(InteractionSink)}.
     *
     * @param sink where each item is written
     * @param clock stamps feedback events
     * @param limits the text limits edits and follow-ups are checked against
     * @return a new recorder
     */
    static InteractionRecorder sync(InteractionSink sink, Clock clock, Limits limits) {
        return new SyncInteractionRecorder(sink, clock, limits);
    }
}
