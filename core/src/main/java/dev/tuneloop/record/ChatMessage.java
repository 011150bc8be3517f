package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import java.util.Objects;

/**
 * One message of a conversation: a prior turn of a multi-turn chat, or a message sent to a {@code ChatModel}.
 * {@link #toString()} shows the size of the text, never the text.
 *
 * @param role    the role; required
 * @param content the text; required, may be empty, at most {@link Limits#DEFAULT_MAX_TEXT_BYTES} UTF-8 bytes
 */
public record ChatMessage(Role role, String content) {
    /**
     * Checks the message.
     *
     * @param role    the role; required
     * @param content the text; required, may be empty, at most {@link Limits#DEFAULT_MAX_TEXT_BYTES} UTF-8 bytes
     * @throws NullPointerException when {@code role} is null
     * @throws dev.tuneloop.errors.ValidationException when the content is null, too large or not valid Unicode
     */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Checks.start()
                .text("message.content", content, false, Limits.DEFAULT_MAX_TEXT_BYTES)
                .require(content != null, "message.content is required, but was null")
                .orThrow();
    }

    /**
     * A system message.
     *
     * @param content the system prompt
     * @return the message
     * @throws dev.tuneloop.errors.ValidationException when the content is too large or not valid Unicode
     */
    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    /**
     * A user message.
     *
     * @param content the user's text
     * @return the message
     * @throws dev.tuneloop.errors.ValidationException when the content is too large or not valid Unicode
     */
    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    /**
     * An assistant message.
     *
     * @param content the model's text
     * @return the message
     * @throws dev.tuneloop.errors.ValidationException when the content is too large or not valid Unicode
     */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    @Override
    public String toString() {
        return "ChatMessage[role=" + role + ", chars=" + content.length() + "]";
    }
}
