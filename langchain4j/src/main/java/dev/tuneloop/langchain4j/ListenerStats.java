package dev.tuneloop.langchain4j;

/**
 * A snapshot of a {@link TuneloopChatModelListener}'s counters. What happened to a recorded interaction afterwards
 * (stored, rejected by a rule, dropped) is in the recorder's {@link dev.tuneloop.record.RecorderStats}.
 *
 * @param recorded         calls handed to the recorder, one interaction each
 * @param toolCallTurns    responses that asked for tool calls and were not recorded on their own: the tool loop's
 *                         final answer carries them as steps
 * @param failures         calls that could not be recorded because mapping them threw; never reached the host
 * @param callbackFailures {@code onRecorded} callbacks that threw; never reached the host
 */
public record ListenerStats(long recorded, long toolCallTurns, long failures, long callbackFailures) {}
