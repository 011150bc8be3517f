package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation: a prior turn of a multi-turn chat, a step of a tool-calling exchange, or a message
 * sent to a {@code ChatModel}.
 *
 * <p>The roles follow chat-completion APIs. An {@link Role#ASSISTANT} message has text, {@link #toolCalls() tool
 * calls}, or both (several calls are parallel calls); a {@link Role#TOOL} message is the result of one call and
 * names it in {@link #toolCallId()}. How other frameworks' messages map onto this one:
 * <ul>
 *   <li>OpenAI chat completions: {@code role}, {@code content} (a string, or the text parts joined), {@code tool_calls}
 *       and {@code tool_call_id} map one to one.</li>
 *   <li>LangChain4j: {@code SystemMessage} and {@code UserMessage} by role (user text parts joined; with an image
 *       given by URL, the text and image parts kept as {@link #parts()});
 *       {@code AiMessage} is an assistant message, its {@code toolExecutionRequests()} the tool calls
 *       ({@code id}, {@code name}, {@code arguments}); {@code ToolExecutionResultMessage} is a tool message
 *       ({@code id()} is the tool call id, {@code text()} the content).</li>
 *   <li>Spring AI: {@code AssistantMessage.getToolCalls()} are the tool calls; a {@code ToolResponseMessage} becomes
 *       one tool message per {@code ToolResponse} ({@code id}, {@code responseData}).</li>
 *   <li>OpenTelemetry GenAI semantic conventions: a {@code tool_call} part is a {@link ToolCall}, a
 *       {@code tool_call_response} part a tool message.</li>
 * </ul>
 * A message whose provider gave its content as parts keeps them in {@link #parts()}: text parts, and image parts as
 * references (URL or provider file id, with the media type), never bytes; its {@link #content()} is then the text parts
 * joined by a newline ({@link ContentPart#joinedText}), so code that reads text keeps working. Audio parts are not
 * kept.
 *
 * <p>{@link #toString()} shows sizes, never the text.
 *
 * @param role       the role; required
 * @param content    the text; required, may be empty (an assistant message with only tool calls has none), at most
 *                   {@link Limits#DEFAULT_MAX_TEXT_BYTES} UTF-8 bytes
 * @param toolCalls  the tool calls of an assistant message, in order; empty for other roles; never null
 * @param toolCallId the id of the tool call a tool message answers; null for other roles (an interaction's
 *                   {@link Interaction#steps() steps} require it on tool messages; a lone tool message may lack it)
 * @param parts      the content as parts, in order, when the provider gave parts; empty for a plain text message;
 *                   never null
 */
public record ChatMessage(
        Role role,
        String content,
        List<ToolCall> toolCalls,
        @Nullable String toolCallId,
        List<ContentPart> parts) {
    /** Maximum number of {@link #parts()} of one message. */
    public static final int MAX_PARTS = 64;

    /**
     * Checks the message.
     *
     * @param role       the role; required
     * @param content    the text; required, may be empty
     * @param toolCalls  the tool calls of an assistant message; null for none
     * @param toolCallId the call a tool message answers; null for other roles
     * @param parts      the content parts; null or empty for a plain text message
     * @throws NullPointerException when {@code role} is null
     * @throws dev.tuneloop.errors.ValidationException when the content is null, too large or not valid Unicode, when
     *     a message other than an assistant one has tool calls, a message other than a tool one has a tool call id,
     *     or the content is not the text parts joined by a newline
     */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        parts = parts == null ? List.of() : List.copyOf(parts);
        Checks c = Checks.start()
                .text("message.content", content, false, Limits.DEFAULT_MAX_TEXT_BYTES)
                .require(content != null, "message.content is required, but was null");
        // messages built only when broken: a valid message allocates nothing here
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            c.add("message.toolCalls must be empty for a " + role.wireName() + " message");
        }
        if (toolCallId != null && role != Role.TOOL) {
            c.add("message.toolCallId must be null for a " + role.wireName() + " message");
        }
        if (!parts.isEmpty()) {
            if (parts.size() > MAX_PARTS) {
                c.add("message.parts must have at most " + MAX_PARTS + " parts, but has " + parts.size());
            }
            for (ContentPart p : parts) {
                c.text("message.parts.url", p.url(), false, Limits.DEFAULT_MAX_TEXT_BYTES);
                c.text("message.parts.fileId", p.fileId(), false, Limits.DEFAULT_MAX_TEXT_BYTES);
                c.text("message.parts.mediaType", p.mediaType(), false, Limits.DEFAULT_MAX_TEXT_BYTES);
            }
            if (content != null && !content.equals(ContentPart.joinedText(parts))) {
                c.add("message.content must be the text parts joined by a newline when parts are given");
            }
        }
        c.orThrow();
    }

    /**
     * A message without content parts.
     *
     * @param role       the role; required
     * @param content    the text; required, may be empty
     * @param toolCalls  the tool calls of an assistant message; null for none
     * @param toolCallId the call a tool message answers; null for other roles
     * @throws NullPointerException when {@code role} is null
     * @throws dev.tuneloop.errors.ValidationException when the content is null, too large or not valid Unicode, when
     *     a message other than an assistant one has tool calls, or a message other than a tool one has a tool call id
     */
    public ChatMessage(Role role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {
        this(role, content, toolCalls, toolCallId, List.of());
    }

    /**
     * A message whose content is given as parts (e.g. a user's text and an image); its {@link #content()} is the text
     * parts joined by a newline.
     *
     * @param role  the role
     * @param parts the parts, in order; at least one
     * @return the message
     * @throws NullPointerException when {@code role} or {@code parts} is null
     * @throws dev.tuneloop.errors.ValidationException when there are no parts, too many, or the text is too large or
     *     not valid Unicode
     */
    public static ChatMessage ofParts(Role role, List<ContentPart> parts) {
        if (parts.isEmpty()) {
            throw new dev.tuneloop.errors.ValidationException(
                    "message.parts must not be empty for a multi-part message");
        }
        return new ChatMessage(role, ContentPart.joinedText(parts), List.of(), null, parts);
    }

    /**
     * Whether the content came as parts.
     *
     * @return {@code true} when {@link #parts()} is not empty
     */
    public boolean hasParts() {
        return !parts.isEmpty();
    }

    /**
     * A message with text only.
     *
     * @param role    the role
     * @param content the text
     * @throws NullPointerException when {@code role} is null
     * @throws dev.tuneloop.errors.ValidationException when the content is too large or not valid Unicode
     */
    public ChatMessage(Role role, String content) {
        this(role, content, List.of(), null);
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

    /**
     * An assistant message that calls tools (several calls are parallel calls), with optional text.
     *
     * @param content the model's text before the calls; empty for none
     * @param calls the calls, in order
     * @return the message
     * @throws dev.tuneloop.errors.ValidationException when the content is too large or not valid Unicode
     */
    public static ChatMessage assistant(String content, List<ToolCall> calls) {
        return new ChatMessage(Role.ASSISTANT, content, calls, null);
    }

    /**
     * A tool message: the result of one tool call, given back to the model.
     *
     * @param toolCallId the id of the call it answers
     * @param content the result, as given to the model
     * @return the message
     * @throws NullPointerException when {@code toolCallId} is null
     * @throws dev.tuneloop.errors.ValidationException when the content is too large or not valid Unicode
     */
    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage(Role.TOOL, content, List.of(), Objects.requireNonNull(toolCallId, "toolCallId"));
    }

    @Override
    public String toString() {
        return "ChatMessage[role=" + role + ", chars=" + content.length()
                + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls.size())
                + (toolCallId == null ? "" : ", toolCallId=" + toolCallId)
                + (parts.isEmpty() ? "" : ", parts=" + parts.size()) + "]";
    }
}
