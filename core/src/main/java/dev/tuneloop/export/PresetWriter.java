package dev.tuneloop.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes one line of a TRL or Gemini preset from a conversation, byte for byte as {@link JsonlExporter} writes it
 * (compact JSON, keys in the documented order, no trailing newline). The exporter uses the same code; these methods
 * are for callers with conversations of their own (test fixtures, data from elsewhere). Texts are written as given:
 * redaction is the exporter's. Each line is accepted by {@link JsonlValidator} built for its
 * {@link ExportFormat}. Stateless and thread-safe.
 *
 * <pre>{@code
 * PresetWriter.Conversation c = new PresetWriter.Conversation(
 *         "You are a helpful assistant.", List.of(new PresetWriter.Turn(Role.USER, "What is 2 + 2?")));
 * String line = PresetWriter.geminiSft(c, "4");
 * // {"systemInstruction":{"parts":[{"text":"You are a helpful assistant."}]},"contents":[{"role":"user",
 * //  "parts":[{"text":"What is 2 + 2?"}]},{"role":"model","parts":[{"text":"4"}]}]}
 * }</pre>
 */
public final class PresetWriter {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final ObjectMapper TREES = new ObjectMapper();

    private PresetWriter() {}

    /**
     * One turn of a conversation before the answer, or one step of a tool-calling exchange.
     *
     * @param role      the speaker: TRL writes system and developer as {@code system}; Gemini writes assistant turns
     *                  as {@code model} and every other turn as {@code user}
     * @param text      the turn's text (may be empty for an assistant turn that only calls tools)
     * @param toolCalls the tools an assistant turn calls, in order; empty for none. TRL writes each as
     *                  {@code {"type":"function","function":{"name":…,"arguments":{…}}}} with the arguments as a JSON
     *                  object (arguments that are not JSON object text are written as a string, which the validator
     *                  reports)
     * @param toolName  for a {@link Role#TOOL} turn, the name of the tool whose result it is; null otherwise
     */
    public record Turn(
            Role role,
            String text,
            List<ToolCall> toolCalls,
            @Nullable String toolName) {
        /**
         * Checks the parts and copies the calls.
         *
         * @param role      the speaker
         * @param text      the text
         * @param toolCalls the tools called; empty for none
         * @param toolName  the answered tool's name for a tool turn, or null
         * @throws NullPointerException when a part other than {@code toolName} is null
         */
        public Turn {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
            toolCalls = List.copyOf(toolCalls);
        }

        /**
         * A turn without tool calls.
         *
         * @param role the speaker
         * @param text the text
         * @throws NullPointerException when a part is null
         */
        public Turn(Role role, String text) {
            this(role, text, List.of(), null);
        }

        /** Whether this turn calls tools or answers a call. */
        boolean isToolExchange() {
            return !toolCalls.isEmpty() || toolName != null || role == Role.TOOL;
        }
    }

    /**
     * The prompt side of an example: the system prompt and the turns up to the user's last message.
     *
     * @param system the system prompt, or null (or empty) for none; Gemini then has no system instruction
     * @param turns  the turns, oldest first, ending with the user's message; not empty
     */
    public record Conversation(@Nullable String system, List<Turn> turns) {
        /**
         * Copies the turns.
         *
         * @param system the system prompt, or null for none
         * @param turns  the turns, oldest first; not empty
         * @throws NullPointerException when {@code turns} is or holds null
         * @throws IllegalArgumentException when {@code turns} is empty
         */
        public Conversation {
            turns = List.copyOf(turns);
            if (turns.isEmpty()) {
                throw new IllegalArgumentException("turns must not be empty");
            }
        }
    }

    /**
     * A {@link ExportFormat#TRL_SFT} line.
     *
     * @param c         the prompt side
     * @param answer    the gold answer (the completion)
     * @param exampleId the lineage id for the {@value ExportFormat#EXAMPLE_ID_COLUMN} column, or null for none
     * @return the line, without newline
     */
    public static String trlSft(Conversation c, String answer, @Nullable String exampleId) {
        return line(g -> trlSft(g, c, answer, exampleId));
    }

    /**
     * A {@link ExportFormat#TRL_SFT} line of a tool-calling example, in TRL's conversational tool-calling shape: the
     * {@code completion} holds the steps (assistant messages with {@code tool_calls}, role "tool" messages with the
     * tool's {@code name} and result) and then the gold answer, and a {@code tools} column lists the tools offered as
     * {@code {"type":"function","function":{name, description, parameters}}}. With no steps and no tools it is the
     * plain line of {@link #trlSft(Conversation, String, String)}.
     *
     * @param c         the prompt side (prior turns may hold tool calls and results)
     * @param steps     the tool-calling exchange between the user's message and the answer, oldest first
     * @param answer    the gold answer (the completion's last message)
     * @param tools     the tools offered to the model; empty for none
     * @param exampleId the lineage id, or null for none
     * @return the line, without newline
     */
    public static String trlSft(
            Conversation c, List<Turn> steps, String answer, List<ToolDefinition> tools, @Nullable String exampleId) {
        return line(g -> trlSft(g, c, steps, answer, tools, exampleId));
    }

    /**
     * A {@link ExportFormat#TRL_DPO} line.
     *
     * @param c         the prompt side
     * @param chosen    the preferred answer
     * @param rejected  the rejected answer
     * @param exampleId the lineage id, or null for none
     * @return the line, without newline
     */
    public static String trlDpo(Conversation c, String chosen, String rejected, @Nullable String exampleId) {
        return line(g -> trlDpo(g, c, chosen, rejected, exampleId));
    }

    /**
     * A {@link ExportFormat#TRL_KTO} line.
     *
     * @param c          the prompt side
     * @param completion the answer
     * @param desirable  the label: true for a good answer, false for a bad one
     * @param exampleId  the lineage id, or null for none
     * @return the line, without newline
     */
    public static String trlKto(Conversation c, String completion, boolean desirable, @Nullable String exampleId) {
        return line(g -> trlKto(g, c, completion, desirable, exampleId));
    }

    /**
     * A {@link ExportFormat#GEMINI_SFT} line (Vertex AI supervised tuning).
     *
     * @param c      the prompt side
     * @param answer the gold answer (the last {@code model} turn)
     * @return the line, without newline
     */
    public static String geminiSft(Conversation c, String answer) {
        return line(g -> geminiSft(g, c, answer));
    }

    /**
     * A {@link ExportFormat#GEMINI_SFT} line of a tool-calling example, in Vertex AI's supervised-tuning shape for
     * function calling: an assistant turn that calls tools becomes a {@code model} turn with its text (when not empty)
     * and one {@code {"functionCall":{"name":…,"args":{…}}}} part per call; the results that follow it become one
     * {@code user} turn with one {@code {"functionResponse":{"name":…,"response":{…}}}} part per result, in order; a
     * top-level {@code tools} holds {@code [{"functionDeclarations":[{name, description, parameters}]}]}. A result
     * that is not JSON object text is wrapped as {@code {"content": text}}; arguments that are not JSON object text
     * are written as a string, which the validator reports. With no steps and no tools it is the plain line of
     * {@link #geminiSft(Conversation, String)}.
     *
     * @param c      the prompt side (prior turns may hold tool calls and results)
     * @param steps  the tool-calling exchange between the user's message and the answer, oldest first
     * @param answer the gold answer (the last {@code model} turn)
     * @param tools  the tools offered to the model; empty for none
     * @return the line, without newline
     */
    public static String geminiSft(Conversation c, List<Turn> steps, String answer, List<ToolDefinition> tools) {
        return line(g -> geminiSft(g, c, steps, answer, tools));
    }

    /**
     * A {@link ExportFormat#GEMINI_PREFERENCE} line (Vertex AI preference tuning).
     *
     * @param c            the prompt side
     * @param preferred    the completion scored 1
     * @param dispreferred the completion scored 0
     * @return the line, without newline
     */
    public static String geminiPreference(Conversation c, String preferred, String dispreferred) {
        return line(g -> geminiPreference(g, c, preferred, dispreferred));
    }

    /**
     * A {@link ExportFormat#CHAT_PREFERENCE} line: the prompt as {@code messages}, the answers as single assistant
     * message objects (Axolotl's DPO {@code chat_template.default}, LLaMA-Factory's sharegpt {@code ranking}).
     *
     * @param c         the prompt side
     * @param chosen    the preferred answer
     * @param rejected  the rejected answer
     * @param exampleId the lineage id for the {@value ExportFormat#EXAMPLE_ID_COLUMN} column, or null for none
     * @return the line, without newline
     */
    public static String chatPreference(Conversation c, String chosen, String rejected, @Nullable String exampleId) {
        return line(g -> chatPreference(g, c, chosen, rejected, exampleId));
    }

    /**
     * A {@link ExportFormat#CHAT_KTO} line: the conversation with the answer as its last message, and the label
     * (LLaMA-Factory's sharegpt KTO layout).
     *
     * @param c          the prompt side
     * @param completion the answer (the last message, an assistant message)
     * @param desirable  the label: true for a good answer, false for a bad one
     * @param exampleId  the lineage id for the {@value ExportFormat#EXAMPLE_ID_COLUMN} column, or null for none
     * @return the line, without newline
     */
    public static String chatKto(Conversation c, String completion, boolean desirable, @Nullable String exampleId) {
        return line(g -> chatKto(g, c, completion, desirable, exampleId));
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String line(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    // ---- the writers the exporter shares

    static void trlSft(JsonGenerator g, Conversation c, String answer, @Nullable String id) throws IOException {
        trlSft(g, c, List.of(), answer, List.of(), id);
    }

    static void trlSft(
            JsonGenerator g,
            Conversation c,
            List<Turn> steps,
            String answer,
            List<ToolDefinition> tools,
            @Nullable String id)
            throws IOException {
        g.writeStartObject();
        trlPrompt(g, c);
        g.writeArrayFieldStart("completion");
        for (Turn step : steps) {
            trlTurn(g, step);
        }
        trlMessage(g, "assistant", answer);
        g.writeEndArray();
        if (!tools.isEmpty()) {
            trlTools(g, tools);
        }
        exampleId(g, id);
        g.writeEndObject();
    }

    /** TRL's (and transformers') {@code tools}: {@code [{"type":"function","function":{name, description, parameters}}]}. */
    private static void trlTools(JsonGenerator g, List<ToolDefinition> tools) throws IOException {
        g.writeArrayFieldStart("tools");
        for (ToolDefinition t : tools) {
            g.writeStartObject();
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", t.name());
            if (t.description() != null) {
                g.writeStringField("description", t.description());
            }
            g.writeFieldName("parameters");
            jsonObject(g, t.parameters());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A message of a TRL conversation: plain, an assistant message with tool calls, or a tool's result. */
    private static void trlTurn(JsonGenerator g, Turn t) throws IOException {
        if (!t.isToolExchange()) {
            trlMessage(g, trlRole(t.role()), t.text());
            return;
        }
        g.writeStartObject();
        g.writeStringField("role", trlRole(t.role()));
        String name = t.toolName();
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (!t.text().isEmpty() || t.toolCalls().isEmpty()) {
            g.writeStringField("content", t.text());
        }
        if (!t.toolCalls().isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (ToolCall call : t.toolCalls()) {
                g.writeStartObject();
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", call.name());
                g.writeFieldName("arguments");
                jsonObject(g, call.arguments());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Writes JSON object text as the object; any other text as a string (the validator reports it). */
    private static void jsonObject(JsonGenerator g, String text) throws IOException {
        JsonNode n = parseObject(text);
        if (n == null) {
            g.writeString(text);
        } else {
            TREES.writeTree(g, n);
        }
    }

    /** JSON object text as a tree, or null when it is not a JSON object. */
    static @Nullable JsonNode parseObject(String text) {
        try {
            JsonNode n = TREES.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    static void trlDpo(JsonGenerator g, Conversation c, String chosen, String rejected, @Nullable String id)
            throws IOException {
        g.writeStartObject();
        trlPrompt(g, c);
        g.writeArrayFieldStart("chosen");
        trlMessage(g, "assistant", chosen);
        g.writeEndArray();
        g.writeArrayFieldStart("rejected");
        trlMessage(g, "assistant", rejected);
        g.writeEndArray();
        exampleId(g, id);
        g.writeEndObject();
    }

    static void trlKto(JsonGenerator g, Conversation c, String completion, boolean label, @Nullable String id)
            throws IOException {
        g.writeStartObject();
        trlPrompt(g, c);
        g.writeArrayFieldStart("completion");
        trlMessage(g, "assistant", completion);
        g.writeEndArray();
        g.writeBooleanField("label", label);
        exampleId(g, id);
        g.writeEndObject();
    }

    static void chatPreference(JsonGenerator g, Conversation c, String chosen, String rejected, @Nullable String id)
            throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("messages");
        chatTurns(g, c);
        g.writeEndArray();
        g.writeFieldName("chosen");
        trlMessage(g, "assistant", chosen);
        g.writeFieldName("rejected");
        trlMessage(g, "assistant", rejected);
        exampleId(g, id);
        g.writeEndObject();
    }

    /** The system prompt (when there is one) and the turns, as the CHAT_* presets' {@code messages}. */
    private static void chatTurns(JsonGenerator g, Conversation c) throws IOException {
        String system = c.system();
        if (system != null && !system.isEmpty()) {
            trlMessage(g, "system", system);
        }
        for (Turn t : c.turns()) {
            trlMessage(g, trlRole(t.role()), t.text());
        }
    }

    static void chatKto(JsonGenerator g, Conversation c, String completion, boolean label, @Nullable String id)
            throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("messages");
        chatTurns(g, c);
        trlMessage(g, "assistant", completion);
        g.writeEndArray();
        g.writeBooleanField("label", label);
        exampleId(g, id);
        g.writeEndObject();
    }

    /** A KTO line of either KTO preset. */
    static void kto(
            JsonGenerator g, ExportFormat f, Conversation c, String completion, boolean label, @Nullable String id)
            throws IOException {
        if (f == ExportFormat.CHAT_KTO) {
            chatKto(g, c, completion, label, id);
        } else {
            trlKto(g, c, completion, label, id);
        }
    }

    static void geminiSft(JsonGenerator g, Conversation c, String answer) throws IOException {
        geminiSft(g, c, List.of(), answer, List.of());
    }

    static void geminiSft(JsonGenerator g, Conversation c, List<Turn> steps, String answer, List<ToolDefinition> tools)
            throws IOException {
        g.writeStartObject();
        geminiSystem(g, "systemInstruction", c.system());
        g.writeArrayFieldStart("contents");
        List<Turn> all = new ArrayList<>(c.turns().size() + steps.size());
        all.addAll(c.turns());
        all.addAll(steps);
        geminiExchange(g, all);
        geminiContent(g, "model", answer);
        g.writeEndArray();
        if (!tools.isEmpty()) {
            g.writeArrayFieldStart("tools");
            g.writeStartObject();
            g.writeArrayFieldStart("functionDeclarations");
            for (ToolDefinition t : tools) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                if (t.description() != null) {
                    g.writeStringField("description", t.description());
                }
                g.writeFieldName("parameters");
                jsonObject(g, t.parameters());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * Gemini turns with their tool exchange: calls as {@code functionCall} parts of the model turn, consecutive tool
     * results as the {@code functionResponse} parts of one user turn.
     */
    private static void geminiExchange(JsonGenerator g, List<Turn> turns) throws IOException {
        boolean inResults = false;
        for (Turn t : turns) {
            boolean result = t.role() == Role.TOOL || t.toolName() != null;
            if (inResults && !result) {
                g.writeEndArray();
                g.writeEndObject();
                inResults = false;
            }
            if (result) {
                if (!inResults) {
                    g.writeStartObject();
                    g.writeStringField("role", "user");
                    g.writeArrayFieldStart("parts");
                    inResults = true;
                }
                String name = t.toolName();
                g.writeStartObject();
                g.writeObjectFieldStart("functionResponse");
                g.writeStringField("name", name == null ? "" : name);
                g.writeFieldName("response");
                JsonNode n = parseObject(t.text());
                if (n == null) {
                    g.writeStartObject();
                    g.writeStringField("content", t.text());
                    g.writeEndObject();
                } else {
                    TREES.writeTree(g, n);
                }
                g.writeEndObject();
                g.writeEndObject();
            } else if (!t.toolCalls().isEmpty()) {
                g.writeStartObject();
                g.writeStringField("role", "model");
                g.writeArrayFieldStart("parts");
                if (!t.text().isEmpty()) {
                    g.writeStartObject();
                    g.writeStringField("text", t.text());
                    g.writeEndObject();
                }
                for (ToolCall call : t.toolCalls()) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("functionCall");
                    g.writeStringField("name", call.name());
                    g.writeFieldName("args");
                    jsonObject(g, call.arguments());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } else {
                geminiContent(g, t.role() == Role.ASSISTANT ? "model" : "user", t.text());
            }
        }
        if (inResults) {
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    static void geminiPreference(JsonGenerator g, Conversation c, String preferred, String dispreferred)
            throws IOException {
        g.writeStartObject();
        geminiSystem(g, "system_instruction", c.system());
        g.writeArrayFieldStart("contents");
        geminiTurns(g, c);
        g.writeEndArray();
        g.writeArrayFieldStart("completions");
        scored(g, 1, preferred);
        scored(g, 0, dispreferred);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void trlPrompt(JsonGenerator g, Conversation c) throws IOException {
        g.writeArrayFieldStart("prompt");
        String system = c.system();
        if (system != null && !system.isEmpty()) {
            trlMessage(g, "system", system);
        }
        for (Turn t : c.turns()) {
            trlTurn(g, t);
        }
        g.writeEndArray();
    }

    static String trlRole(Role role) {
        return switch (role) {
            case SYSTEM, DEVELOPER -> "system";
            case USER -> "user";
            case ASSISTANT -> "assistant";
            case TOOL -> "tool";
        };
    }

    private static void trlMessage(JsonGenerator g, String role, String content) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", role);
        g.writeStringField("content", content);
        g.writeEndObject();
    }

    private static void exampleId(JsonGenerator g, @Nullable String id) throws IOException {
        if (id != null) {
            g.writeStringField(ExportFormat.EXAMPLE_ID_COLUMN, id);
        }
    }

    private static void geminiSystem(JsonGenerator g, String key, @Nullable String system) throws IOException {
        if (system == null || system.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(key);
        parts(g, system);
        g.writeEndObject();
    }

    private static void geminiTurns(JsonGenerator g, Conversation c) throws IOException {
        for (Turn t : c.turns()) {
            geminiContent(g, t.role() == Role.ASSISTANT ? "model" : "user", t.text());
        }
    }

    private static void geminiContent(JsonGenerator g, String role, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", role);
        parts(g, text);
        g.writeEndObject();
    }

    private static void scored(JsonGenerator g, int score, String text) throws IOException {
        g.writeStartObject();
        g.writeNumberField("score", score);
        g.writeFieldName("completion");
        geminiContent(g, "model", text);
        g.writeEndObject();
    }

    private static void parts(JsonGenerator g, String text) throws IOException {
        g.writeArrayFieldStart("parts");
        g.writeStartObject();
        g.writeStringField("text", text);
        g.writeEndObject();
        g.writeEndArray();
    }
}
