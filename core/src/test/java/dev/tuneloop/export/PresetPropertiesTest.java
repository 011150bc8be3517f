package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.record.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random conversations (unicode, multi-turn, long texts) round-trip through every preset back to the same texts, the
 * preset's validator accepts them, and it never throws on broken lines.
 */
class PresetPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ExportFormat> PRESETS = List.of(
            ExportFormat.TRL_SFT,
            ExportFormat.TRL_DPO,
            ExportFormat.TRL_KTO,
            ExportFormat.GEMINI_SFT,
            ExportFormat.GEMINI_PREFERENCE);

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> any = Arbitraries.strings()
                .all()
                .ofMinLength(1)
                .ofMaxLength(300)
                .filter(s -> !s.isBlank() && !hasLoneSurrogate(s) && s.indexOf('\0') < 0);
        Arbitrary<String> longText = Arbitraries.strings()
                .withChars("abc déf 日本 🙂\n\"\\")
                .ofMinLength(2000)
                .ofMaxLength(6000)
                .filter(s -> !s.isBlank());
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, any), net.jqwik.api.Tuple.of(1, longText));
    }

    @Provide
    Arbitrary<PresetWriter.Conversation> conversations() {
        Arbitrary<String> t = texts();
        Arbitrary<List<String>> priorPairs = t.list().ofMaxSize(3);
        return Combinators.combine(t.injectNull(0.3), priorPairs, t).as((system, prior, user) -> {
            List<PresetWriter.Turn> turns = new ArrayList<>();
            for (String p : prior) {
                turns.add(new PresetWriter.Turn(Role.USER, p));
                turns.add(new PresetWriter.Turn(Role.ASSISTANT, p + "!"));
            }
            turns.add(new PresetWriter.Turn(Role.USER, user));
            return new PresetWriter.Conversation(system, turns);
        });
    }

    @Property(tries = 60)
    void everyPresetRoundTripsTheTexts(
            @ForAll("conversations") PresetWriter.Conversation c,
            @ForAll("texts") String answer,
            @ForAll("texts") String other)
            throws Exception {
        for (ExportFormat f : PRESETS) {
            String line = switch (f) {
                case TRL_SFT -> PresetWriter.trlSft(c, answer, "id-1");
                case TRL_DPO -> PresetWriter.trlDpo(c, answer, other, "id-1");
                case TRL_KTO -> PresetWriter.trlKto(c, answer, true, "id-1");
                case GEMINI_SFT -> PresetWriter.geminiSft(c, answer);
                case GEMINI_PREFERENCE -> PresetWriter.geminiPreference(c, answer, other);
                default -> throw new IllegalStateException();
            };
            JsonNode n = JSON.readTree(line);
            List<String> prompt = new ArrayList<>();
            String system;
            String gold;
            if (f.isTrl()) {
                system = null;
                for (JsonNode m : n.get("prompt")) {
                    if (m.get("role").asText().equals("system")) {
                        system = m.get("content").asText();
                    } else {
                        prompt.add(m.get("content").asText());
                    }
                }
                gold = n.get(f == ExportFormat.TRL_DPO ? "chosen" : "completion")
                        .get(0)
                        .get("content")
                        .asText();
                if (f == ExportFormat.TRL_DPO) {
                    assertThat(n.get("rejected").get(0).get("content").asText()).isEqualTo(other);
                }
            } else {
                JsonNode si = n.get(f == ExportFormat.GEMINI_SFT ? "systemInstruction" : "system_instruction");
                system = si == null ? null : si.get("parts").get(0).get("text").asText();
                List<JsonNode> contents = new ArrayList<>();
                n.get("contents").forEach(contents::add);
                if (f == ExportFormat.GEMINI_SFT) {
                    gold = contents.remove(contents.size() - 1)
                            .get("parts")
                            .get(0)
                            .get("text")
                            .asText();
                } else {
                    gold = n.get("completions")
                            .get(0)
                            .get("completion")
                            .get("parts")
                            .get(0)
                            .get("text")
                            .asText();
                    assertThat(n.get("completions")
                                    .get(1)
                                    .get("completion")
                                    .get("parts")
                                    .get(0)
                                    .get("text")
                                    .asText())
                            .isEqualTo(other);
                }
                contents.forEach(
                        m -> prompt.add(m.get("parts").get(0).get("text").asText()));
            }
            assertThat(system).as(f.name()).isEqualTo(c.system());
            assertThat(prompt)
                    .as(f.name())
                    .isEqualTo(c.turns().stream().map(PresetWriter.Turn::text).toList());
            assertThat(gold).as(f.name()).isEqualTo(answer);
            ValidationResult r = JsonlValidator.builder()
                    .format(f)
                    .minExamples(0)
                    .build()
                    .validate(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(r.errors()).as(f + " " + r.problems()).isZero();
        }
    }

    /** A random tool-calling exchange: rounds of 1-3 (parallel) calls to declared tools, each answered. */
    @Provide
    Arbitrary<List<PresetWriter.Turn>> toolRounds() {
        Arbitrary<String> t = texts();
        Arbitrary<PresetWriter.Turn[]> round = Combinators.combine(
                        t.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(0, 2).list().ofSize(3),
                        t.injectNull(0.5),
                        Arbitraries.of(true, false))
                .as((results, tools, text, jsonResults) -> {
                    PresetWriter.Turn[] turns = new PresetWriter.Turn[results.size() + 1];
                    List<dev.tuneloop.record.ToolCall> calls = new ArrayList<>();
                    for (int k = 0; k < results.size(); k++) {
                        String name = "tool_" + tools.get(k);
                        String args = JSON.createObjectNode()
                                .put("q", results.get(k))
                                .put("n", k)
                                .toString();
                        calls.add(new dev.tuneloop.record.ToolCall("c" + k, name, args));
                        String result = jsonResults
                                ? JSON.createObjectNode()
                                        .put("value", results.get(k))
                                        .toString()
                                : results.get(k);
                        turns[k + 1] = new PresetWriter.Turn(Role.TOOL, result, List.of(), name);
                    }
                    turns[0] = new PresetWriter.Turn(Role.ASSISTANT, text == null ? "" : text, calls, null);
                    return turns;
                });
        return round.list().ofMinSize(1).ofMaxSize(3).map(rounds -> {
            List<PresetWriter.Turn> steps = new ArrayList<>();
            rounds.forEach(r -> steps.addAll(List.of(r)));
            return steps;
        });
    }

    private static final List<dev.tuneloop.record.ToolDefinition> TOOLS = List.of(
            new dev.tuneloop.record.ToolDefinition("tool_0", "The first tool", "{\"type\":\"object\"}"),
            new dev.tuneloop.record.ToolDefinition("tool_1", null, "{\"type\":\"object\",\"properties\":{}}"),
            new dev.tuneloop.record.ToolDefinition("tool_2", "日本 🙂", "{}"));

    @Property(tries = 60)
    void geminiSftRoundTripsRandomToolCallingExamples(
            @ForAll("conversations") PresetWriter.Conversation c,
            @ForAll("toolRounds") List<PresetWriter.Turn> steps,
            @ForAll("texts") String answer)
            throws Exception {
        String line = PresetWriter.geminiSft(c, steps, answer, TOOLS);
        JsonNode n = JSON.readTree(line);
        List<PresetWriter.Turn> back = new ArrayList<>();
        for (JsonNode turn : n.get("contents")) {
            boolean model = turn.get("role").textValue().equals("model");
            String text = "";
            List<dev.tuneloop.record.ToolCall> calls = new ArrayList<>();
            for (JsonNode part : turn.get("parts")) {
                if (part.has("text")) {
                    text = part.get("text").textValue();
                } else if (part.has("functionCall")) {
                    JsonNode f = part.get("functionCall");
                    calls.add(new dev.tuneloop.record.ToolCall(
                            "c" + calls.size(),
                            f.get("name").textValue(),
                            f.get("args").toString()));
                } else {
                    JsonNode f = part.get("functionResponse");
                    JsonNode response = f.get("response");
                    // a result that was not a JSON object comes back wrapped as {"content": text}
                    String result = response.size() == 1 && response.has("content")
                            ? response.get("content").textValue()
                            : response.toString();
                    back.add(new PresetWriter.Turn(
                            Role.TOOL, result, List.of(), f.get("name").textValue()));
                }
            }
            if (!text.isEmpty() || !calls.isEmpty()) {
                back.add(new PresetWriter.Turn(model ? Role.ASSISTANT : Role.USER, text, calls, null));
            }
        }
        List<PresetWriter.Turn> expected = new ArrayList<>(c.turns());
        expected.addAll(steps);
        expected.add(new PresetWriter.Turn(Role.ASSISTANT, answer));
        assertThat(back).isEqualTo(expected);
        assertThat(n.get("tools").get(0).get("functionDeclarations")).hasSize(TOOLS.size());
        ValidationResult r = JsonlValidator.builder()
                .format(ExportFormat.GEMINI_SFT)
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(r.errors()).as(r.problems().toString()).isZero();
    }

    @Property(tries = 200)
    void validatorsNeverThrowOnBrokenLines(@ForAll("broken") String text) {
        for (ExportFormat f : PRESETS) {
            ValidationResult r = JsonlValidator.builder()
                    .format(f)
                    .maxLineBytes(64 * 1024)
                    .build()
                    .validate(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            assertThat(r.errors() + r.warnings())
                    .isEqualTo(r.countsByCode().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            assertThat(r.problems()).allSatisfy(p -> {
                assertThat(p.severity()).isEqualTo(p.code().severity());
                assertThat(p.message()).isNotBlank();
            });
        }
    }

    @Provide
    Arbitrary<String> broken() {
        String[] good = {
            PresetWriter.trlKto(
                    new PresetWriter.Conversation("S", List.of(new PresetWriter.Turn(Role.USER, "Q"))), "A", true, "i"),
            PresetWriter.trlDpo(
                    new PresetWriter.Conversation(null, List.of(new PresetWriter.Turn(Role.USER, "Q"))), "A", "B", "i"),
            PresetWriter.geminiPreference(
                    new PresetWriter.Conversation("S", List.of(new PresetWriter.Turn(Role.USER, "Q"))), "A", "B"),
            PresetWriter.geminiSft(
                    new PresetWriter.Conversation("S", List.of(new PresetWriter.Turn(Role.USER, "Q"))), "A"),
            PresetWriter.geminiSft(
                    new PresetWriter.Conversation("S", List.of(new PresetWriter.Turn(Role.USER, "Q"))),
                    List.of(
                            new PresetWriter.Turn(
                                    Role.ASSISTANT,
                                    "",
                                    List.of(new dev.tuneloop.record.ToolCall("c1", "tool_0", "{\"q\":1}")),
                                    null),
                            new PresetWriter.Turn(Role.TOOL, "R", List.of(), "tool_0")),
                    "A",
                    TOOLS)
        };
        Arbitrary<String> values = Arbitraries.of(
                "null",
                "1",
                "0.5",
                "true",
                "\"\"",
                "\"x\"",
                "[]",
                "{}",
                "[1]",
                "[{}]",
                "[{\"role\":1}]",
                "{\"parts\":7}");
        return Combinators.combine(
                        Arbitraries.of(good),
                        Arbitraries.integers().between(0, 400),
                        values,
                        Arbitraries.integers().between(0, 2))
                .as((g, cut, v, kind) -> {
                    if (kind == 0) {
                        return g.substring(0, Math.min(cut, g.length()));
                    }
                    // replace the value after some ':' with a wrong one
                    int colon = g.indexOf(':', Math.min(cut, g.length() - 1));
                    if (colon < 0) {
                        return g + v;
                    }
                    int end = colon + 1;
                    int depth = 0;
                    while (end < g.length()) {
                        char ch = g.charAt(end);
                        if (ch == '"' && depth == 0) {
                            end = g.indexOf('"', end + 1) + 1;
                            break;
                        }
                        if (ch == '[' || ch == '{') {
                            depth++;
                        } else if (ch == ']' || ch == '}') {
                            if (depth == 0) {
                                break;
                            }
                            depth--;
                            if (depth == 0) {
                                end++;
                                break;
                            }
                        }
                        end++;
                    }
                    return g.substring(0, colon + 1) + v + g.substring(Math.min(end, g.length()));
                });
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(ch)) {
                return true;
            }
        }
        return false;
    }
}
