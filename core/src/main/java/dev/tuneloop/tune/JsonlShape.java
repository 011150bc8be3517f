package dev.tuneloop.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The last structural check before a file leaves for the provider: every line a JSON object of the method's shape
 * (OpenAI chat format for SUPERVISED, preference format for DPO). The exporter checks far more; this catches a
 * wrong, truncated or hand-edited file. Problems name line numbers, never content. Streams the file.
 */
final class JsonlShape {
    static final int MAX_PROBLEMS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private JsonlShape() {}

    /** The number of lines and the problems found (at most {@link #MAX_PROBLEMS}, then a count of the rest). */
    record Result(long lines, List<String> problems) {}

    static Result check(Path file, FineTuneMethod method) {
        List<String> problems = new ArrayList<>();
        long more = 0;
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                String problem = lineProblem(line, method);
                if (problem != null) {
                    if (problems.size() < MAX_PROBLEMS) {
                        problems.add(file.getFileName() + " line " + lineNo + " " + problem);
                    } else {
                        more++;
                    }
                }
            }
        } catch (IOException e) {
            problems.add("file " + file + " must be a readable UTF-8 file, but reading failed: "
                    + e.getClass().getSimpleName());
        }
        if (more > 0) {
            problems.add("and " + more + " more lines with problems");
        }
        return new Result(lineNo, problems);
    }

    private static String lineProblem(String line, FineTuneMethod method) {
        if (line.isBlank()) {
            return "is empty (every line must be one JSON object)";
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return "is not valid JSON";
        }
        if (node == null || !node.isObject()) {
            return "must be a JSON object";
        }
        return method == FineTuneMethod.DPO ? dpoProblem(node) : chatProblem(node);
    }

    private static String chatProblem(JsonNode node) {
        String p = messagesProblem("messages", node.get("messages"), false);
        if (p != null) {
            return p;
        }
        for (JsonNode m : node.get("messages")) {
            if ("assistant".equals(m.get("role").asText())) {
                return null;
            }
        }
        return "must have at least one assistant message";
    }

    private static String dpoProblem(JsonNode node) {
        JsonNode input = node.get("input");
        if (input == null || !input.isObject()) {
            return "must have an \"input\" object (preference format)";
        }
        String p = messagesProblem("input.messages", input.get("messages"), false);
        if (p == null) {
            p = messagesProblem("preferred_output", node.get("preferred_output"), true);
        }
        if (p == null) {
            p = messagesProblem("non_preferred_output", node.get("non_preferred_output"), true);
        }
        return p;
    }

    private static String messagesProblem(String field, JsonNode messages, boolean assistantOnly) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return "must have a non-empty \"" + field + "\" array";
        }
        int i = 0;
        for (JsonNode m : messages) {
            JsonNode role = m.get("role");
            if (!m.isObject() || role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                return "has a message without a valid role at " + field + "[" + i + "]";
            }
            if (assistantOnly && !"assistant".equals(role.asText())) {
                return "must have only assistant messages in " + field + ", but " + field + "[" + i + "] is "
                        + role.asText();
            }
            JsonNode content = m.get("content");
            boolean hasToolCalls = m.has("tool_calls") && m.get("tool_calls").isArray();
            boolean contentOk = content != null
                    && ((content.isTextual() && !content.asText().isEmpty())
                            || (content.isArray() && !content.isEmpty()));
            if (!contentOk && !hasToolCalls) {
                return "has a message with empty or missing content at " + field + "[" + i + "]";
            }
            i++;
        }
        return null;
    }
}
