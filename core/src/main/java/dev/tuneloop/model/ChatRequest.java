package dev.tuneloop.model;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.internal.Sha256;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One chat-completion call: which model, the messages in order, the sampling settings and the tools offered.
 * {@link #toString()} shows the number of messages and tools, never their text.
 *
 * <p>A tool-calling exchange is a sequence of calls: the first offers {@link #tools()}; when the answer has
 * {@link ChatResponse#toolCalls() tool calls}, the host runs them and calls again with the assistant message carrying
 * the calls ({@link ChatMessage#assistant(String, List)}) and one {@link ChatMessage#toolResult tool message} per call
 * appended, until the answer is text.
 *
 * @param model       the provider's model id, e.g. {@code "gpt-4o-mini"} or {@code "ft:gpt-4o-mini:org::abc123"}; non-blank
 * @param messages    the conversation, oldest first; at least one
 * @param temperature sampling temperature, 0 to 2
 * @param maxTokens   the most tokens to generate; {@code null} for the provider's default, else {@code > 0}
 * @param tools       the tools the model may call; empty for none; never null
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        double temperature,
        @Nullable Integer maxTokens,
        List<ToolDefinition> tools) {
    /** The seed's evaluation temperature. */
    public static final double DEFAULT_TEMPERATURE = 0.3;

    /**
     * Checks every rule and copies the messages.
     *
     * @param model       the provider's model id; non-blank
     * @param messages    the conversation, oldest first; at least one, no null element; copied
     * @param temperature sampling temperature, 0 to 2
     * @param maxTokens   the most tokens to generate; {@code null} for the provider's default, else {@code > 0}
     * @param tools       the tools the model may call; null for none; no null element, names unique; copied
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
        if (tools != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < tools.size(); i++) {
                ToolDefinition t = tools.get(i);
                c.require(t != null, "tools[" + i + "] must not be null");
                if (t != null) {
                    c.require(!t.name().isBlank(), "tools[" + i + "].name must not be blank");
                    c.require(
                            names.add(t.name()),
                            "tools[" + i + "].name must be unique, but '" + t.name() + "' appears twice");
                }
            }
        }
        c.orThrow();
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /**
     * A request without tools (the form before tool calling).
     *
     * @param model       the provider's model id; non-blank
     * @param messages    the conversation, oldest first; at least one, no null element; copied
     * @param temperature sampling temperature, 0 to 2
     * @param maxTokens   the most tokens to generate; {@code null} for the provider's default, else {@code > 0}
     * @throws dev.tuneloop.errors.ValidationException naming every broken rule
     */
    public ChatRequest(String model, List<ChatMessage> messages, double temperature, @Nullable Integer maxTokens) {
        this(model, messages, temperature, maxTokens, List.of());
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
        return new ChatRequest(m, messages, temperature, maxTokens, tools);
    }

    /**
     * The same request at another temperature.
     *
     * @param t sampling temperature, 0 to 2
     * @return a new request
     * @throws dev.tuneloop.errors.ValidationException when {@code t} is out of range
     */
    public ChatRequest withTemperature(double t) {
        return new ChatRequest(model, messages, t, maxTokens, tools);
    }

    /**
     * The same request with another token limit.
     *
     * @param max the most tokens to generate; {@code null} for the provider's default, else {@code > 0}
     * @return a new request
     * @throws dev.tuneloop.errors.ValidationException when {@code max} is not positive
     */
    public ChatRequest withMaxTokens(@Nullable Integer max) {
        return new ChatRequest(model, messages, temperature, max, tools);
    }

    /**
     * The same request offering other tools.
     *
     * @param offered the tools the model may call; empty for none
     * @return a new request
     * @throws dev.tuneloop.errors.ValidationException when a tool is null or two share a name
     */
    public ChatRequest withTools(List<ToolDefinition> offered) {
        return new ChatRequest(model, messages, temperature, maxTokens, offered);
    }

    /**
     * The same request with more messages appended, e.g. the assistant message carrying tool calls and the tool
     * messages answering them.
     *
     * @param more the messages to append, in order
     * @return a new request
     * @throws dev.tuneloop.errors.ValidationException when a message is null
     */
    public ChatRequest withMessagesAppended(List<ChatMessage> more) {
        List<ChatMessage> all = new ArrayList<>(messages.size() + more.size());
        all.addAll(messages);
        all.addAll(more);
        return new ChatRequest(model, all, temperature, maxTokens, tools);
    }

    /**
     * A SHA-256 (hex) of everything but the model that decides the answer: the messages (role, text, tool calls and
     * the tool call id), the temperature, the token limit and the tools. Two requests with equal hashes ask the same
     * question the same way, so a completion cache keys on {@code (model, promptHash())}. Stable across JVMs and
     * versions of this library: a request without tool calls and tools hashes as it did before they existed.
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
            // only present parts are hashed, each behind a marker, so text-only requests keep their old hash
            for (ToolCall call : m.toolCalls()) {
                field(sha, "\u0000call");
                field(sha, call.id());
                field(sha, call.name());
                field(sha, call.arguments());
            }
            String callId = m.toolCallId();
            if (callId != null) {
                field(sha, "\u0000callId");
                field(sha, callId);
            }
        }
        for (ToolDefinition t : tools) {
            field(sha, "\u0000tool");
            field(sha, t.name());
            String d = t.description();
            field(sha, d == null ? "\u0000null" : d);
            field(sha, t.parameters());
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
                + ", maxTokens=" + maxTokens + (tools.isEmpty() ? "" : ", tools=" + tools.size()) + "]";
    }
}
