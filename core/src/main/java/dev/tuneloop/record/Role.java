package dev.tuneloop.record;

import java.util.Locale;

/** The role of a chat message, as chat-completion APIs name them. */
public enum Role {
    SYSTEM,
    DEVELOPER,
    USER,
    ASSISTANT,
    TOOL;

    /** The lower-case wire name: {@code "system"}, {@code "user"}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed roles */
    public static Role fromWireName(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "role must be one of system, developer, user, assistant, tool, but was '" + name + "'");
    }
}
