package dev.tuneloop.together;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.errors.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks Together runs on a fine-tuning file before it accepts it, done here before the upload so that a bad
 * file fails fast with the line and rule named. Modelled on Together's documented file check ({@code together
 * files check}, {@code check_file} in its Python SDK, and the "Preparing your data" guide): UTF-8 JSON Lines, one
 * object per line, every line in one of the fine-tuning formats, all lines in the same format:
 * <ul>
 *   <li>conversational: {@code messages}, a non-empty list of {@code {role, content}} with roles system, user,
 *   assistant or tool, and at least one assistant message (Tuneloop's supervised export);</li>
 *   <li>preference: {@code input.messages} with {@code preferred_output} and {@code non_preferred_output}, each a
 *   non-empty list of assistant messages (Tuneloop's preference export);</li>
 *   <li>instruction: string {@code prompt} and {@code completion};</li>
 *   <li>generic text: a string {@code text}.</li>
 * </ul>
 */
final class TogetherFileCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private static final int MAX_PROBLEMS = 10;

    private TogetherFileCheck() {}

    /**
     * Checks a file.
     *
     * @param file the JSONL file
     * @throws ValidationException naming the file, and for each bad line its number and the rule it breaks
     */
    static void check(Path file) {
        List<String> problems = new ArrayList<>();
        String name = String.valueOf(file.getFileName());
        @Nullable String format = null;
        int lineNo = 0;
        int examples = 0;
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            for (String line = in.readLine(); line != null && problems.size() < MAX_PROBLEMS; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    problems.add(name + " line " + lineNo + " must be one JSON object, but it does not parse");
                    continue;
                }
                if (node == null || !node.isObject()) {
                    problems.add(name + " line " + lineNo + " must be one JSON object, but was not an object");
                    continue;
                }
                String lineFormat = formatOf(node);
                if (lineFormat == null) {
                    problems.add(name + " line " + lineNo + " must be in a Together fine-tuning format (messages;"
                            + " input/preferred_output/non_preferred_output; prompt/completion; text), but it has"
                            + " fields " + fields(node));
                    continue;
                }
                if (format == null) {
                    format = lineFormat;
                } else if (!format.equals(lineFormat)) {
                    problems.add(name + " line " + lineNo + " must be in the file's format (" + format + "), but is "
                            + lineFormat);
                    continue;
                }
                String bad = problemIn(lineFormat, node);
                if (bad != null) {
                    problems.add(name + " line " + lineNo + " " + bad);
                    continue;
                }
                examples++;
            }
        } catch (CharacterCodingException e) {
            problems.add(name + " must be UTF-8, but line " + (lineNo + 1) + " is not");
        } catch (IOException e) {
            throw new ValidationException("file " + file + " must be a readable file, but "
                    + e.getClass().getSimpleName() + " was raised");
        }
        if (problems.isEmpty() && examples == 0) {
            problems.add(name + " must hold at least one example, but it has none");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private static String fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static @Nullable String formatOf(JsonNode node) {
        if (node.has("messages")) {
            return "conversational";
        }
        if (node.has("input") && node.has("preferred_output") && node.has("non_preferred_output")) {
            return "preference";
        }
        if (node.has("prompt") && node.has("completion")) {
            return "instruction";
        }
        if (node.has("text")) {
            return "text";
        }
        return null;
    }

    private static @Nullable String problemIn(String format, JsonNode node) {
        return switch (format) {
            case "conversational" -> messagesProblem(node.get("messages"), "messages", true);
            case "preference" -> {
                JsonNode input = node.get("input");
                @Nullable
                String p = input.isObject()
                        ? messagesProblem(input.get("messages"), "input.messages", false)
                        : "must have an object input, but it was " + input.getNodeType();
                if (p == null) {
                    p = assistantOnly(node.get("preferred_output"), "preferred_output");
                }
                if (p == null) {
                    p = assistantOnly(node.get("non_preferred_output"), "non_preferred_output");
                }
                yield p;
            }
            case "instruction" ->
                node.get("prompt").isTextual() && node.get("completion").isTextual()
                        ? null
                        : "must have string prompt and completion";
            default -> node.get("text").isTextual() ? null : "must have a string text";
        };
    }

    private static @Nullable String messagesProblem(@Nullable JsonNode messages, String field, boolean needsAssistant) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return "must have a non-empty list " + field;
        }
        boolean assistant = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            @Nullable JsonNode role = m.get("role");
            if (role == null || !ROLES.contains(role.asText())) {
                return "must have " + field + "[" + i + "].role in " + ROLES + ", but it was " + role;
            }
            @Nullable JsonNode content = m.get("content");
            if (content == null || !(content.isTextual() || content.isArray())) {
                return "must have " + field + "[" + i + "].content as text or parts";
            }
            assistant |= "assistant".equals(role.asText());
        }
        return needsAssistant && !assistant ? "must have at least one assistant message in " + field : null;
    }

    private static @Nullable String assistantOnly(JsonNode outputs, String field) {
        @Nullable String p = messagesProblem(outputs, field, true);
        if (p != null) {
            return p;
        }
        for (JsonNode m : outputs) {
            if (!"assistant".equals(m.get("role").asText())) {
                return "must have only assistant messages in " + field;
            }
        }
        return null;
    }
}
