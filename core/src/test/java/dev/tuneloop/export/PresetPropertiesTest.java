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
                    new PresetWriter.Conversation("S", List.of(new PresetWriter.Turn(Role.USER, "Q"))), "A")
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
