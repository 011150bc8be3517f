package dev.tuneloop.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The line rules of the TRL and Gemini presets, used by {@link LineChecker} for a validator built for one of them.
 * Stateless; the line's state is the {@link Sink}'s. Never throws on any parsed JSON object.
 */
final class PresetChecks {

    private static final Set<String> TRL_MESSAGE_KEYS = Set.of("role", "content", "name", "tool_calls", "tool_call_id");
    private static final Set<String> TRL_ROLES = Set.of("system", "user", "assistant", "tool");
    private static final Set<String> CHAT_ANSWER_KEYS = Set.of("role", "content");
    private static final Set<String> GEMINI_SFT_FIELDS =
            Set.of("systemInstruction", "system_instruction", "contents", "tools");
    private static final Set<String> GEMINI_PREFERENCE_FIELDS =
            Set.of("systemInstruction", "system_instruction", "contents", "completions");
    private static final Set<String> GEMINI_CONTENT_KEYS = Set.of("role", "parts");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,40}");
    private static final Pattern GEMINI_FUNCTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,63}");

    /** What a line's check reports to. */
    interface Sink {
        void problem(ProblemCode code, String message);

        void format(ExportFormat format);

        void systemPrompt(String prompt);

        void conversational(boolean conversational);

        void label(boolean label);

        int tokens(String text);

        int repeatedTokens(String text);

        /** The example's tokens, when its structure has no error. */
        void tokens(long exampleTokens);
    }

    private PresetChecks() {}

    /** Whether a line has one of OpenAI's shapes (checked by OpenAI's rules, then reported as another format). */
    static boolean isOpenAiShape(JsonNode node) {
        return node.has("messages")
                || node.has("input")
                || node.has("preferred_output")
                || node.has("non_preferred_output");
    }

    /**
     * Whether a line is checked as a {@link ExportFormat#CHAT_PREFERENCE} pair: {@code messages} with {@code chosen}
     * or {@code rejected}; when that is the preset expected, also any {@code messages} line and a {@code chosen} or
     * {@code rejected} line without TRL's {@code prompt}.
     */
    static boolean isChatPreferenceShape(JsonNode node, @Nullable ExportFormat preset) {
        boolean answers = node.has("chosen") || node.has("rejected");
        if (node.has("messages")) {
            return answers || preset == ExportFormat.CHAT_PREFERENCE;
        }
        return preset == ExportFormat.CHAT_PREFERENCE && answers && !node.has("prompt");
    }

    /**
     * Whether a line is checked as a {@link ExportFormat#CHAT_KTO} line: {@code messages} without {@code chosen} or
     * {@code rejected}, with a {@code label} or when that is the preset expected.
     */
    static boolean isChatKtoShape(JsonNode node, @Nullable ExportFormat preset) {
        return node.has("messages")
                && !node.has("chosen")
                && !node.has("rejected")
                && (node.has("label") || preset == ExportFormat.CHAT_KTO);
    }

    /** Checks a JSON object line by the rules of the preset its fields show. */
    static void check(JsonNode node, ExportFormat preset, Sink sink) {
        if (isChatKtoShape(node, preset)) {
            chatKto(node, sink);
            return;
        }
        if (isChatPreferenceShape(node, preset)) {
            chatPreference(node, sink);
            return;
        }
        boolean gemini = node.has("contents")
                || node.has("completions")
                || node.has("systemInstruction")
                || node.has("system_instruction");
        if (gemini) {
            if (node.has("completions")) {
                geminiPreference(node, sink);
            } else {
                geminiSft(node, sink);
            }
        } else if (node.has("chosen") || node.has("rejected")) {
            trl(node, ExportFormat.TRL_DPO, sink);
        } else if (node.has("label")) {
            trl(node, ExportFormat.TRL_KTO, sink);
        } else if (node.has("prompt") || node.has("completion")) {
            trl(node, ExportFormat.TRL_SFT, sink);
        } else {
            sink.problem(ProblemCode.MISSING_FIELD, "example has none of the fields of " + describe(preset));
        }
    }

    private static String describe(ExportFormat preset) {
        return switch (preset) {
            case TRL_SFT -> "TRL prompt/completion (\"prompt\", \"completion\")";
            case TRL_DPO -> "TRL DPO (\"prompt\", \"chosen\", \"rejected\")";
            case TRL_KTO -> "TRL KTO (\"prompt\", \"completion\", \"label\")";
            case GEMINI_SFT -> "Gemini supervised tuning (\"contents\")";
            case GEMINI_PREFERENCE -> "Gemini preference tuning (\"contents\", \"completions\")";
            case CHAT_PREFERENCE -> "chat preference (\"messages\", \"chosen\", \"rejected\")";
            case CHAT_KTO -> "chat KTO (\"messages\", \"label\")";
            case SUPERVISED, PREFERENCE -> "OpenAI (\"messages\")";
        };
    }

    // ---- TRL

    private static void trl(JsonNode node, ExportFormat shape, Sink sink) {
        sink.format(shape);
        Counted c = new Counted();
        @Nullable JsonNode prompt = node.get("prompt");
        Boolean conversational = null;
        if (prompt == null) {
            sink.problem(ProblemCode.MISSING_FIELD, "example has no \"prompt\"");
            c.countable = false;
        } else if (prompt.isArray() && !prompt.isEmpty()) {
            conversational = true;
            String last = trlMessages(prompt, "prompt", c, sink);
            if (last != null && !last.equals("user") && !last.equals("tool")) {
                sink.problem(
                        ProblemCode.INVALID_LAST_TURN,
                        "\"prompt\" must end with a user (or tool) message, not " + last);
            }
        } else if (prompt.isTextual() && !prompt.textValue().isEmpty()) {
            conversational = false;
            String p = prompt.textValue();
            if (Character.isWhitespace(p.charAt(p.length() - 1))) {
                sink.problem(
                        ProblemCode.PROMPT_TRAILING_WHITESPACE,
                        "\"prompt\" ends with whitespace, so it does not tokenize as a prefix of prompt + completion;"
                                + " move the whitespace to the start of the completion");
            }
            c.tokens += sink.tokens(p);
        } else {
            sink.problem(
                    ProblemCode.MISSING_FIELD, "\"prompt\" must be a non-empty list of messages or a non-empty string");
            c.countable = false;
        }
        if (shape == ExportFormat.TRL_DPO) {
            answer(node, "chosen", conversational, false, c, sink);
            answer(node, "rejected", conversational, false, c, sink);
        } else {
            answer(node, "completion", conversational, shape == ExportFormat.TRL_SFT, c, sink);
        }
        if (Boolean.TRUE.equals(conversational)) {
            trlToolExchange(node, shape, c, sink);
        }
        if (shape == ExportFormat.TRL_KTO) {
            @Nullable JsonNode label = node.get("label");
            if (label == null) {
                sink.problem(ProblemCode.MISSING_FIELD, "example has no \"label\"");
            } else if (!label.isBoolean()) {
                sink.problem(ProblemCode.INVALID_LABEL, "\"label\" must be a JSON boolean (true or false)");
            } else {
                sink.label(label.booleanValue());
            }
        }
        if (conversational != null) {
            sink.conversational(conversational);
        }
        if (c.countable) {
            sink.tokens(c.tokens + TokenCounter.TOKENS_PER_EXAMPLE);
        }
    }

    /**
     * Checks a completion, chosen or rejected answer in the style of the prompt (null: the prompt's is unknown).
     * With {@code steps} (TRL SFT) a conversational completion may hold a tool-calling exchange before the answer:
     * assistant and tool messages, starting with an assistant message and ending with the assistant's answer.
     */
    private static void answer(
            JsonNode node, String key, @Nullable Boolean conversational, boolean steps, Counted c, Sink sink) {
        @Nullable JsonNode a = node.get(key);
        if (a == null) {
            sink.problem(ProblemCode.MISSING_FIELD, "example has no \"" + key + "\"");
            c.countable = false;
            return;
        }
        boolean list = a.isArray();
        boolean text = a.isTextual();
        if (conversational != null && ((conversational && text) || (!conversational && list))) {
            sink.problem(
                    ProblemCode.MIXED_DATASET_STYLES,
                    "\"" + key + "\" is " + (list ? "a list of messages" : "a string") + " but \"prompt\" is "
                            + (conversational ? "a list of messages" : "a string")
                            + "; a row must be all conversational or all plain strings");
            c.countable = false;
            return;
        }
        if (text) {
            if (a.textValue().isEmpty()) {
                sink.problem(ProblemCode.INVALID_COMPLETION, "\"" + key + "\" must not be empty");
                c.countable = false;
            } else {
                c.tokens += sink.tokens(a.textValue());
            }
            return;
        }
        if (steps && list && a.size() > 1) {
            completionWithSteps(a, key, c, sink);
            return;
        }
        if (!list || a.size() != 1 || !a.get(0).isObject()) {
            sink.problem(
                    ProblemCode.INVALID_COMPLETION,
                    "\"" + key + "\" must be a list of exactly one assistant message, or a non-empty string");
            c.countable = false;
            return;
        }
        JsonNode m = a.get(0);
        JsonNode role = m.get("role");
        if (role == null || !"assistant".equals(role.textValue())) {
            sink.problem(ProblemCode.INVALID_COMPLETION, "\"" + key + "\"[0] must be an assistant message");
            c.countable = false;
            return;
        }
        if (m.has("tool_calls")) {
            sink.problem(
                    ProblemCode.INVALID_COMPLETION,
                    "\"" + key + "\"[0] calls tools but no tool message answers it and no answer follows");
            c.countable = false;
        }
        trlMessages(a, key, c, sink);
    }

    /** A TRL SFT completion with a tool-calling exchange: assistant and tool messages, ending with the answer. */
    private static void completionWithSteps(JsonNode a, String key, Counted c, Sink sink) {
        for (int i = 0; i < a.size(); i++) {
            JsonNode m = a.get(i);
            @Nullable JsonNode role = m.isObject() ? m.get("role") : null;
            String r = role == null ? "" : String.valueOf(role.textValue());
            if (!r.equals("assistant") && !r.equals("tool")) {
                sink.problem(
                        ProblemCode.INVALID_COMPLETION,
                        "\"" + key + "\"[" + i + "] must be an assistant or tool message: a completion holds the"
                                + " tool-calling exchange and the answer only");
                c.countable = false;
                return;
            }
        }
        JsonNode first = a.get(0);
        JsonNode last = a.get(a.size() - 1);
        if (!"assistant".equals(first.get("role").textValue())) {
            sink.problem(ProblemCode.INVALID_COMPLETION, "\"" + key + "\"[0] must be an assistant message");
            c.countable = false;
        }
        @Nullable JsonNode content = last.get("content");
        if (!"assistant".equals(last.get("role").textValue())
                || last.has("tool_calls")
                || content == null
                || !content.isTextual()
                || content.textValue().isEmpty()) {
            sink.problem(
                    ProblemCode.INVALID_COMPLETION,
                    "\"" + key + "\" must end with the assistant's answer: a message with non-empty \"content\" and"
                            + " no \"tool_calls\"");
            c.countable = false;
        }
        trlMessages(a, key, c, sink);
    }

    /**
     * The tool-calling rules of a conversational TRL row: {@code tools} lists
     * {@code {"type":"function","function":{name, parameters: {…}}}} with unique names; every {@code tool_calls}
     * entry is {@code {"type":"function","function":{"name":…,"arguments":{…}}}} on an assistant message, with the
     * arguments a JSON object and the name declared in {@code tools} when the row has them; every call is answered by a tool
     * message with its {@code name} before the next user or assistant turn; every tool message answers a call. Only
     * TRL SFT rows may carry tools.
     */
    private static void trlToolExchange(JsonNode node, ExportFormat shape, Counted c, Sink sink) {
        @Nullable JsonNode toolsNode = node.get("tools");
        Set<String> declared = new HashSet<>();
        if (toolsNode != null) {
            if (shape != ExportFormat.TRL_SFT) {
                sink.problem(
                        ProblemCode.INVALID_TOOLS,
                        "\"tools\" belongs in TRL SFT rows only; a preference row cannot carry a tool exchange");
            }
            if (!toolsNode.isArray() || toolsNode.isEmpty()) {
                sink.problem(ProblemCode.INVALID_TOOLS, "\"tools\" must be a non-empty list of function definitions");
            } else {
                for (int i = 0; i < toolsNode.size(); i++) {
                    JsonNode t = toolsNode.get(i);
                    @Nullable JsonNode f = t.isObject() ? t.get("function") : null;
                    @Nullable JsonNode type = t.isObject() ? t.get("type") : null;
                    @Nullable JsonNode name = f != null && f.isObject() ? f.get("name") : null;
                    @Nullable JsonNode params = f != null && f.isObject() ? f.get("parameters") : null;
                    if (type == null
                            || !"function".equals(type.textValue())
                            || name == null
                            || !name.isTextual()
                            || name.textValue().isEmpty()
                            || (params != null && !params.isObject())) {
                        sink.problem(
                                ProblemCode.INVALID_TOOLS,
                                "tools[" + i + "] must be {\"type\":\"function\",\"function\":{\"name\":…,"
                                        + "\"parameters\":{…}}} with a non-empty name and an object as parameters");
                        continue;
                    }
                    if (!declared.add(name.textValue())) {
                        sink.problem(ProblemCode.INVALID_TOOLS, "tools[" + i + "] repeats the name of an earlier tool");
                    }
                    c.tokens += sink.repeatedTokens(t.toString());
                }
            }
        }
        List<String> pending = new ArrayList<>();
        @Nullable JsonNode prompt = node.get("prompt");
        if (prompt != null && prompt.isArray()) {
            exchange(prompt, "prompt", declared, toolsNode != null, pending, c, sink);
        }
        for (String key : new String[] {"completion", "chosen", "rejected"}) {
            @Nullable JsonNode a = node.get(key);
            if (a != null && a.isArray()) {
                List<String> open = new ArrayList<>(pending);
                exchange(a, key, declared, toolsNode != null, open, c, sink);
                if (!open.isEmpty()) {
                    sink.problem(
                            ProblemCode.UNANSWERED_TOOL_CALL,
                            "\"" + key + "\" ends with " + open.size() + " tool call(s) no tool message answers");
                }
            }
        }
    }

    /** Walks messages, matching tool calls (by name, in order of calls) to the tool messages that answer them. */
    private static void exchange(
            JsonNode messages,
            String path,
            Set<String> declared,
            boolean hasTools,
            List<String> pending,
            Counted c,
            Sink sink) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                continue; // reported by trlMessages
            }
            String at = path + "[" + i + "]";
            @Nullable JsonNode roleNode = m.get("role");
            String role = roleNode == null ? "" : String.valueOf(roleNode.textValue());
            @Nullable JsonNode calls = m.get("tool_calls");
            if (role.equals("tool")) {
                @Nullable JsonNode name = m.get("name");
                if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
                    sink.problem(
                            ProblemCode.MESSAGE_MISSING_KEY,
                            at + " is a tool message without the \"name\" of the tool it answers");
                } else if (!pending.remove(name.textValue())) {
                    sink.problem(
                            ProblemCode.UNKNOWN_TOOL_CALL_ID,
                            at + " answers a call to " + shown(name.textValue()) + " that no earlier open call made");
                }
                continue;
            }
            if (!pending.isEmpty()) {
                sink.problem(
                        ProblemCode.UNANSWERED_TOOL_CALL,
                        at + " follows " + pending.size() + " tool call(s) that no tool message answered");
                pending.clear();
            }
            if (calls == null) {
                continue;
            }
            if (!role.equals("assistant") || !calls.isArray() || calls.isEmpty()) {
                sink.problem(
                        ProblemCode.INVALID_TOOL_CALLS,
                        at + " has \"tool_calls\"; it must be a non-empty list on an assistant message");
                continue;
            }
            for (int k = 0; k < calls.size(); k++) {
                String ca = at + ".tool_calls[" + k + "]";
                JsonNode call = calls.get(k);
                @Nullable JsonNode type = call.isObject() ? call.get("type") : null;
                @Nullable JsonNode f = call.isObject() ? call.get("function") : null;
                @Nullable JsonNode name = f != null && f.isObject() ? f.get("name") : null;
                if (type == null
                        || !"function".equals(type.textValue())
                        || name == null
                        || !name.isTextual()
                        || name.textValue().isEmpty()) {
                    sink.problem(
                            ProblemCode.INVALID_TOOL_CALLS,
                            ca + " must be {\"type\":\"function\",\"function\":{\"name\":…,\"arguments\":{…}}}");
                    continue;
                }
                @Nullable JsonNode args = call.path("function").get("arguments");
                if (args == null || !args.isObject()) {
                    sink.problem(
                            ProblemCode.INVALID_TOOL_ARGUMENTS,
                            ca + ".function.arguments must be a JSON object (TRL's chat templates render it as one)");
                } else {
                    c.tokens += sink.tokens(args.toString());
                }
                String n = name.textValue();
                c.tokens += sink.repeatedTokens(n);
                if (hasTools && !declared.contains(n)) {
                    sink.problem(
                            ProblemCode.UNDECLARED_TOOL,
                            ca + " calls " + shown(n) + ", which \"tools\" does not declare");
                }
                pending.add(n);
            }
        }
    }

    /** Checks a list of TRL messages; returns the last valid role, or null. */
    private static @Nullable String trlMessages(JsonNode messages, String path, Counted c, Sink sink) {
        @Nullable String last = null;
        int i = 0;
        for (JsonNode m : messages) {
            String at = path + "[" + i + "]";
            i++;
            if (!m.isObject()) {
                sink.problem(ProblemCode.MESSAGE_MISSING_KEY, at + " is not an object with role and content");
                c.countable = false;
                last = null;
                continue;
            }
            unknownKeys(m, TRL_MESSAGE_KEYS, at, ProblemCode.MESSAGE_UNRECOGNIZED_KEY, sink);
            @Nullable JsonNode roleNode = m.get("role");
            @Nullable String role = null;
            if (roleNode == null) {
                sink.problem(ProblemCode.MESSAGE_MISSING_KEY, at + " has no \"role\"");
                c.countable = false;
            } else if (!roleNode.isTextual() || !TRL_ROLES.contains(roleNode.textValue())) {
                sink.problem(
                        ProblemCode.UNRECOGNIZED_ROLE,
                        at + " has an unrecognized role; allowed: system, user, assistant, tool");
                c.countable = false;
            } else {
                role = roleNode.textValue();
                c.tokens += sink.repeatedTokens(role);
            }
            last = role;
            @Nullable JsonNode content = m.get("content");
            @Nullable JsonNode calls = m.get("tool_calls");
            boolean hasCalls = calls != null && calls.isArray() && !calls.isEmpty();
            if (content == null || content.isNull()) {
                if (!hasCalls) {
                    sink.problem(ProblemCode.MESSAGE_MISSING_KEY, at + " has no \"content\"");
                    c.countable = false;
                }
            } else if (!content.isTextual() || (content.textValue().isEmpty() && !hasCalls)) {
                sink.problem(ProblemCode.MISSING_CONTENT, at + " must have a non-empty string \"content\"");
                c.countable = false;
            } else if ("system".equals(role)) {
                sink.systemPrompt(content.textValue());
                c.tokens += sink.repeatedTokens(content.textValue());
            } else {
                c.tokens += sink.tokens(content.textValue());
            }
            c.tokens += TokenCounter.TOKENS_PER_MESSAGE;
        }
        return last;
    }

    // ---- chat preference (Axolotl chat_template.default, LLaMA-Factory sharegpt ranking)

    private static void chatPreference(JsonNode node, Sink sink) {
        sink.format(ExportFormat.CHAT_PREFERENCE);
        Counted c = new Counted();
        @Nullable JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            sink.problem(ProblemCode.MISSING_FIELD, "\"messages\" must be a non-empty list of messages");
            c.countable = false;
        } else {
            String last = trlMessages(messages, "messages", c, sink);
            if (last != null && !last.equals("user") && !last.equals("tool")) {
                sink.problem(
                        ProblemCode.INVALID_LAST_TURN,
                        "\"messages\" must end with a user (or tool) message, not " + last);
            }
            turnOrder(messages, sink);
        }
        @Nullable JsonNode chosen = node.get("chosen");
        @Nullable JsonNode rejected = node.get("rejected");
        if (chosen != null
                && rejected != null
                && !kind(chosen).equals(kind(rejected))
                && (chosen.isObject() || rejected.isObject())) {
            sink.problem(
                    ProblemCode.MIXED_DATASET_STYLES,
                    "\"chosen\" is " + kind(chosen) + " but \"rejected\" is " + kind(rejected)
                            + "; both must be one message object");
            c.countable = false;
        } else {
            @Nullable String chosenText = answerMessage(chosen, "chosen", c, sink);
            @Nullable String rejectedText = answerMessage(rejected, "rejected", c, sink);
            if (chosenText != null && chosenText.equals(rejectedText)) {
                sink.problem(
                        ProblemCode.IDENTICAL_PREFERENCE_PAIR,
                        "\"chosen\" and \"rejected\" have the same content; the pair teaches nothing");
            }
        }
        if (c.countable) {
            sink.tokens(c.tokens + TokenCounter.TOKENS_PER_EXAMPLE);
        }
    }

    // ---- chat KTO (LLaMA-Factory sharegpt with kto_tag)

    /**
     * A {@link ExportFormat#CHAT_KTO} line: {@code messages} holding an optional system message, then user and
     * assistant messages in turn, starting with user and ending with the assistant's answer (no tool messages or tool
     * calls), and a boolean {@code label}.
     */
    private static void chatKto(JsonNode node, Sink sink) {
        sink.format(ExportFormat.CHAT_KTO);
        Counted c = new Counted();
        @Nullable JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            sink.problem(ProblemCode.MISSING_FIELD, "\"messages\" must be a non-empty list of messages");
            c.countable = false;
        } else {
            String last = trlMessages(messages, "messages", c, sink);
            int i = 0;
            for (JsonNode m : messages) {
                if (m.isObject()) {
                    @Nullable JsonNode role = m.get("role");
                    if (role != null && "tool".equals(role.textValue())) {
                        sink.problem(
                                ProblemCode.UNRECOGNIZED_ROLE,
                                "messages[" + i + "] is a tool message; a KTO conversation holds system, user and"
                                        + " assistant messages only");
                        c.countable = false;
                    } else if (m.has("tool_calls") || m.has("tool_call_id") || m.has("name")) {
                        sink.problem(
                                ProblemCode.MESSAGE_UNRECOGNIZED_KEY,
                                "messages[" + i + "] has a tool-calling key (tool_calls, tool_call_id, name); a KTO"
                                        + " conversation holds role and content only");
                    }
                }
                i++;
            }
            if (last != null && !last.equals("assistant")) {
                sink.problem(
                        ProblemCode.INVALID_LAST_TURN,
                        "\"messages\" must end with the assistant's answer (the message the label judges), not "
                                + last);
            }
            turnOrder(messages, sink);
        }
        @Nullable JsonNode label = node.get("label");
        if (label == null) {
            sink.problem(ProblemCode.MISSING_FIELD, "example has no \"label\"");
        } else if (!label.isBoolean()) {
            sink.problem(ProblemCode.INVALID_LABEL, "\"label\" must be a JSON boolean (true or false)");
        } else {
            sink.label(label.booleanValue());
        }
        if (c.countable) {
            sink.tokens(c.tokens + TokenCounter.TOKENS_PER_EXAMPLE);
        }
    }

    /** The sharegpt order: an optional system message first, then user (or tool) and assistant in turn. */
    private static void turnOrder(JsonNode messages, Sink sink) {
        int position = 0;
        int i = 0;
        for (JsonNode m : messages) {
            @Nullable JsonNode roleNode = m.isObject() ? m.get("role") : null;
            @Nullable String role = roleNode != null && roleNode.isTextual() ? roleNode.textValue() : null;
            if (role == null || !TRL_ROLES.contains(role)) {
                return; // reported by the message check
            }
            boolean ok;
            if (role.equals("system")) {
                ok = i == 0;
            } else {
                ok = position % 2 == 0 ? !role.equals("assistant") : role.equals("assistant");
                position++;
            }
            if (!ok) {
                sink.problem(
                        ProblemCode.INVALID_TURN_ORDER,
                        "messages[" + i + "] is a " + role + " message out of turn; after an optional system message"
                                + " the turns must alternate user (or tool) and assistant, starting with user");
                return;
            }
            i++;
        }
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "a message object";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.isTextual() ? "a string" : "a JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Checks a chosen or rejected answer: one assistant message object; returns its content, or null. */
    private static @Nullable String answerMessage(@Nullable JsonNode m, String key, Counted c, Sink sink) {
        if (m == null) {
            sink.problem(ProblemCode.MISSING_FIELD, "example has no \"" + key + "\"");
            c.countable = false;
            return null;
        }
        if (!m.isObject()) {
            sink.problem(
                    ProblemCode.INVALID_COMPLETION,
                    "\"" + key + "\" is " + kind(m) + " but must be one message object {\"role\": \"assistant\","
                            + " \"content\": …}" + (m.isArray() ? " (not TRL's one-element list)" : ""));
            c.countable = false;
            return null;
        }
        unknownKeys(m, CHAT_ANSWER_KEYS, key, ProblemCode.MESSAGE_UNRECOGNIZED_KEY, sink);
        @Nullable JsonNode role = m.get("role");
        if (role == null || !"assistant".equals(role.textValue())) {
            sink.problem(ProblemCode.INVALID_COMPLETION, "\"" + key + "\" must be an assistant message");
            c.countable = false;
            return null;
        }
        c.tokens += sink.repeatedTokens("assistant") + TokenCounter.TOKENS_PER_MESSAGE;
        @Nullable JsonNode content = m.get("content");
        if (content == null || !content.isTextual() || content.textValue().isEmpty()) {
            sink.problem(ProblemCode.MISSING_CONTENT, key + " must have a non-empty string \"content\"");
            c.countable = false;
            return null;
        }
        c.tokens += sink.tokens(content.textValue());
        return content.textValue();
    }

    // ---- Gemini

    private static void geminiSft(JsonNode node, Sink sink) {
        sink.format(ExportFormat.GEMINI_SFT);
        unknownKeys(node, GEMINI_SFT_FIELDS, "example", ProblemCode.UNRECOGNIZED_FIELD, sink);
        Counted c = new Counted();
        c.functions = true;
        systemInstruction(node, c, sink);
        @Nullable String last = contents(node, c, sink);
        if (last != null && !last.equals("model")) {
            sink.problem(
                    ProblemCode.INVALID_LAST_TURN, "\"contents\" must end with a model turn (the answer to learn)");
        }
        geminiFunctions(node, c, sink);
        if (c.countable) {
            sink.tokens(c.tokens);
        }
    }

    private static void geminiPreference(JsonNode node, Sink sink) {
        sink.format(ExportFormat.GEMINI_PREFERENCE);
        unknownKeys(node, GEMINI_PREFERENCE_FIELDS, "example", ProblemCode.UNRECOGNIZED_FIELD, sink);
        Counted c = new Counted();
        systemInstruction(node, c, sink);
        @Nullable String last = contents(node, c, sink);
        if (last != null && !last.equals("user")) {
            sink.problem(ProblemCode.INVALID_LAST_TURN, "\"contents\" must end with a user turn");
        }
        @Nullable JsonNode completions = node.get("completions");
        if (completions == null || !completions.isArray() || completions.size() != 2) {
            sink.problem(
                    ProblemCode.INVALID_PREFERENCE_OUTPUT,
                    "\"completions\" must be a list of exactly two scored completions");
            c.countable = false;
        } else {
            int preferred = 0;
            int dispreferred = 0;
            for (int i = 0; i < 2; i++) {
                String at = "completions[" + i + "]";
                JsonNode sc = completions.get(i);
                @Nullable JsonNode score = sc.isObject() ? sc.get("score") : null;
                @Nullable JsonNode completion = sc.isObject() ? sc.get("completion") : null;
                if (score == null || !score.isIntegralNumber() || (score.asLong() != 0 && score.asLong() != 1)) {
                    sink.problem(ProblemCode.INVALID_PREFERENCE_OUTPUT, at + " must have a \"score\" of 0 or 1");
                    c.countable = false;
                } else if (score.asLong() == 1) {
                    preferred++;
                } else {
                    dispreferred++;
                }
                if (completion == null || !completion.isObject()) {
                    sink.problem(ProblemCode.INVALID_PREFERENCE_OUTPUT, at + " must have a \"completion\" object");
                    c.countable = false;
                } else {
                    String role = content(completion, at + ".completion", c, sink);
                    if (role != null && !role.equals("model")) {
                        sink.problem(ProblemCode.INVALID_PREFERENCE_OUTPUT, at + ".completion must be a model turn");
                    }
                }
            }
            if (preferred != 1 || dispreferred != 1) {
                sink.problem(
                        ProblemCode.INVALID_PREFERENCE_OUTPUT,
                        "\"completions\" must hold one completion scored 1 and one scored 0");
            }
        }
        if (c.countable) {
            sink.tokens(c.tokens);
        }
    }

    /**
     * The function-calling rules of a Gemini supervised line (Vertex AI's tuning dataset for function calling):
     * {@code tools} is {@code [{"functionDeclarations":[{name, description?, parameters?}]}]} with valid, unique names;
     * a {@code functionCall} part is on a model turn, names a declared function and has an object as {@code args};
     * a {@code functionResponse} part is on a user turn, has an object as {@code response} and answers a call of the
     * turn just before; every call is answered in the next turn, except in the last turn (the answer to learn).
     */
    private static void geminiFunctions(JsonNode node, Counted c, Sink sink) {
        @Nullable JsonNode tools = node.get("tools");
        Set<String> declared = new HashSet<>();
        if (tools != null) {
            if (!tools.isArray() || tools.isEmpty()) {
                sink.problem(
                        ProblemCode.GEMINI_INVALID_FUNCTION_DECLARATIONS,
                        "\"tools\" must be a non-empty list of {\"functionDeclarations\":[…]}");
            } else {
                for (int i = 0; i < tools.size(); i++) {
                    JsonNode tool = tools.get(i);
                    @Nullable JsonNode decls = tool.isObject() ? tool.get("functionDeclarations") : null;
                    if (decls == null || !decls.isArray() || decls.isEmpty() || tool.size() != 1) {
                        sink.problem(
                                ProblemCode.GEMINI_INVALID_FUNCTION_DECLARATIONS,
                                "tools[" + i + "] must be {\"functionDeclarations\": non-empty list}");
                        continue;
                    }
                    for (int k = 0; k < decls.size(); k++) {
                        declaration(
                                decls.get(k), "tools[" + i + "].functionDeclarations[" + k + "]", declared, c, sink);
                    }
                }
            }
        }
        @Nullable JsonNode contents = node.get("contents");
        if (contents == null || !contents.isArray()) {
            return; // reported by contents()
        }
        List<String> pending = new ArrayList<>();
        String pendingAt = "";
        for (int i = 0; i < contents.size(); i++) {
            JsonNode turn = contents.get(i);
            @Nullable JsonNode parts = turn.isObject() ? turn.get("parts") : null;
            String role = turn.isObject() ? String.valueOf(turn.path("role").textValue()) : "";
            String at = "contents[" + i + "]";
            List<String> calls = new ArrayList<>();
            if (parts != null && parts.isArray()) {
                for (int k = 0; k < parts.size(); k++) {
                    JsonNode part = parts.get(k);
                    String pa = at + ".parts[" + k + "]";
                    if (!part.isObject() || part.size() != 1) {
                        continue; // reported by parts()
                    }
                    @Nullable JsonNode call = part.get("functionCall");
                    @Nullable JsonNode response = part.get("functionResponse");
                    if (call != null) {
                        @Nullable String name = functionPart(call, pa + ".functionCall", "args", c, sink);
                        if (!role.equals("model")) {
                            sink.problem(ProblemCode.INVALID_PARTS, pa + " is a functionCall outside a model turn");
                        } else if (name != null) {
                            if (!declared.contains(name)) {
                                sink.problem(
                                        ProblemCode.GEMINI_UNDECLARED_FUNCTION,
                                        pa + " calls " + shown(name) + ", which \"tools\" does not declare");
                            }
                            calls.add(name);
                        }
                    } else if (response != null) {
                        @Nullable String name = functionPart(response, pa + ".functionResponse", "response", c, sink);
                        if (!role.equals("user")) {
                            sink.problem(ProblemCode.INVALID_PARTS, pa + " is a functionResponse outside a user turn");
                        } else if (name != null && !pending.remove(name)) {
                            sink.problem(
                                    ProblemCode.GEMINI_UNMATCHED_FUNCTION_RESPONSE,
                                    pa + " answers " + shown(name) + ", which the turn before did not call");
                        }
                    }
                }
            }
            if (!pending.isEmpty()) {
                sink.problem(
                        ProblemCode.GEMINI_UNANSWERED_FUNCTION_CALL,
                        pendingAt + " calls " + pending.size()
                                + " function(s) that the next turn does not answer with a functionResponse");
            }
            pending = calls;
            pendingAt = at;
        }
    }

    /** Checks one function declaration and records its name. */
    private static void declaration(JsonNode d, String at, Set<String> declared, Counted c, Sink sink) {
        @Nullable JsonNode name = d.isObject() ? d.get("name") : null;
        @Nullable JsonNode description = d.isObject() ? d.get("description") : null;
        @Nullable JsonNode params = d.isObject() ? d.get("parameters") : null;
        if (name == null
                || !name.isTextual()
                || !GEMINI_FUNCTION_NAME.matcher(name.textValue()).matches()
                || (description != null && !description.isTextual())
                || (params != null && !params.isObject())) {
            sink.problem(
                    ProblemCode.GEMINI_INVALID_FUNCTION_DECLARATIONS,
                    at + " must be {\"name\":…,\"description\"?:…,\"parameters\"?:{…}} with a name of a letter or"
                            + " underscore, then letters, digits, _ . : - (at most 64)");
            return;
        }
        for (Iterator<String> keys = d.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!k.equals("name") && !k.equals("description") && !k.equals("parameters")) {
                sink.problem(
                        ProblemCode.GEMINI_INVALID_FUNCTION_DECLARATIONS, at + " has an unrecognized key " + shown(k));
            }
        }
        if (!declared.add(name.textValue())) {
            sink.problem(
                    ProblemCode.GEMINI_INVALID_FUNCTION_DECLARATIONS, at + " repeats the name of an earlier function");
        }
        c.tokens += sink.repeatedTokens(d.toString());
    }

    /** Checks a functionCall or functionResponse object; returns its name, or null when it has none. */
    private static @Nullable String functionPart(JsonNode f, String at, String payload, Counted c, Sink sink) {
        @Nullable JsonNode name = f.isObject() ? f.get("name") : null;
        if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
            sink.problem(ProblemCode.INVALID_PARTS, at + " must be an object with a non-empty \"name\"");
            c.countable = false;
            return null;
        }
        for (Iterator<String> keys = f.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!k.equals("name") && !k.equals(payload)) {
                sink.problem(ProblemCode.INVALID_PARTS, at + " has an unrecognized key " + shown(k));
            }
        }
        @Nullable JsonNode value = f.get(payload);
        if (value == null || !value.isObject()) {
            sink.problem(
                    payload.equals("args")
                            ? ProblemCode.GEMINI_INVALID_FUNCTION_ARGS
                            : ProblemCode.GEMINI_INVALID_FUNCTION_RESPONSE,
                    at + "." + payload + " must be a JSON object");
        } else {
            c.tokens += sink.tokens(value.toString());
        }
        c.tokens += sink.repeatedTokens(name.textValue());
        return name.textValue();
    }

    private static void systemInstruction(JsonNode node, Counted c, Sink sink) {
        boolean camel = node.has("systemInstruction");
        if (camel && node.has("system_instruction")) {
            sink.problem(
                    ProblemCode.UNRECOGNIZED_FIELD,
                    "example has both \"systemInstruction\" and \"system_instruction\"; keep one");
        }
        String key = camel ? "systemInstruction" : "system_instruction";
        @Nullable JsonNode si = node.get(key);
        if (si == null) {
            return;
        }
        if (!si.isObject()) {
            sink.problem(ProblemCode.MISSING_FIELD, "\"" + key + "\" must be an object with \"parts\"");
            c.countable = false;
            return;
        }
        for (Iterator<String> keys = si.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!k.equals("parts") && !k.equals("role")) {
                sink.problem(ProblemCode.UNRECOGNIZED_FIELD, "\"" + key + "\" has an unrecognized key " + shown(k));
            }
        }
        boolean functions = c.functions;
        c.functions = false;
        @Nullable String text = parts(si.get("parts"), key + ".parts", c, sink);
        c.functions = functions;
        if (text != null) {
            sink.systemPrompt(text);
        }
    }

    /** Checks {@code contents}; returns the last turn's valid role, or null. */
    private static @Nullable String contents(JsonNode node, Counted c, Sink sink) {
        @Nullable JsonNode contents = node.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            sink.problem(ProblemCode.MISSING_FIELD, "\"contents\" must be a non-empty list of turns");
            c.countable = false;
            return null;
        }
        @Nullable String last = null;
        boolean model = false;
        int i = 0;
        for (JsonNode turn : contents) {
            String at = "contents[" + i + "]";
            i++;
            if (!turn.isObject()) {
                sink.problem(ProblemCode.MESSAGE_MISSING_KEY, at + " is not an object with role and parts");
                c.countable = false;
                last = null;
                continue;
            }
            last = content(turn, at, c, sink);
            model |= "model".equals(last);
        }
        if (!model && node.get("completions") == null) {
            sink.problem(ProblemCode.EXAMPLE_MISSING_ASSISTANT_MESSAGE, "\"contents\" has no model turn");
        }
        return last;
    }

    /** Checks one Gemini turn object; returns its valid role, or null. */
    private static @Nullable String content(JsonNode turn, String at, Counted c, Sink sink) {
        unknownKeys(turn, GEMINI_CONTENT_KEYS, at, ProblemCode.MESSAGE_UNRECOGNIZED_KEY, sink);
        @Nullable JsonNode roleNode = turn.get("role");
        @Nullable String role = null;
        if (roleNode == null) {
            sink.problem(ProblemCode.MESSAGE_MISSING_KEY, at + " has no \"role\"");
            c.countable = false;
        } else if (!"user".equals(roleNode.textValue()) && !"model".equals(roleNode.textValue())) {
            sink.problem(ProblemCode.UNRECOGNIZED_ROLE, at + " has an unrecognized role; allowed: user, model");
            c.countable = false;
        } else {
            role = roleNode.textValue();
            c.tokens += sink.repeatedTokens(role) + TokenCounter.TOKENS_PER_MESSAGE;
        }
        parts(turn.get("parts"), at + ".parts", c, sink);
        return role;
    }

    /** Checks a parts list; returns the first part's text, or null when it is broken. */
    private static @Nullable String parts(@Nullable JsonNode parts, String at, Counted c, Sink sink) {
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            sink.problem(ProblemCode.INVALID_PARTS, at + " must be a non-empty list of parts");
            c.countable = false;
            return null;
        }
        @Nullable String first = null;
        int i = 0;
        for (JsonNode part : parts) {
            if (c.functions
                    && part.isObject()
                    && part.size() == 1
                    && (part.has("functionCall") || part.has("functionResponse"))) {
                i++;
                continue; // checked by geminiFunctions
            }
            @Nullable JsonNode text = part.isObject() ? part.get("text") : null;
            if (text == null || !text.isTextual() || text.textValue().isEmpty() || part.size() != 1) {
                sink.problem(
                        ProblemCode.INVALID_PARTS,
                        at + "[" + i + "] must be {\"text\": non-empty string}"
                                + (c.functions ? ", {\"functionCall\": {…}} or {\"functionResponse\": {…}}" : ""));
                c.countable = false;
                return null;
            }
            if (first == null) {
                first = text.textValue();
            }
            c.tokens += sink.tokens(text.textValue());
            i++;
        }
        return first;
    }

    // ---- shared

    private static void unknownKeys(JsonNode obj, Set<String> allowed, String at, ProblemCode code, Sink sink) {
        for (Map.Entry<String, JsonNode> field : obj.properties()) {
            String k = field.getKey();
            if (k.equals("weight")) {
                sink.problem(
                        ProblemCode.OPENAI_ONLY_KEY,
                        at + " has \"weight\", an OpenAI-only key that TRL and Gemini do not read");
            } else if (!allowed.contains(k)) {
                sink.problem(
                        code,
                        at + " has an unrecognized key " + shown(k) + "; allowed: "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String shown(String key) {
        return IDENTIFIER.matcher(key).matches() ? "\"" + key + "\"" : "(not shown)";
    }

    /** Tokens so far, and whether the example can be counted. */
    private static final class Counted {
        long tokens;
        boolean countable = true;
        /** Whether parts may be function calls and responses (Gemini supervised contents). */
        boolean functions;
    }
}
