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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks the lines of one file, one at a time, and gathers what the whole file needs (format, system prompts,
 * counts, tokens). Memory is bounded: one line at a time, the first system prompt, up to 10 000 prompt hashes and
 * up to {@code maxProblems} problems. Not thread-safe: one session per file.
 */
final class ValidationSession {

    static final int MAX_NESTING_DEPTH = 64;
    private static final int MAX_PROMPT_HASHES = 10_000;
    private static final Set<String> MESSAGE_KEYS =
            Set.of("role", "content", "name", "weight", "tool_calls", "tool_call_id", "function_call");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,40}");

    private final ObjectMapper mapper;
    private final TokenCounter tokens;
    private final int tokenLimit;
    private final int minExamples;
    private final int maxProblems;

    private long line;
    private long examples;
    private long errors;
    private long warnings;
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private boolean truncated;
    private ExportFormat format;
    private String firstSystemPrompt;
    private boolean inconsistencyReported;
    private final Set<Long> promptHashes = new HashSet<>();
    private long tokenExamples;
    private long tokenTotal;
    private long tokenMin = Long.MAX_VALUE;
    private long tokenMax;
    private long billing;
    private int lastTokens = -1;
    private int lineErrors;

    ValidationSession(TokenCounter tokens, int tokenLimit, int minExamples, int maxProblems, int maxStringBytes) {
        this.tokens = tokens;
        this.tokenLimit = tokenLimit;
        this.minExamples = minExamples;
        this.maxProblems = maxProblems;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(Math.max(1, maxStringBytes))
                        .maxNumberLength(1000)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /** The number of the last line given. */
    long lineNumber() {
        return line;
    }

    /** Tokens of the last line, or -1 when its structure was too broken to count. */
    int lastTokens() {
        return lastTokens;
    }

    /** Errors found on the last line. */
    int lastLineErrors() {
        return lineErrors;
    }

    void byteOrderMark() {
        report(line + 1, ProblemCode.BOM, "the file starts with a UTF-8 byte order mark; providers expect UTF-8 without BOM");
    }

    void lineTooLong(int maxLineBytes) {
        line++;
        lineErrors = 0;
        lastTokens = -1;
        report(line, ProblemCode.LINE_TOO_LONG, "line is longer than " + maxLineBytes + " bytes and was not read");
    }

    /**
     * Checks one line (without its {@code \n}).
     *
     * @param trustedUtf8 skip the UTF-8 check (the bytes come from a JSON generator)
     */
    void line(byte[] b, int off, int len, boolean trustedUtf8) {
        line++;
        lineErrors = 0;
        lastTokens = -1;
        if (isBlank(b, off, len)) {
            report(line, ProblemCode.EMPTY_LINE, "line is empty");
            return;
        }
        if (line > 1 && len >= 3 && (b[off] & 0xFF) == 0xEF && (b[off + 1] & 0xFF) == 0xBB && (b[off + 2] & 0xFF) == 0xBF) {
            report(line, ProblemCode.BOM, "line starts with a UTF-8 byte order mark");
            return;
        }
        if (!trustedUtf8 && !Utf8.isValid(b, off, len)) {
            report(line, ProblemCode.INVALID_UTF8, "line is not well-formed UTF-8");
            return;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] == 0) {
                report(line, ProblemCode.INVALID_JSON, "line contains a raw NUL byte at column " + (i - off + 1));
                return;
            }
        }
        JsonNode node;
        try {
            node = mapper.readTree(b, off, len);
        } catch (StreamConstraintsException e) {
            report(line, ProblemCode.INVALID_JSON, "line exceeds a parser limit (nesting depth " + MAX_NESTING_DEPTH
                    + ", string or number length)");
            return;
        } catch (JsonProcessingException e) {
            long col = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            report(line, ProblemCode.INVALID_JSON, "line is not one valid JSON value"
                    + (col > 0 ? " (error near column " + col + ")" : ""));
            return;
        } catch (IOException e) {
            report(line, ProblemCode.INVALID_JSON, "line is not one valid JSON value");
            return;
        }
        if (node == null || !node.isObject()) {
            report(line, ProblemCode.DATA_TYPE, "line is a JSON " + (node == null ? "nothing" : kind(node))
                    + ", but an example must be an object");
            return;
        }
        examples++;
        if (node.has("messages")) {
            supervised(node);
        } else if (node.has("input") || node.has("preferred_output") || node.has("non_preferred_output")) {
            preference(node);
        } else {
            report(line, ProblemCode.MISSING_MESSAGES_LIST, "example has no \"messages\" list");
        }
    }

    private void supervised(JsonNode node) {
        sameFormat(ExportFormat.SUPERVISED);
        JsonNode messages = node.get("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            report(line, ProblemCode.MISSING_MESSAGES_LIST, "\"messages\" must be a non-empty list");
            return;
        }
        Roles roles = messages(messages, "messages");
        if (!roles.assistant) {
            report(line, ProblemCode.EXAMPLE_MISSING_ASSISTANT_MESSAGE, "example has no assistant message");
        }
        conversationWarnings(roles);
        if (roles.countable) {
            count(roles.tokens + TokenCounter.TOKENS_PER_EXAMPLE);
        }
    }

    private void preference(JsonNode node) {
        sameFormat(ExportFormat.PREFERENCE);
        JsonNode input = node.get("input");
        JsonNode messages = input == null ? null : input.get("messages");
        if (input == null || !input.isObject() || messages == null || !messages.isArray() || messages.isEmpty()) {
            report(line, ProblemCode.MISSING_MESSAGES_LIST, "\"input.messages\" must be a non-empty list");
            return;
        }
        Roles roles = messages(messages, "input.messages");
        if (roles.lastRole != null && roles.lastRole.equals("assistant")) {
            report(line, ProblemCode.PREFERENCE_INPUT_ENDS_WITH_ASSISTANT,
                    "\"input.messages\" must not end with an assistant message");
        }
        conversationWarnings(roles);
        long preferred = output(node, "preferred_output");
        long nonPreferred = output(node, "non_preferred_output");
        if (roles.countable && preferred >= 0 && nonPreferred >= 0) {
            count(roles.tokens + TokenCounter.TOKENS_PER_EXAMPLE + preferred + nonPreferred);
        }
    }

    /** Checks a preference output; returns its tokens, or -1 when it is malformed. */
    private long output(JsonNode node, String key) {
        JsonNode out = node.get(key);
        if (out == null || !out.isArray() || out.size() != 1 || !out.get(0).isObject()) {
            report(line, ProblemCode.INVALID_PREFERENCE_OUTPUT, "\"" + key + "\" must be a list of exactly one message");
            return -1;
        }
        JsonNode m = out.get(0);
        JsonNode role = m.get("role");
        JsonNode content = m.get("content");
        if (role == null || !role.isTextual() || !role.textValue().equals("assistant")
                || content == null || !content.isTextual() || content.textValue().isEmpty()) {
            report(line, ProblemCode.INVALID_PREFERENCE_OUTPUT,
                    "\"" + key + "\"[0] must be an assistant message with non-empty string content");
            return -1;
        }
        return TokenCounter.TOKENS_PER_MESSAGE + tokens.count("assistant") + tokens.count(content.textValue());
    }

    private void conversationWarnings(Roles roles) {
        if (roles.systemPrompt == null) {
            report(line, ProblemCode.MISSING_SYSTEM_MESSAGE, "example has no system message");
        } else {
            systemPrompt(roles.systemPrompt);
        }
        if (!roles.user) {
            report(line, ProblemCode.MISSING_USER_MESSAGE, "example has no user message");
        }
    }

    private void systemPrompt(String prompt) {
        if (promptHashes.size() < MAX_PROMPT_HASHES) {
            promptHashes.add(hash64(prompt));
        }
        if (firstSystemPrompt == null) {
            firstSystemPrompt = prompt;
        } else if (!inconsistencyReported && !firstSystemPrompt.equals(prompt)) {
            inconsistencyReported = true;
            report(line, ProblemCode.INCONSISTENT_SYSTEM_PROMPT,
                    "system prompt differs from the first example's; providers advise one consistent system prompt");
        }
    }

    private static final class Roles {
        boolean assistant;
        boolean user;
        String systemPrompt;
        String lastRole;
        boolean countable = true;
        long tokens;
    }

    private Roles messages(JsonNode messages, String path) {
        Roles r = new Roles();
        int i = 0;
        for (JsonNode m : messages) {
            String at = path + "[" + i + "]";
            i++;
            if (!m.isObject()) {
                report(line, ProblemCode.MESSAGE_MISSING_KEY, at + " is not an object with role and content");
                r.countable = false;
                continue;
            }
            for (Iterator<String> keys = m.fieldNames(); keys.hasNext(); ) {
                String k = keys.next();
                if (!MESSAGE_KEYS.contains(k)) {
                    report(line, ProblemCode.MESSAGE_UNRECOGNIZED_KEY, at + " has an unrecognized key "
                            + (IDENTIFIER.matcher(k).matches() ? "\"" + k + "\"" : "(not shown)")
                            + "; allowed: role, content, name, weight, tool_calls, tool_call_id, function_call");
                }
            }
            JsonNode roleNode = m.get("role");
            String role = null;
            if (roleNode == null) {
                report(line, ProblemCode.MESSAGE_MISSING_KEY, at + " has no \"role\"");
                r.countable = false;
            } else if (!roleNode.isTextual() || !ROLES.contains(roleNode.textValue())) {
                report(line, ProblemCode.UNRECOGNIZED_ROLE, at + " has an unrecognized role; allowed: "
                        + "system, developer, user, assistant, tool, function");
                r.countable = false;
            } else {
                role = roleNode.textValue();
            }
            r.lastRole = role;
            JsonNode toolCalls = m.get("tool_calls");
            JsonNode functionCall = m.get("function_call");
            boolean calls = (toolCalls != null && !toolCalls.isNull()) || (functionCall != null && !functionCall.isNull());
            JsonNode content = m.get("content");
            long contentTokens = content(content, calls, at, r);
            long t = TokenCounter.TOKENS_PER_MESSAGE + contentTokens;
            if (role != null) {
                t += tokens.count(role);
            }
            JsonNode name = m.get("name");
            if (name != null) {
                if (!name.isTextual()) {
                    report(line, ProblemCode.INVALID_NAME, at + " has a \"name\" that is not a string");
                } else {
                    t += tokens.count(name.textValue()) + TokenCounter.TOKENS_PER_NAME;
                }
            }
            JsonNode weight = m.get("weight");
            if (weight != null && (!"assistant".equals(role) || !weight.isIntegralNumber()
                    || (weight.asLong() != 0 && weight.asLong() != 1))) {
                report(line, ProblemCode.INVALID_WEIGHT, at + " has a \"weight\" that is not 0 or 1 on an assistant message");
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
                    report(line, ProblemCode.INVALID_TOOL_CALLS, at
                            + " has a \"function_call\" that is not {name, arguments} on an assistant message");
                    r.countable = false;
                } else {
                    t += c;
                }
            }
            JsonNode toolCallId = m.get("tool_call_id");
            if ("tool".equals(role) && (toolCallId == null || !toolCallId.isTextual())) {
                report(line, ProblemCode.MISSING_TOOL_CALL_ID, at + " is a tool message without a string \"tool_call_id\"");
            } else if (toolCallId != null && toolCallId.isTextual()) {
                t += tokens.count(toolCallId.textValue());
            }
            if ("assistant".equals(role)) {
                r.assistant = true;
            } else if ("user".equals(role)) {
                r.user = true;
            } else if (("system".equals(role) || "developer".equals(role)) && r.systemPrompt == null
                    && content != null && content.isTextual()) {
                r.systemPrompt = content.textValue();
            }
            r.tokens += t;
        }
        return r;
    }

    /** Checks content; returns its tokens (0 when absent or broken). */
    private long content(JsonNode content, boolean calls, String at, Roles r) {
        if (content == null) {
            if (!calls) {
                report(line, ProblemCode.MESSAGE_MISSING_KEY, at + " has no \"content\"");
                r.countable = false;
            }
            return 0;
        }
        if (content.isNull() && calls) {
            return 0;
        }
        if (content.isTextual()) {
            if (content.textValue().isEmpty() && !calls) {
                report(line, ProblemCode.MISSING_CONTENT, at + " has empty \"content\"");
            }
            return tokens.count(content.textValue());
        }
        if (content.isArray() && !content.isEmpty()) {
            long t = 0;
            for (JsonNode part : content) {
                JsonNode type = part.get("type");
                JsonNode text = part.get("text");
                if (type != null && "text".equals(type.textValue()) && text != null && text.isTextual()
                        && !text.textValue().isEmpty()) {
                    t += tokens.count(text.textValue());
                } else if (type != null && "image_url".equals(type.textValue()) && part.get("image_url") != null) {
                    continue;
                } else {
                    report(line, ProblemCode.MISSING_CONTENT, at + " has a content part that is neither non-empty "
                            + "text nor an image_url");
                    r.countable = false;
                    return 0;
                }
            }
            return t;
        }
        report(line, ProblemCode.MISSING_CONTENT, at + " has \"content\" that is not a non-empty string or list of parts");
        r.countable = false;
        return 0;
    }

    /** Checks {@code tool_calls} (null = not allowed on this role); returns its tokens, or -1 when malformed. */
    private long toolCalls(JsonNode calls, String at) {
        if (calls == null || !calls.isArray() || calls.isEmpty()) {
            report(line, ProblemCode.INVALID_TOOL_CALLS, at
                    + " has \"tool_calls\" that is not a non-empty list on an assistant message");
            return -1;
        }
        long t = 0;
        for (JsonNode c : calls) {
            JsonNode id = c.get("id");
            JsonNode type = c.get("type");
            long f = c.isObject() ? function(c.get("function")) : -1;
            if (id == null || !id.isTextual() || type == null || !"function".equals(type.textValue()) || f < 0) {
                report(line, ProblemCode.INVALID_TOOL_CALLS, at
                        + " has a tool call that is not {id, type: \"function\", function: {name, arguments}}");
                return -1;
            }
            t += tokens.count(id.textValue()) + tokens.count("function") + f;
        }
        return t;
    }

    private long function(JsonNode f) {
        if (f == null || !f.isObject()) {
            return -1;
        }
        JsonNode name = f.get("name");
        JsonNode args = f.get("arguments");
        if (name == null || !name.isTextual() || args == null || !args.isTextual()) {
            return -1;
        }
        return tokens.count(name.textValue()) + tokens.count(args.textValue());
    }

    private void count(long exampleTokens) {
        if (lineErrors > 0) {
            return;
        }
        lastTokens = (int) Math.min(Integer.MAX_VALUE, exampleTokens);
        tokenExamples++;
        tokenTotal += exampleTokens;
        tokenMin = Math.min(tokenMin, exampleTokens);
        tokenMax = Math.max(tokenMax, exampleTokens);
        billing += Math.min(tokenLimit, exampleTokens);
        if (exampleTokens > tokenLimit) {
            report(line, ProblemCode.EXAMPLE_TOO_LONG, "example has " + exampleTokens + " tokens, over the limit of "
                    + tokenLimit + " for the base model; the provider would truncate it");
        }
    }

    private void sameFormat(ExportFormat f) {
        if (format == null) {
            format = f;
        } else if (format != f) {
            report(line, ProblemCode.MIXED_FORMATS, "example is " + f.name().toLowerCase(java.util.Locale.ROOT)
                    + " but the file started with " + format.name().toLowerCase(java.util.Locale.ROOT) + " examples");
        }
    }

    private void report(long at, ProblemCode code, String message) {
        counts.merge(code.code(), 1L, Long::sum);
        if (code.severity() == Severity.ERROR) {
            errors++;
            lineErrors++;
        } else {
            warnings++;
        }
        if (problems.size() < maxProblems) {
            problems.add(Problem.of(at, code, message));
        } else {
            truncated = true;
        }
    }

    /** Adds the whole-file checks and returns the result. The session must not be used afterwards. */
    ValidationResult finish() {
        if (examples < minExamples) {
            report(Math.max(1, line), ProblemCode.TOO_FEW_EXAMPLES, "file has " + examples
                    + " examples, fewer than the minimum of " + minExamples);
        }
        TokenStats stats = tokenExamples == 0 ? TokenStats.NONE : new TokenStats(tokenExamples, tokenTotal, tokenMin,
                tokenMax, (double) tokenTotal / tokenExamples, billing);
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingLong(Problem::line));
        return new ValidationResult(format, line, examples, errors, warnings, counts, sorted, truncated,
                promptHashes.size(), stats);
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

    private static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
