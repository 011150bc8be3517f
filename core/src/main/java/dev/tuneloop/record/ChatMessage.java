package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;
import java.util.Objects;

/**
 * One message of a conversation: a prior turn of a multi-turn chat, or a message sent to a {@code ChatModel}.
 *
 * @param role    the role; required
 * @param content the text; required, may be empty only for an assistant turn
 */
public record ChatMessage(Role role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Checks.start()
                .text("message.content", content, false, Limits.DEFAULT_MAX_TEXT_BYTES)
                .require(content != null, "message.content is required, but was null")
                .orThrow();
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    @Override
    public String toString() {
        return "ChatMessage[role=" + role + ", chars=" + content.length() + "]";
    }
}
