package dev.tuneloop.testsupport;

import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random tool-calling conversations from a seed: prior turns with tool calls and results, rounds of (parallel) tool
 * calls each answered by tool messages, declared tools with and without descriptions, any valid Unicode (astral code
 * points, combining marks, RTL, emoji, JSON-significant characters), empty optional parts, and multi-part user turns
 * (text and image references), the final user message included.
 */
public final class Conversations {
    private static final String[] PIECES = {
        "NVDA",
        "10-Q",
        "€1,4 Mrd.",
        "株式報酬",
        "مليار",
        "e\u0301",
        "\uD83D\uDCC8",
        "\"quoted\"",
        "back\\slash",
        "\n",
        "\t",
        "{\"nested\":[1,2]}",
        " ",
        "ß",
        "\u200B",
        "\uD834\uDD1E",
        "</script>",
        "ticker"
    };

    private Conversations() {}

    /**
     * A random text of 0 to {@code max} pieces.
     *
     * @param random the source
     * @param max the most pieces
     * @return the text; may be empty
     */
    public static String text(Random random, int max) {
        int n = random.nextInt(max + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static String nonBlank(Random random, int max) {
        return "x" + text(random, max);
    }

    private static String json(Random random) {
        // valid JSON whose string values are random Unicode
        return "{\"ticker\":" + quote(text(random, 3)) + ",\"form\":\"10-Q\",\"n\":" + random.nextInt(100) + "}";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * A random interaction with tool calls (sometimes none), valid by every rule.
     *
     * @param random the source
     * @param createdAt when it happened
     * @return the interaction
     */
    public static Interaction interaction(Random random, Instant createdAt) {
        return interaction(random, createdAt, true);
    }

    /**
     * A random interaction with tool calls (sometimes none), valid by every rule.
     *
     * @param random the source
     * @param createdAt when it happened
     * @param emptyTexts whether message texts may be empty (a fine-tuning file needs non-empty ones)
     * @return the interaction
     */
    public static Interaction interaction(Random random, Instant createdAt, boolean emptyTexts) {
        java.util.function.IntFunction<String> msg = max -> emptyTexts ? text(random, max) : nonBlank(random, max);
        int toolCount = random.nextInt(4);
        List<ToolDefinition> tools = new ArrayList<>();
        for (int t = 0; t < toolCount; t++) {
            tools.add(new ToolDefinition(
                    "tool_" + t,
                    random.nextBoolean() ? null : text(random, 4),
                    "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"}}}"));
        }
        int[] callIds = {0};
        List<ChatMessage> prior = new ArrayList<>();
        for (int k = random.nextInt(3); k > 0; k--) {
            prior.add(
                    random.nextInt(3) == 0
                            ? multiPart(random, emptyTexts, msg)
                            : new ChatMessage(Role.USER, msg.apply(5)));
            if (toolCount > 0 && random.nextBoolean()) {
                prior.addAll(round(random, toolCount, callIds, msg));
            }
            prior.add(new ChatMessage(Role.ASSISTANT, msg.apply(5)));
        }
        List<ChatMessage> steps = new ArrayList<>();
        if (toolCount > 0) {
            for (int r = random.nextInt(3); r > 0; r--) {
                steps.addAll(round(random, toolCount, callIds, msg));
            }
        }
        Interaction.Builder b = Interaction.builder()
                .id(InteractionId.next())
                .createdAt(createdAt)
                .userId(nonBlank(random, 2))
                .sessionId(random.nextBoolean() ? null : nonBlank(random, 2))
                .systemPrompt(random.nextBoolean() ? null : msg.apply(6))
                .userMessage(nonBlank(random, 6))
                .assistantResponse(nonBlank(random, 8))
                .modelUsed("gpt-4o-mini")
                .priorTurns(prior)
                .steps(steps)
                .tools(tools);
        if (random.nextInt(3) == 0) {
            // a multi-part final user message: the parts of a prior turn plus one non-blank text, somewhere
            List<ContentPart> parts =
                    new ArrayList<>(multiPart(random, emptyTexts, msg).parts());
            parts.add(random.nextInt(parts.size() + 1), ContentPart.text(nonBlank(random, 6)));
            b.userMessageParts(parts);
        }
        if (random.nextBoolean()) {
            b.addRetrievedDocument(
                    "doc-" + random.nextInt(9), random.nextBoolean() ? null : text(random, 2), text(random, 6));
        }
        if (random.nextBoolean()) {
            b.putMetadata("feature", nonBlank(random, 2));
        }
        return b.build();
    }

    /**
     * A user message with content parts: 1-2 texts and 1-2 images by URL (media type or none); with {@code emptyTexts}
     * (store round trips) also images by file id, which a fine-tuning file cannot carry.
     */
    private static ChatMessage multiPart(
            Random random, boolean emptyTexts, java.util.function.IntFunction<String> msg) {
        List<ContentPart> parts = new ArrayList<>();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            int kind = random.nextInt(emptyTexts ? 3 : 2);
            String mediaType = random.nextBoolean() ? null : "image/png";
            parts.add(
                    kind == 0
                            ? ContentPart.text(msg.apply(4))
                            : kind == 1
                                    ? ContentPart.imageUrl("https://img.example/" + nonBlank(random, 2), mediaType)
                                    : ContentPart.imageFile("file-" + nonBlank(random, 2), mediaType));
        }
        return ChatMessage.ofParts(Role.USER, parts);
    }

    /** One assistant message with 1-3 (parallel) calls, then one tool message per call, in a random order. */
    private static List<ChatMessage> round(
            Random random, int toolCount, int[] callIds, java.util.function.IntFunction<String> msg) {
        int calls = 1 + random.nextInt(3);
        List<ToolCall> made = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            made.add(new ToolCall("call_" + callIds[0]++, "tool_" + random.nextInt(toolCount), json(random)));
        }
        List<ChatMessage> out = new ArrayList<>();
        out.add(ChatMessage.assistant(random.nextBoolean() ? "" : text(random, 3), made));
        List<ToolCall> answerOrder = new ArrayList<>(made);
        java.util.Collections.shuffle(answerOrder, random);
        for (ToolCall call : answerOrder) {
            out.add(ChatMessage.toolResult(call.id(), msg.apply(5)));
        }
        return out;
    }
}
