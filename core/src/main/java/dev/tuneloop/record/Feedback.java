package dev.tuneloop.record;

/**
 * What a user said about an interaction: a {@link Rating} (👍/👎), an {@link Edit} of the answer, or a
 * {@link FollowUp} question. Feedback is recorded as {@link FeedbackEvent}s; the state of an interaction is derived
 * from them ({@link FeedbackState}). Sealed, so code that handles each kind is checked by the compiler.
 */
public sealed interface Feedback permits Rating, Edit, FollowUp {}
