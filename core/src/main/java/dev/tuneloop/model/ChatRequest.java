package dev.tuneloop.model;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.internal.Sha256;
import dev.tuneloop.record.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One chat-completion call: which model, the messages in order, and the sampling settings. {@link #toString()} shows
 * the number of messages, never their text.
 *
 * @param model       the provider's model id, e.g. {@code "gpt-4o-mini"} or {@code "ft:gpt-4o-mini:org::abc123"}; non-blank
 * @param messages    the conversation, oldest first; at least one
 * @param temperature sampling temperature, 0 to 2
 * @param maxTokens   the most tokens to generate; {@code null} for the provider's default, else {@code > 0}
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        double temperature,
        @Nullable Integer maxTokens) {
    /** The seed's evaluation temperature. */
    public static final double DEFAULT_TEMPERATURE = 0.3;

    /**
     * Checks every rule and copies the messages.
     *
     * @param model       the provider's model id; non-blank
     * @param messages    the conversation, oldest first; at least one, no null element; copied
     * @param temperature sampling temperature, 0 to 2
     * @param maxTokens   the most tokens to generate; {@code null} for the provider's default, else {@code > 0}
     * @throws dev.tuneloop.errors.ValidationException naming every broken rule
     */
    public ChatRequest {
        Checks c = Checks.start()
                .require(model != null && !model.isBlank(), "model must not be blank, but was " + quote(model))
                .require(messages != null && !messages.isEmpty(), "messages must not be empty")
                .require(
                        temperature >= 0 && temperature <= 2,
                        "temperature must be between 0 and 2, but was " + temperature)
                .require(maxTokens == null || maxTokens > 0, "maxTokens must be > 0, but was " + maxTokens);
        if (messages != null) {
            for (int i = 0; i < messages.size(); i++) {
                c.require(messages.get(i) != null, "messages[" + i + "] must not be null");
            }
        }
        c.orThrow();
        messages = List.copyOf(messages);
    }

    /**
     * A request at {@link #DEFAULT_TEMPERATURE} with the provider's default token limit.
     *
     * @param model    the provider's model id; non-blank
     * @param messages the conversation, oldest first; at least one
     * @return the request
     * @throws dev.tuneloop.errors.ValidationException naming every broken rule
     */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, DEFAULT_TEMPERATURE, null);
    }

    /**
     * The same request to another model (e.g. the fine-tuned one).
     *
     * @param m the provider's model id; non-blank
     * @return a new request
     * @throws dev.tuneloop.errors.ValidationException when {@code m} is blank
     */
    public ChatRequest withModel(String m) {
        return new ChatRequest(m, messages, temperature, maxTokens);
    }

    /**
     * The same request at another temperature.
     *
     * @param t sampling temperature, 0 to 2
     * @return a new request
     * @throws dev.tuneloop.errors.ValidationException when {@code t} is out of range
     */
    public ChatRequest withTemperature(double t) {
        return new ChatRequest(model, messages, t, maxTokens);
    }

    /**
     * The same request with another token limit.
     *
     * @param max the most tokens to generate; {@code null} for the provider's default, else {@code > 0}
     * @return a new request
     * @throws dev.tuneloop.errors.ValidationException when {@code max} is not positive
     */
    public ChatRequest withMaxTokens(@Nullable Integer max) {
        return new ChatRequest(model, messages, temperature, max);
    }

    /**
     * A SHA-256 (hex) of everything but the model that decides the answer: the messages (role and text), the
     * temperature and the token limit. Two requests with equal hashes ask the same question the same way, so a
     * completion cache keys on {@code (model, promptHash())}. Stable across JVMs and versions of this library.
     *
     * @return 64 lower-case hex digits
     */
    public String promptHash() {
        MessageDigest sha = Sha256.digest();
        // length-prefixed fields, so no two different requests serialize to the same bytes
        field(sha, "t=" + Double.toString(temperature));
        field(sha, "max=" + (maxTokens == null ? "default" : maxTokens.toString()));
        for (ChatMessage m : messages) {
            field(sha, m.role().wireName());
            field(sha, m.content());
        }
        return Sha256.hex(sha.digest());
    }

    private static void field(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (b.length >>> 24));
        sha.update((byte) (b.length >>> 16));
        sha.update((byte) (b.length >>> 8));
        sha.update((byte) b.length);
        sha.update(b);
    }

    private static String quote(@Nullable String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    @Override
    public String toString() {
        return "ChatRequest[model=" + model + ", messages=" + messages.size() + ", temperature=" + temperature
                + ", maxTokens=" + maxTokens + "]";
    }
}
