package dev.tuneloop.record;

import java.util.Locale;

/** The role of a chat message, as chat-completion APIs name them. */
public enum Role {
    /** Instructions from the application that set the model's behaviour (the system prompt). */
    SYSTEM,
    /** Instructions from the application in newer APIs' name for the system role. */
    DEVELOPER,
    /** A message from the end user. */
    USER,
    /** A message the model produced. */
    ASSISTANT,
    /** The result of a tool call, given back to the model. */
    TOOL;

    /**
     * The name chat-completion APIs use for this role.
     *
     * @return the lower-case wire name: {@code "system"}, {@code "user"}, …
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role with this wire name.
     *
     * @param name a lower-case wire name, e.g. {@code "assistant"}
     * @return the role
     * @throws IllegalArgumentException naming the allowed roles, when {@code name} is none of them
     */
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
