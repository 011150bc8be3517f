package dev.tuneloop.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks one JSONL line on its own: bytes, JSON, the example's shape, its tokens. Everything that needs other lines
 * (line numbers, format mix, system prompt consistency, totals) is {@link ValidationSession}'s. Immutable and
 * thread-safe, so lines can be checked on several threads.
 */
final class LineChecker {

    /** The deepest JSON nesting read; deeper lines are {@code invalid_json}. */
    static final int MAX_NESTING_DEPTH = 64;

    private static final Set<String> MESSAGE_KEYS =
            Set.of("role", "content", "name", "weight", "tool_calls", "tool_call_id", "function_call");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,40}");

    /** One problem of a line, before it has a line number. */
    record Finding(ProblemCode code, String message) {}

    /**
     * What one line holds.
     *
     * @param findings      its problems
     * @param errors        how many of them are errors
     * @param example       whether it is a JSON object
     * @param format        its shape, or null
     * @param systemPrompt  its first system (or developer) prompt, or null
     * @param tokens        its tokens, or -1 when it has errors
     * @param crlf          whether it ended with {@code \r} (its {@code \n} already cut off)
     * @param conversational for TRL rows: true when conversational, false when plain strings, null when unknown
     * @param label         for KTO rows: the boolean label, or null
     */
    record LineResult(
            List<Finding> findings,
            int errors,
            boolean example,
            @Nullable ExportFormat format,
            @Nullable String systemPrompt,
            long tokens,
            boolean crlf,
            @Nullable Boolean conversational,
            @Nullable Boolean label) {}

    private static final int MAX_REMEMBERED = 64;
    private static final int MAX_REMEMBERED_CHARS = 16_384;

    private final java.util.concurrent.ConcurrentHashMap<String, Integer> remembered =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final TokenCounter counter;
    private final int tokenLimit;
    private final @Nullable ExportFormat preset;

    /**
     * A checker of OpenAI lines (either format, told apart by shape).
     *
     * @param tokens         counts the example's tokens
     * @param tokenLimit     the base model's per-example limit ({@code example_too_long} above it)
     * @param maxStringBytes the longest JSON string read (a parser limit)
     */
    LineChecker(TokenCounter tokens, int tokenLimit, int maxStringBytes) {
        this(tokens, tokenLimit, maxStringBytes, null);
    }

    /**
     * A checker.
     *
     * @param tokens         counts the example's tokens
     * @param tokenLimit     the per-example limit ({@code example_too_long} above it)
     * @param maxStringBytes the longest JSON string read (a parser limit)
     * @param preset         a TRL or Gemini preset whose rules apply, or null (or an OpenAI format) for OpenAI's
     */
    LineChecker(TokenCounter tokens, int tokenLimit, int maxStringBytes, @Nullable ExportFormat preset) {
        this.counter = tokens;
        this.tokenLimit = tokenLimit;
        this.preset = preset == null || preset.isOpenAi() ? null : preset;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(Math.max(1, maxStringBytes))
                        .maxNumberLength(1000)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** The per-example token limit. */
    int tokenLimit() {
        return tokenLimit;
    }

    /**
     * Tokens of a text that recurs on many lines (roles, system prompts): counted once and remembered, up to
     * {@value #MAX_REMEMBERED} texts of at most {@value #MAX_REMEMBERED_CHARS} characters.
     */
    private int repeated(String text) {
        if (text.length() > MAX_REMEMBERED_CHARS) {
            return counter.count(text);
        }
        Integer known = remembered.get(text);
        if (known != null) {
            return known;
        }
        int n = counter.count(text);
        if (remembered.size() < MAX_REMEMBERED) {
            remembered.put(text, n);
        }
        return n;
    }

    /**
     * Checks one line (without its {@code \n}).
     *
     * @param b           the bytes
     * @param off         where the line starts in {@code b}
     * @param len         the line's length in bytes
     * @param trustedUtf8 skip the UTF-8 check (the bytes come from a JSON generator)
     * @return what the line holds
     */
    LineResult check(byte[] b, int off, int len, boolean trustedUtf8) {
        Line l = new Line();
        l.run(b, off, len, trustedUtf8);
        return l.result();
    }

    /** The state of checking one line. */
    private final class Line implements PresetChecks.Sink {
        private final List<Finding> findings = new ArrayList<>(2);
        private int errors;
        private boolean example;
        private @Nullable ExportFormat format;
        private @Nullable String systemPrompt;
        private long tokens = -1;
        private boolean crlf;
        private @Nullable Boolean conversational;
        private @Nullable Boolean label;

        LineResult result() {
            return new LineResult(
                    List.copyOf(findings), errors, example, format, systemPrompt, tokens, crlf, conversational, label);
        }

        @Override
        public void problem(ProblemCode code, String message) {
            report(code, message);
        }

        @Override
        public void format(ExportFormat f) {
            format = f;
        }

        @Override
        public void systemPrompt(String prompt) {
            if (systemPrompt == null) {
                systemPrompt = prompt;
            }
        }

        @Override
        public void conversational(boolean c) {
            conversational = c;
        }

        @Override
        public void label(boolean l) {
            label = l;
        }

        @Override
        public int tokens(String text) {
            return counter.count(text);
        }

        @Override
        public int repeatedTokens(String text) {
            return repeated(text);
        }

        @Override
        public void tokens(long exampleTokens) {
            count(exampleTokens);
        }

        void run(byte[] b, int off, int len, boolean trustedUtf8) {
            crlf = len > 0 && b[off + len - 1] == '\r';
            if (isBlank(b, off, len)) {
                report(ProblemCode.EMPTY_LINE, "line is empty");
                return;
            }
            if (len >= 3 && (b[off] & 0xFF) == 0xEF && (b[off + 1] & 0xFF) == 0xBB && (b[off + 2] & 0xFF) == 0xBF) {
                report(ProblemCode.BOM, "line starts with a UTF-8 byte order mark");
                return;
            }
            if (!trustedUtf8 && !Utf8.isValid(b, off, len)) {
                report(ProblemCode.INVALID_UTF8, "line is not well-formed UTF-8");
                return;
            }
            for (int i = off; i < off + len; i++) {
                if (b[i] == 0) {
                    report(ProblemCode.INVALID_JSON, "line contains a raw NUL byte at column " + (i - off + 1));
                    return;
                }
            }
            JsonNode node;
            try {
                node = mapper.readTree(b, off, len);
            } catch (StreamConstraintsException e) {
                report(
                        ProblemCode.INVALID_JSON,
                        "line exceeds a parser limit (nesting depth " + MAX_NESTING_DEPTH
                                + ", string or number length)");
                return;
            } catch (JsonProcessingException e) {
                long col = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
                report(
                        ProblemCode.INVALID_JSON,
                        "line is not one valid JSON value" + (col > 0 ? " (error near column " + col + ")" : ""));
                return;
            } catch (IOException e) {
                report(ProblemCode.INVALID_JSON, "line is not one valid JSON value");
                return;
            }
            if (node == null || !node.isObject()) {
                report(
                        ProblemCode.DATA_TYPE,
                        "line is a JSON " + (node == null ? "nothing" : kind(node))
                                + ", but an example must be an object");
                return;
            }
            example = true;
            String surrogateAt = unpairedSurrogate(node, "");
            if (surrogateAt != null) {
                report(
                        ProblemCode.UNPAIRED_SURROGATE,
                        "line has a string with an unpaired surrogate escape (\\ud800-\\udfff without its pair)"
                                + (surrogateAt.isEmpty() ? "" : " at " + surrogateAt)
                                + "; it is not a character and providers reject it");
            }
            ExportFormat p = preset;
            if (p != null
                    && (!PresetChecks.isOpenAiShape(node)
                            || PresetChecks.isChatPreferenceShape(node, p)
                            || PresetChecks.isChatKtoShape(node, p))) {
                PresetChecks.check(node, p, this);
            } else if (node.has("messages")) {
                supervised(node);
            } else if (node.has("input") || node.has("preferred_output") || node.has("non_preferred_output")) {
                preference(node);
            } else {
                report(ProblemCode.MISSING_MESSAGES_LIST, "example has no \"messages\" list");
            }
        }

        private void supervised(JsonNode node) {
            format = ExportFormat.SUPERVISED;
            JsonNode messages = node.get("messages");
            if (!messages.isArray() || messages.isEmpty()) {
                report(ProblemCode.MISSING_MESSAGES_LIST, "\"messages\" must be a non-empty list");
                return;
            }
            Roles roles = messages(messages, "messages");
            if (!roles.assistant) {
                report(ProblemCode.EXAMPLE_MISSING_ASSISTANT_MESSAGE, "example has no assistant message");
            }
            toolExchange(node, messages, "messages");
            conversationWarnings(roles);
            if (roles.countable) {
                count(roles.tokens + TokenCounter.TOKENS_PER_EXAMPLE);
            }
        }

        private void preference(JsonNode node) {
            format = ExportFormat.PREFERENCE;
            @Nullable JsonNode input = node.get("input");
            @Nullable JsonNode messages = input == null ? null : input.get("messages");
            if (input == null || !input.isObject() || messages == null || !messages.isArray() || messages.isEmpty()) {
                report(ProblemCode.MISSING_MESSAGES_LIST, "\"input.messages\" must be a non-empty list");
                return;
            }
            Roles roles = messages(messages, "input.messages");
            if (roles.lastRole != null && roles.lastRole.equals("assistant")) {
                report(
                        ProblemCode.PREFERENCE_INPUT_ENDS_WITH_ASSISTANT,
                        "\"input.messages\" must not end with an assistant message");
            }
            // the tools offered and the tool-calling steps before the outputs live in the input
            toolExchange(input, messages, "input.messages");
            conversationWarnings(roles);
            long preferred = output(node, "preferred_output");
            long nonPreferred = output(node, "non_preferred_output");
            if (roles.countable && preferred >= 0 && nonPreferred >= 0) {
                count(roles.tokens + TokenCounter.TOKENS_PER_EXAMPLE + preferred + nonPreferred);
            }
        }

        /** Checks a preference output; returns its tokens, or -1 when it is malformed. */
        private long output(JsonNode node, String key) {
            @Nullable JsonNode out = node.get(key);
            if (out == null || !out.isArray() || out.size() != 1 || !out.get(0).isObject()) {
                report(ProblemCode.INVALID_PREFERENCE_OUTPUT, "\"" + key + "\" must be a list of exactly one message");
                return -1;
            }
            JsonNode m = out.get(0);
            JsonNode role = m.get("role");
            JsonNode content = m.get("content");
            if (role == null
                    || !role.isTextual()
                    || !role.textValue().equals("assistant")
                    || content == null
                    || !content.isTextual()
                    || content.textValue().isEmpty()) {
                report(
                        ProblemCode.INVALID_PREFERENCE_OUTPUT,
                        "\"" + key + "\"[0] must be an assistant message with non-empty string content");
                return -1;
            }
            return (long) TokenCounter.TOKENS_PER_MESSAGE
                    + counter.count("assistant")
                    + counter.count(content.textValue());
        }

        private void conversationWarnings(Roles roles) {
            systemPrompt = roles.systemPrompt;
            if (systemPrompt == null) {
                report(ProblemCode.MISSING_SYSTEM_MESSAGE, "example has no system message");
            }
            if (!roles.user) {
                report(ProblemCode.MISSING_USER_MESSAGE, "example has no user message");
            }
        }

        private static final class Roles {
            boolean assistant;
            boolean user;
            boolean countable = true;
            long tokens;

            @Nullable
            String systemPrompt;

            @Nullable
            String lastRole;
        }

        private Roles messages(JsonNode messages, String path) {
            Roles r = new Roles();
            int i = 0;
            for (JsonNode m : messages) {
                String at = path + "[" + i + "]";
                i++;
                if (!m.isObject()) {
                    report(ProblemCode.MESSAGE_MISSING_KEY, at + " is not an object with role and content");
                    r.countable = false;
                    continue;
                }
                for (Iterator<String> keys = m.fieldNames(); keys.hasNext(); ) {
                    String k = keys.next();
                    if (!MESSAGE_KEYS.contains(k)) {
                        report(
                                ProblemCode.MESSAGE_UNRECOGNIZED_KEY,
                                at + " has an unrecognized key "
                                        + (IDENTIFIER.matcher(k).matches() ? "\"" + k + "\"" : "(not shown)")
                                        + "; allowed: role, content, name, weight, tool_calls, tool_call_id, function_call");
                    }
                }
                JsonNode roleNode = m.get("role");
                @Nullable String role = null;
                if (roleNode == null) {
                    report(ProblemCode.MESSAGE_MISSING_KEY, at + " has no \"role\"");
                    r.countable = false;
                } else if (!roleNode.isTextual() || !ROLES.contains(roleNode.textValue())) {
                    report(
                            ProblemCode.UNRECOGNIZED_ROLE,
                            at + " has an unrecognized role; allowed: "
                                    + "system, developer, user, assistant, tool, function");
                    r.countable = false;
                } else {
                    role = roleNode.textValue();
                }
                r.lastRole = role;
                JsonNode toolCalls = m.get("tool_calls");
                JsonNode functionCall = m.get("function_call");
                boolean calls =
                        (toolCalls != null && !toolCalls.isNull()) || (functionCall != null && !functionCall.isNull());
                JsonNode content = m.get("content");
                long contentTokens = ("system".equals(role) || "developer".equals(role))
                                && content != null
                                && content.isTextual()
                                && !content.textValue().isEmpty()
                        ? repeated(content.textValue())
                        : content(content, calls, at, r);
                long t = TokenCounter.TOKENS_PER_MESSAGE + contentTokens;
                if (role != null) {
                    t += repeated(role);
                }
                JsonNode name = m.get("name");
                if (name != null) {
                    if (!name.isTextual()) {
                        report(ProblemCode.INVALID_NAME, at + " has a \"name\" that is not a string");
                    } else {
                        t += counter.count(name.textValue()) + TokenCounter.TOKENS_PER_NAME;
                    }
                }
                JsonNode weight = m.get("weight");
                if (weight != null
                        && (!"assistant".equals(role)
                                || !weight.isIntegralNumber()
                                || (weight.asLong() != 0 && weight.asLong() != 1))) {
                    report(
                            ProblemCode.INVALID_WEIGHT,
                            at + " has a \"weight\" that is not 0 or 1 on an assistant message");
                }
                if (toolCalls != null && !toolCalls.isNull()) {
                    long c = toolCalls("assistant".equals(role) ? toolCalls : null, at);
                    if (c < 0) {
                        r.countable = false;
                    } else {
                        t += c;
                    }
                }
                if (functionCall != null && !functionCall.isNull()) {
                    long c = function(functionCall);
                    if (c < 0 || !"assistant".equals(role)) {
                        report(
                                ProblemCode.INVALID_TOOL_CALLS,
                                at + " has a \"function_call\" that is not {name, arguments} on an assistant message");
                        r.countable = false;
                    } else {
                        t += c;
                    }
                }
                JsonNode toolCallId = m.get("tool_call_id");
                if ("tool".equals(role) && (toolCallId == null || !toolCallId.isTextual())) {
                    report(
                            ProblemCode.MISSING_TOOL_CALL_ID,
                            at + " is a tool message without a string \"tool_call_id\"");
                } else if (toolCallId != null && toolCallId.isTextual()) {
                    t += counter.count(toolCallId.textValue());
                }
                if ("assistant".equals(role)) {
                    r.assistant = true;
                } else if ("user".equals(role)) {
                    r.user = true;
                } else if (("system".equals(role) || "developer".equals(role))
                        && r.systemPrompt == null
                        && content != null
                        && content.isTextual()) {
                    r.systemPrompt = content.textValue();
                }
                r.tokens += t;
            }
            return r;
        }

        /**
         * Checks what the per-message checks cannot: the {@code tools} list and {@code parallel_tool_calls} of
         * {@code node} (the example, or a preference example's {@code input}), that
         * every tool call's arguments are JSON, that it names a declared tool (when the example's {@code tools} list is not empty), and
         * that each call is answered by a later tool message with its id and each tool message answers an earlier call.
         * Tool names are shown only when they are plain identifiers; arguments and results never are.
         */
        private void toolExchange(JsonNode node, JsonNode messages, String path) {
            @Nullable Set<String> declared = null;
            JsonNode tools = node.get("tools");
            if (tools != null && !(tools.isArray() && tools.isEmpty())) {
                // an empty list declares nothing to check against (some writers always emit one)
                declared = new HashSet<>();
                boolean ok = tools.isArray();
                if (ok) {
                    for (JsonNode t : tools) {
                        JsonNode f = t.get("function");
                        JsonNode name = f == null ? null : f.get("name");
                        JsonNode parameters = f == null ? null : f.get("parameters");
                        if (!"function".equals(t.path("type").textValue())
                                || name == null
                                || !name.isTextual()
                                || (parameters != null && !parameters.isObject())
                                || !declared.add(name.textValue())) {
                            ok = false;
                        }
                    }
                }
                if (!ok) {
                    report(
                            ProblemCode.INVALID_TOOLS,
                            "\"tools\" is not a list of {type: \"function\", function: {name, parameters}} with a"
                                    + " JSON object as parameters and unique names");
                }
            }
            JsonNode parallel = node.get("parallel_tool_calls");
            if (parallel != null && !parallel.isBoolean()) {
                report(ProblemCode.INVALID_TOOLS, "\"parallel_tool_calls\" is not true or false");
            }
            Set<String> open = new LinkedHashSet<>();
            int i = 0;
            for (JsonNode m : messages) {
                String at = path + "[" + i + "]";
                i++;
                String role = m.path("role").textValue();
                JsonNode calls = m.get("tool_calls");
                if ("assistant".equals(role) && calls != null && calls.isArray()) {
                    for (JsonNode c : calls) {
                        JsonNode f = c.get("function");
                        String name = f == null ? null : f.path("name").textValue();
                        String arguments =
                                f == null ? null : f.path("arguments").textValue();
                        if (arguments != null && !isJson(arguments)) {
                            report(
                                    ProblemCode.INVALID_TOOL_ARGUMENTS,
                                    at + " has a tool call whose \"arguments\" is not valid JSON");
                        }
                        if (declared != null && name != null && !declared.contains(name)) {
                            report(
                                    ProblemCode.UNDECLARED_TOOL,
                                    at + " calls a tool "
                                            + (IDENTIFIER.matcher(name).matches() ? "\"" + name + "\" " : "")
                                            + "that \"tools\" does not declare");
                        }
                        String id = c.path("id").textValue();
                        if (id != null) {
                            open.add(id);
                        }
                    }
                } else if ("tool".equals(role)) {
                    String id = m.path("tool_call_id").textValue();
                    if (id != null && !open.remove(id)) {
                        report(
                                ProblemCode.UNKNOWN_TOOL_CALL_ID,
                                at + " answers a \"tool_call_id\" that no earlier tool call has");
                    }
                }
            }
            if (!open.isEmpty()) {
                report(
                        ProblemCode.UNANSWERED_TOOL_CALL,
                        path + " has " + open.size() + " tool call(s) that no tool message answers");
            }
        }

        private boolean isJson(String text) {
            try {
                JsonNode n = mapper.reader()
                        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readTree(text);
                return n != null && !n.isMissingNode();
            } catch (IOException e) {
                return false;
            }
        }

        /** Checks content; returns its tokens (0 when absent or broken). */
        private long content(@Nullable JsonNode content, boolean calls, String at, Roles r) {
            if (content == null) {
                if (!calls) {
                    report(ProblemCode.MESSAGE_MISSING_KEY, at + " has no \"content\"");
                    r.countable = false;
                }
                return 0;
            }
            if (content.isNull() && calls) {
                return 0;
            }
            if (content.isTextual()) {
                if (content.textValue().isEmpty() && !calls) {
                    report(ProblemCode.MISSING_CONTENT, at + " has empty \"content\"");
                }
                return counter.count(content.textValue());
            }
            if (content.isArray() && !content.isEmpty()) {
                long t = 0;
                for (JsonNode part : content) {
                    @Nullable JsonNode type = part.get("type");
                    @Nullable JsonNode text = part.get("text");
                    boolean image =
                            type != null && "image_url".equals(type.textValue()) && part.get("image_url") != null;
                    if (image) {
                        imagePart(part.get("image_url"), at, r.lastRole);
                    } else if (type != null
                            && type.isTextual()
                            && !"text".equals(type.textValue())
                            && !"image_url".equals(type.textValue())) {
                        report(
                                ProblemCode.INVALID_CONTENT_PART,
                                at + " has a content part of a type fine-tuning does not take"
                                        + (IDENTIFIER.matcher(type.textValue()).matches()
                                                ? " (\"" + type.textValue() + "\")"
                                                : "")
                                        + "; allowed: text, image_url");
                        r.countable = false;
                        return 0;
                    }
                    if (type != null
                            && "text".equals(type.textValue())
                            && text != null
                            && text.isTextual()
                            && !text.textValue().isEmpty()) {
                        t += counter.count(text.textValue());
                    } else if (!image) {
                        report(
                                ProblemCode.MISSING_CONTENT,
                                at + " has a content part that is neither non-empty " + "text nor an image_url");
                        r.countable = false;
                        return 0;
                    }
                }
                return t;
            }
            report(
                    ProblemCode.MISSING_CONTENT,
                    at + " has \"content\" that is not a non-empty string or list of parts");
            r.countable = false;
            return 0;
        }

        /**
         * Checks an image part: a user message's, with an {@code https}/{@code http} URL or a {@code data:image/} URL.
         * The URL is never quoted.
         */
        private void imagePart(JsonNode imageUrl, String at, @Nullable String role) {
            JsonNode url = imageUrl.get("url");
            String u = url == null || !url.isTextual() ? "" : url.textValue();
            String lower = u.toLowerCase(java.util.Locale.ROOT);
            boolean allowed = (lower.startsWith("https://") && u.length() > 8)
                    || (lower.startsWith("http://") && u.length() > 7)
                    || lower.startsWith("data:image/");
            if (!imageUrl.isObject() || !allowed) {
                report(
                        ProblemCode.INVALID_CONTENT_PART,
                        at + " has an image part whose image_url.url is not an https, http or data:image URL");
            }
            if (!"user".equals(role)) {
                report(ProblemCode.INVALID_CONTENT_PART, at + " has an image part, which only user messages may have");
            }
        }

        /** Checks {@code tool_calls} (null = not allowed on this role); returns its tokens, or -1 when malformed. */
        private long toolCalls(@Nullable JsonNode calls, String at) {
            if (calls == null || !calls.isArray() || calls.isEmpty()) {
                report(
                        ProblemCode.INVALID_TOOL_CALLS,
                        at + " has \"tool_calls\" that is not a non-empty list on an assistant message");
                return -1;
            }
            long t = 0;
            for (JsonNode c : calls) {
                JsonNode id = c.get("id");
                JsonNode type = c.get("type");
                long f = c.isObject() ? function(c.get("function")) : -1;
                if (id == null || !id.isTextual() || type == null || !"function".equals(type.textValue()) || f < 0) {
                    report(
                            ProblemCode.INVALID_TOOL_CALLS,
                            at + " has a tool call that is not {id, type: \"function\", function: {name, arguments}}");
                    return -1;
                }
                t += counter.count(id.textValue()) + counter.count("function") + f;
            }
            return t;
        }

        private long function(@Nullable JsonNode f) {
            if (f == null || !f.isObject()) {
                return -1;
            }
            JsonNode name = f.get("name");
            JsonNode args = f.get("arguments");
            if (name == null || !name.isTextual() || args == null || !args.isTextual()) {
                return -1;
            }
            return (long) counter.count(name.textValue()) + counter.count(args.textValue());
        }

        private void count(long exampleTokens) {
            if (errors > 0) {
                return;
            }
            tokens = exampleTokens;
            if (exampleTokens > tokenLimit) {
                report(
                        ProblemCode.EXAMPLE_TOO_LONG,
                        "example has " + exampleTokens + " tokens, over the limit of " + tokenLimit
                                + " for the base model; the provider would truncate it");
            }
        }

        private void report(ProblemCode code, String message) {
            findings.add(new Finding(code, message));
            if (code.severity() == Severity.ERROR) {
                errors++;
            }
        }
    }

    /**
     * Where the first key or string value holding an unpaired surrogate is ({@code messages[1].content}; keys that are
     * not identifier-like are not shown), or null when there is none. Nesting is bounded by the parser's limit.
     */
    private static @Nullable String unpairedSurrogate(JsonNode node, String path) {
        if (node.isTextual()) {
            return hasUnpairedSurrogate(node.textValue()) ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                @Nullable String at = unpairedSurrogate(node.get(i), path + "[" + i + "]");
                if (at != null) {
                    return at;
                }
            }
        } else if (node.isObject()) {
            for (java.util.Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                String shown = IDENTIFIER.matcher(key).matches() ? key : "(key not shown)";
                String at = path.isEmpty() ? shown : path + "." + shown;
                if (hasUnpairedSurrogate(key)) {
                    return at;
                }
                @Nullable String inside = unpairedSurrogate(field.getValue(), at);
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String kind(JsonNode n) {
        if (n.isArray()) {
            return "array";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return "null";
    }
}
