/**
 * Phase 1, recording: the {@link dev.tuneloop.record.Interaction} (one LLM call, with its
 * {@link dev.tuneloop.record.InteractionId}, {@link dev.tuneloop.record.ChatMessage}s and
 * {@link dev.tuneloop.record.RetrievedDocument}s, checked against {@link dev.tuneloop.record.Limits}), the
 * {@link dev.tuneloop.record.Feedback} users give about it ({@link dev.tuneloop.record.Rating},
 * {@link dev.tuneloop.record.Edit}, {@link dev.tuneloop.record.FollowUp}, stored as
 * {@link dev.tuneloop.record.FeedbackEvent}s, from which {@link dev.tuneloop.record.FeedbackState} is derived), the
 * {@link dev.tuneloop.record.InteractionRecorder} a host calls (asynchronous, configured by
 * {@link dev.tuneloop.record.RecorderOptions}, or write-through), and the storage it writes to: the write side
 * {@link dev.tuneloop.record.InteractionSink} and the {@link dev.tuneloop.record.InteractionStore} with its queries
 * ({@link dev.tuneloop.record.CandidateQuery}, {@link dev.tuneloop.record.ScanQuery}).
 *
 * <p>Depends only on {@code dev.tuneloop.internal}, {@code dev.tuneloop.errors}, SLF4J and the JDK; curation, export
 * and the stores build on it.
 */
@NullMarked
package dev.tuneloop.record;

import org.jspecify.annotations.NullMarked;
