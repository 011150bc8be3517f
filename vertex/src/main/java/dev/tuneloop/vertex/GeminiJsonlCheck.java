package dev.tuneloop.vertex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.FineTuneMethod;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A structural check of a Gemini tuning file before it is staged, so a malformed line fails here, naming the line and
 * the rule, and not an hour later in Vertex AI's validation.
 *
 * <p>Supervised lines: {@code {"systemInstruction"?: {"parts": […]}, "contents": [{"role": "user"|"model",
 * "parts": [{"text": …}]}, …]}}, turns alternating user/model from a user turn to a model turn. Preference lines:
 * {@code "contents"} ends with the user turn, and {@code "completions"} holds exactly two
 * {@code {"score": number, "completion": {"role": "model", "parts": […]}}} with different scores. A file holds one
 * kind. {@code system_instruction} is accepted as the snake_case spelling. Messages never quote a part's text.
 *
 * <p>This is not the exporter's validator (core's export presets own the format); it only keeps a file that cannot
 * be tuned on from being uploaded.
 */
final class GeminiJsonlCheck {
    /** After this many problems the check stops reading and reports what it found. */
    static final int MAX_PROBLEMS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a valid file held. */
    record Summary(FineTuneMethod method, int examples) {}

    private GeminiJsonlCheck() {}

    /**
     * Checks every line of a file.
     *
     * @param file the JSONL file
     * @return the file's kind and number of examples
     * @throws ValidationException listing up to {@link #MAX_PROBLEMS} problems, each naming its line and rule
     */
    static Summary check(Path file) {
        List<String> problems = new ArrayList<>();
        FineTuneMethod kind = null;
        int kindLine = 0;
        int examples = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null && problems.size() < MAX_PROBLEMS; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    problems.add("line " + lineNo + ": must hold one JSON object, but was empty");
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    problems.add("line " + lineNo + ": must be valid JSON, but did not parse (column "
                            + e.getLocation().getColumnNr() + ")");
                    continue;
                }
                if (node == null || !node.isObject()) {
                    problems.add("line " + lineNo + ": must be a JSON object, but was "
                            + (node == null
                                    ? "nothing"
                                    : node.getNodeType().name().toLowerCase(Locale.ROOT)));
                    continue;
                }
                FineTuneMethod lineKind = node.has("completions") ? FineTuneMethod.DPO : FineTuneMethod.SUPERVISED;
                if (kind == null) {
                    kind = lineKind;
                    kindLine = lineNo;
                } else if (kind != lineKind) {
                    problems.add("line " + lineNo + ": is a " + name(lineKind) + " example, but line " + kindLine
                            + " was a " + name(kind) + " example; a file holds one kind");
                    continue;
                }
                checkLine(node, lineNo, lineKind, problems);
                examples++;
            }
        } catch (IOException e) {
            throw new ValidationException("training file " + file.getFileName() + " could not be read: " + e);
        }
        if (problems.isEmpty() && examples == 0) {
            problems.add("file must hold at least one example, but was empty");
        }
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>();
            all.add("training file " + file.getFileName() + " is not valid Gemini tuning data"
                    + (problems.size() >= MAX_PROBLEMS ? " (first " + MAX_PROBLEMS + " problems)" : "") + ":");
            all.addAll(problems);
            throw new ValidationException(all);
        }
        return new Summary(kind == null ? FineTuneMethod.SUPERVISED : kind, examples);
    }

    private static String name(FineTuneMethod kind) {
        return kind == FineTuneMethod.DPO ? "preference" : "supervised";
    }

    private static void checkLine(JsonNode node, int lineNo, FineTuneMethod kind, List<String> problems) {
        String at = "line " + lineNo + ": ";
        JsonNode system =
                node.has("systemInstruction") ? node.get("systemInstruction") : node.get("system_instruction");
        if (system != null && !system.isNull()) {
            String field = node.has("systemInstruction") ? "systemInstruction" : "system_instruction";
            if (!system.isObject()) {
                problems.add(at + field + " must be an object with parts");
            } else {
                checkParts(system.get("parts"), at + field, problems);
            }
        }
        JsonNode contents = node.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            problems.add(at + "contents must be a non-empty array of turns");
            return;
        }
        String previous = null;
        for (int i = 0; i < contents.size(); i++) {
            JsonNode turn = contents.get(i);
            String where = at + "contents[" + i + "]";
            if (!turn.isObject()) {
                problems.add(where + " must be an object with role and parts");
                return;
            }
            String role = text(turn.get("role"));
            if (role == null || (!"user".equals(role) && !"model".equals(role))) {
                problems.add(where + ".role must be \"user\" or \"model\", but was " + shown(role));
                return;
            }
            if (i == 0 && !"user".equals(role)) {
                problems.add(where + ".role must be \"user\": the conversation starts with a user turn");
                return;
            }
            if (role.equals(previous)) {
                problems.add(
                        where + ".role must alternate user/model, but two \"" + role + "\" turns follow each other");
                return;
            }
            checkParts(turn.get("parts"), where, problems);
            previous = role;
        }
        if (kind == FineTuneMethod.SUPERVISED && !"model".equals(previous)) {
            problems.add(at + "contents must end with a \"model\" turn (the answer to train), but ended with \""
                    + previous + "\"");
        }
        if (kind == FineTuneMethod.DPO) {
            if (!"user".equals(previous)) {
                problems.add(at + "contents of a preference example must end with the \"user\" turn the completions"
                        + " answer, but ended with \"" + previous + "\"");
            }
            checkCompletions(node.get("completions"), at, problems);
        }
    }

    private static void checkCompletions(@Nullable JsonNode completions, String at, List<String> problems) {
        if (completions == null || !completions.isArray() || completions.size() != 2) {
            problems.add(at + "completions must be an array of exactly two scored completions, but had "
                    + (completions == null || !completions.isArray() ? "none" : completions.size()));
            return;
        }
        double[] scores = new double[2];
        for (int i = 0; i < 2; i++) {
            JsonNode c = completions.get(i);
            String where = at + "completions[" + i + "]";
            if (!c.isObject()) {
                problems.add(where + " must be an object with score and completion");
                return;
            }
            JsonNode score = c.get("score");
            if (score == null || !score.isNumber()) {
                problems.add(where + ".score must be a number");
                return;
            }
            scores[i] = score.asDouble();
            JsonNode completion = c.get("completion");
            if (completion == null || !completion.isObject()) {
                problems.add(where + ".completion must be an object with role and parts");
                return;
            }
            String role = text(completion.get("role"));
            if (role != null && !"model".equals(role)) {
                problems.add(where + ".completion.role must be \"model\", but was " + shown(role));
            }
            checkParts(completion.get("parts"), where + ".completion", problems);
        }
        if (scores[0] == scores[1]) {
            problems.add(at + "completions must have different scores (one preferred), but both were " + scores[0]);
        }
    }

    private static void checkParts(@Nullable JsonNode parts, String where, List<String> problems) {
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            problems.add(where + ".parts must be a non-empty array");
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            if (!part.isObject() || part.isEmpty()) {
                problems.add(where + ".parts[" + i + "] must be a non-empty object such as {\"text\": …}");
                return;
            }
            JsonNode t = part.get("text");
            if (t != null && !t.isTextual()) {
                problems.add(where + ".parts[" + i + "].text must be a string");
                return;
            }
        }
    }

    private static @Nullable String text(@Nullable JsonNode n) {
        return n == null || !n.isTextual() ? null : n.asText();
    }

    private static String shown(@Nullable String s) {
        if (s == null) {
            return "missing";
        }
        return "\"" + (s.length() <= 20 ? s : s.substring(0, 20) + "…") + "\"";
    }
}
