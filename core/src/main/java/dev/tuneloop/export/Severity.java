package dev.tuneloop.export;

/** How bad a {@link Problem} is: an {@link #ERROR} makes a provider reject the file; a {@link #WARNING} does not. */
public enum Severity {
    ERROR,
    WARNING
}
