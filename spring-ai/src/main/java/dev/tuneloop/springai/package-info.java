/**
 * Tuneloop for Spring AI: every chat call recorded, the user's call routed to the arm's model.
 *
 * <p>{@link dev.tuneloop.springai.TuneloopAdvisor} is a {@code CallAdvisor} and {@code StreamAdvisor} for
 * {@code ChatClient}: it records each turn through the asynchronous {@link dev.tuneloop.record.InteractionRecorder},
 * puts the {@link dev.tuneloop.record.InteractionId} into the response context for the application's feedback buttons,
 * and, when routing is on, sends the call to the model of the user's arm.
 * {@link dev.tuneloop.springai.TuneloopObservationHandler} records from Spring AI's chat model observations, for
 * applications that change no code. {@link dev.tuneloop.springai.TuneloopSpringAiAutoConfiguration} registers both
 * when the Tuneloop Spring Boot starter and Spring AI are on the classpath.
 *
 * <p>Spring AI's types appear only in this module.
 */
@NullMarked
package dev.tuneloop.springai;

import org.jspecify.annotations.NullMarked;
