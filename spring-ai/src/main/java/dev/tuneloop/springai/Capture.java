package dev.tuneloop.springai;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Records one model call through the recorder and counts what happened; shared by the advisor and the observation
 * handler. Never throws: a failure is counted and logged with its type only, never with the conversation's text.
 */
final class Capture {
    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);

    private final InteractionRecorder recorder;
    private final String defaultUserId;
    private final String source;
    private final LongAdder recorded = new LongAdder();
    private final LongAdder toolRounds = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder routingFailed = new LongAdder();

    Capture(InteractionRecorder recorder, String defaultUserId, String source) {
        this.recorder = recorder;
        this.defaultUserId = defaultUserId;
        this.source = source;
    }

    /**
     * Records the call when it is a final answer.
     *
     * @param prompt what was sent
     * @param response what came back
     * @param context where RAG advisors put their documents; may be empty
     * @param userId the end user; null for the default user id
     * @param sessionId the conversation; may be null
     * @param latency how long the call took
     * @param id the id to give the interaction; null for a new one
     * @return the interaction's id; null when the call was not recorded
     */
    @Nullable
    InteractionId record(
            Prompt prompt,
            @Nullable ChatResponse response,
            Map<String, ?> context,
            @Nullable String userId,
            @Nullable String sessionId,
            Duration latency,
            @Nullable InteractionId id) {
        try {
            ConversationMapping.Kind kind = ConversationMapping.kind(prompt, response);
            if (kind == ConversationMapping.Kind.TOOL_ROUND) {
                toolRounds.increment();
                return null;
            }
            if (kind == ConversationMapping.Kind.NOTHING || response == null) {
                skipped.increment();
                return null;
            }
            Interaction.Builder b = Interaction.builder()
                    .id(id)
                    .userId(userId == null || userId.isEmpty() ? defaultUserId : userId)
                    .sessionId(sessionId)
                    .latency(latency);
            ConversationMapping.fill(b, prompt, response);
            ConversationMapping.documents(b, context);
            InteractionId logged = recorder.log(b); // no build(): the rules are checked on the recorder's worker
            recorded.increment();
            return logged;
        } catch (RuntimeException | LinkageError e) {
            failed(e);
            return null;
        }
    }

    void skipped() {
        skipped.increment();
    }

    void routingFailed(RuntimeException e) {
        routingFailed.increment();
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Tuneloop {}: the router could not place a call ({}); the application's model was kept",
                    source,
                    e.getClass().getName());
        }
    }

    void failed(Throwable e) {
        failed.increment();
        // the type only: a message may quote the conversation
        if (failed.sum() == 1) {
            LOG.warn(
                    "Tuneloop {} could not record a call ({}); the call went on, and further failures are counted"
                            + " in stats().failed() and logged at DEBUG",
                    source,
                    e.getClass().getName());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Tuneloop {} could not record a call ({})",
                    source,
                    e.getClass().getName());
        }
    }

    CaptureStats stats() {
        return new CaptureStats(recorded.sum(), toolRounds.sum(), skipped.sum(), failed.sum(), routingFailed.sum());
    }
}
