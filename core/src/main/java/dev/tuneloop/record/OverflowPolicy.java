package dev.tuneloop.record;

/** What an asynchronous recorder does when its queue is full. */
public enum OverflowPolicy {
    /** Refuse the new item at once and count it as dropped (the default: the caller never waits). */
    DROP_NEWEST,
    /** Wait up to {@link RecorderOptions#blockTimeout()} for room, then drop and count it. */
    BLOCK
}
