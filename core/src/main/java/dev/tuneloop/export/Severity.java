package dev.tuneloop.export;

/** How bad a {@link Problem} is: an {@link #ERROR} makes a provider reject the file; a {@link #WARNING} does not. */
public enum Severity {
    /** The provider would reject the file (or silently truncate an example): fix it before training. */
    ERROR,
    /** Allowed, but likely to make training worse (e.g. no system message, inconsistent system prompts). */
    WARNING
}
