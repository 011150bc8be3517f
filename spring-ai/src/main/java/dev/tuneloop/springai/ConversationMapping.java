package dev.tuneloop.springai;

import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.util.MimeType;

/**
 * Maps one model call of Spring AI (the {@link Prompt} sent and the {@link ChatResponse} received) onto an
 * {@link Interaction.Builder}, the way {@link Interaction} describes: the message list is cut at its last user message;
 * system messages become the system prompt, what comes before the cut the prior turns, what comes after it (assistant
 * messages with tool calls, tool responses) the steps, and the response's text the answer. A user message with images
 * given by URL ({@code Media} with an {@code image/*} type) keeps its text and the image references as content parts
 * (the last one's are the {@code userMessageParts}); media given as bytes are not kept.
 *
 * <p>Only references are handed to the builder for the texts of the cut, the steps and the answer, so the rules are
 * checked on the recorder's worker. Prior turns that hold tool calls or tool results are built as {@link ChatMessage}s
 * here (the builder has no raw form for them), as are user messages with images, so their texts are checked on the
 * caller's thread.
 */
final class ConversationMapping {
    /** The response-context key under which Spring AI's {@code QuestionAnswerAdvisor} puts its documents. */
    static final String QA_RETRIEVED_DOCUMENTS = "qa_retrieved_documents";

    /** The context key under which Spring AI's {@code RetrievalAugmentationAdvisor} puts its documents. */
    static final String RAG_DOCUMENT_CONTEXT = "rag_document_context";

    private ConversationMapping() {}

    /** What a model call is, for recording. */
    enum Kind {
        /** A final answer: recorded. */
        ANSWER,
        /** The model called tools: the round that answers them is recorded, not this one. */
        TOOL_ROUND,
        /** Nothing to record: no user message in the prompt, or no generation in the response. */
        NOTHING
    }

    /**
     * What this call is.
     *
     * @param prompt what was sent
     * @param response what came back; null when nothing did
     * @return the kind
     */
    static Kind kind(Prompt prompt, @Nullable ChatResponse response) {
        if (response == null) {
            return Kind.NOTHING;
        }
        Generation result = response.getResult();
        if (result == null) {
            return Kind.NOTHING;
        }
        if (result.getOutput().hasToolCalls()) {
            return Kind.TOOL_ROUND;
        }
        return lastUserIndex(prompt.getInstructions()) < 0 ? Kind.NOTHING : Kind.ANSWER;
    }

    /**
     * Fills the builder with the conversation, the answer, the model, the token usage and the tools offered. Call only
     * when {@link #kind} is {@link Kind#ANSWER}.
     *
     * @param b the builder
     * @param prompt what was sent
     * @param response what came back
     */
    static void fill(Interaction.Builder b, Prompt prompt, ChatResponse response) {
        List<Message> messages = prompt.getInstructions();
        int cut = lastUserIndex(messages);
        StringBuilder system = null;
        boolean priorHasTools = false;
        for (int i = 0; i < cut; i++) {
            Message m = messages.get(i);
            if (m.getMessageType() == MessageType.TOOL
                    || (m instanceof AssistantMessage a && a.hasToolCalls())
                    || parts(m) != null) {
                priorHasTools = true; // the builder takes these turns only as ChatMessages
            }
        }
        List<ChatMessage> built = priorHasTools ? new ArrayList<>(cut) : null;
        for (int i = 0; i < cut; i++) {
            Message m = messages.get(i);
            switch (m.getMessageType()) {
                case SYSTEM -> {
                    if (system == null) {
                        system = new StringBuilder(text(m));
                    } else {
                        system.append("\n\n").append(text(m));
                    }
                }
                case USER -> {
                    if (built != null) {
                        List<ContentPart> parts = parts(m);
                        built.add(parts == null ? ChatMessage.user(text(m)) : ChatMessage.ofParts(Role.USER, parts));
                    } else {
                        b.addPriorTurn(Role.USER, m.getText());
                    }
                }
                case ASSISTANT -> {
                    if (built != null) {
                        built.add(ChatMessage.assistant(text(m), toolCalls(m)));
                    } else {
                        b.addPriorTurn(Role.ASSISTANT, m.getText());
                    }
                }
                case TOOL -> {
                    if (built != null && m instanceof ToolResponseMessage t) {
                        for (ToolResponseMessage.ToolResponse r : t.getResponses()) {
                            built.add(ChatMessage.toolResult(r.id(), r.responseData()));
                        }
                    }
                }
            }
        }
        if (built != null) {
            b.priorTurns(built);
        }
        // system messages after the cut (rare) join the system prompt too
        for (int i = cut + 1; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m.getMessageType()) {
                case SYSTEM ->
                    system = system == null
                            ? new StringBuilder(text(m))
                            : system.append("\n\n").append(text(m));
                case ASSISTANT -> b.addToolCalls(m.getText(), toolCalls(m));
                case TOOL -> {
                    if (m instanceof ToolResponseMessage t) {
                        for (ToolResponseMessage.ToolResponse r : t.getResponses()) {
                            b.addToolResult(r.id(), r.responseData());
                        }
                    }
                }
                case USER -> {
                    // not reached: the cut is the last user message
                }
            }
        }
        if (system != null) {
            b.systemPrompt(system.toString());
        }
        List<ContentPart> parts = parts(messages.get(cut));
        if (parts == null) {
            b.userMessage(messages.get(cut).getText());
        } else {
            b.userMessageParts(parts); // joined and checked on the recorder's worker
        }
        Generation result = response.getResult();
        b.assistantResponse(result == null ? null : result.getOutput().getText());
        b.modelUsed(model(prompt, response));
        ChatResponseMetadata metadata = response.getMetadata();
        Usage usage = metadata.getUsage();
        if (usage != null) {
            b.tokens(nonNegative(usage.getPromptTokens()), nonNegative(usage.getCompletionTokens()));
        }
        if (prompt.getOptions() instanceof ToolCallingChatOptions tools) {
            List<ToolCallback> callbacks = tools.getToolCallbacks();
            if (callbacks != null) {
                for (ToolCallback c : callbacks) {
                    org.springframework.ai.tool.definition.ToolDefinition d = c.getToolDefinition();
                    b.addTool(new ToolDefinition(d.name(), d.description(), d.inputSchema()));
                }
            }
        }
    }

    /**
     * Adds the documents a RAG advisor put into a context, under either advisor's key.
     *
     * @param b the builder
     * @param context a request's or a response's context
     */
    static void documents(Interaction.Builder b, Map<String, ?> context) {
        addDocuments(b, context.get(QA_RETRIEVED_DOCUMENTS));
        addDocuments(b, context.get(RAG_DOCUMENT_CONTEXT));
    }

    private static void addDocuments(Interaction.Builder b, @Nullable Object value) {
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Document d) {
                    Object source = d.getMetadata().get("source");
                    String text = d.getText();
                    b.addRetrievedDocument(d.getId(), source instanceof String s ? s : null, text == null ? "" : text);
                }
            }
        }
    }

    /**
     * The model that answered: the response's model, else the model the request asked for.
     *
     * @param prompt what was sent
     * @param response what came back
     * @return the model; null when neither names one (the recorder then rejects and counts the interaction)
     */
    static @Nullable String model(Prompt prompt, ChatResponse response) {
        String model = response.getMetadata().getModel();
        if (model != null && !model.isEmpty()) {
            return model;
        }
        ChatOptions options = prompt.getOptions();
        return options == null ? null : options.getModel();
    }

    private static int lastUserIndex(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).getMessageType() == MessageType.USER) {
                return i;
            }
        }
        return -1;
    }

    private static List<ToolCall> toolCalls(Message m) {
        if (!(m instanceof AssistantMessage a) || !a.hasToolCalls()) {
            return List.of();
        }
        List<AssistantMessage.ToolCall> calls = a.getToolCalls();
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (AssistantMessage.ToolCall c : calls) {
            out.add(new ToolCall(c.id(), c.name(), c.arguments()));
        }
        return out;
    }

    /**
     * A user message's text and its images given by URL, as parts (the text first, then the images in order, as
     * Spring AI's OpenAI client sends them); null when it has no such image (its text is then the message). Media
     * given as bytes or a {@code data:} URL, and media other than images, are not kept.
     */
    private static @Nullable List<ContentPart> parts(Message m) {
        if (!(m instanceof UserMessage u) || u.getMedia().isEmpty()) {
            return null;
        }
        List<ContentPart> parts = new ArrayList<>(1 + u.getMedia().size());
        String text = u.getText();
        if (text != null && !text.isEmpty()) {
            parts.add(ContentPart.text(text));
        }
        boolean image = false;
        for (Media media : u.getMedia()) {
            Object data = media.getData();
            MimeType type = media.getMimeType();
            if ((data instanceof String || data instanceof java.net.URI || data instanceof java.net.URL)
                    && "image".equals(type.getType())) {
                String url = data.toString();
                if (!url.regionMatches(true, 0, "data:", 0, 5)) {
                    parts.add(ContentPart.imageUrl(url, type.getType() + "/" + type.getSubtype()));
                    image = true;
                }
            }
        }
        return image ? parts : null;
    }

    private static String text(Message m) {
        String t = m.getText();
        return t == null ? "" : t;
    }

    private static int nonNegative(@Nullable Integer n) {
        return n == null || n < 0 ? 0 : n;
    }
}
