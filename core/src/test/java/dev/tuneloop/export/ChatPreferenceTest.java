package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.Role;
import dev.tuneloop.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExportFormat#CHAT_PREFERENCE}: the exporter writes TRL_DPO's pairs in Axolotl's and LLaMA-Factory's layout,
 * the validator's codes, random round trips, broken lines, and sidecars that point at keys the file has.
 */
class ChatPreferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String U = "{\"role\":\"user\",\"content\":\"Q?\"}";
    private static final String S = "{\"role\":\"system\",\"content\":\"S\"}";
    private static final String CH = "{\"role\":\"assistant\",\"content\":\"Good.\"}";
    private static final String RJ = "{\"role\":\"assistant\",\"content\":\"Bad.\"}";
    private static final String GOOD =
            "{\"messages\":[" + S + "," + U + "],\"chosen\":" + CH + ",\"rejected\":" + RJ + ",\"example_id\":\"e1\"}";

    private final Store store = Store.inMemory();
    private final JsonlExporter exporter = JsonlExporter.create(store.examples());

    private static ValidationResult validate(ExportFormat f, String... lines) {
        String text = String.join("\n", lines) + "\n";
        return JsonlValidator.builder()
                .format(f)
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String export(ExportFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r =
                exporter.export(ExportOptions.builder().minExamples(0).format(f).build(), out);
        assertThat(r.validation().errors())
                .as(f + " " + r.validation().problems())
                .isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private void mixedStore() {
        example(1).into(store.examples());
        example(2).edited("Edited answer 2, mail ops@example.com").into(store.examples());
        example(3)
                .prior(List.of(ChatMessage.user("Earlier question?"), ChatMessage.assistant("Earlier answer.")))
                .improved("Improved answer 3 with 日本語 and 🙂")
                .into(store.examples());
        example(4)
                .context(List.of(new RetrievedDocument("d1", "10-K", "Revenue grew 12%.")))
                .edited("Edited 4.")
                .into(store.examples());
        example(5).system(null).edited("Edited 5.").into(store.examples());
        example(6).holdout().edited("Edited 6.").into(store.examples());
    }

    // ---- the exporter

    @Test
    void linesHaveTheDocumentedShape() {
        TrainingExample e =
                example(1).user("Q?").original("Old.").edited("New.").into(store.examples());
        assertThat(export(ExportFormat.CHAT_PREFERENCE))
                .isEqualTo("{\"messages\":[{\"role\":\"system\",\"content\":\"" + Examples.SYSTEM + "\"},"
                        + "{\"role\":\"user\",\"content\":\"Q?\"}],"
                        + "\"chosen\":{\"role\":\"assistant\",\"content\":\"New.\"},"
                        + "\"rejected\":{\"role\":\"assistant\",\"content\":\"Old.\"},"
                        + "\"example_id\":\"" + e.id() + "\"}\n");
    }

    @Test
    void holdsExactlyTrlDposPairsWithSingleMessageAnswers() throws IOException {
        mixedStore();
        ExportReport chat = exporter.export(
                ExportOptions.builder()
                        .minExamples(0)
                        .format(ExportFormat.CHAT_PREFERENCE)
                        .build(),
                new ByteArrayOutputStream());
        ExportReport trl = exporter.export(
                ExportOptions.builder()
                        .minExamples(0)
                        .format(ExportFormat.TRL_DPO)
                        .build(),
                new ByteArrayOutputStream());
        assertThat(chat.written()).isEqualTo(trl.written()).isEqualTo(4);
        assertThat(chat.skipped()).isEqualTo(trl.skipped());
        assertThat(chat.redactions()).isEqualTo(trl.redactions()).containsKey("EMAIL");
        assertThat(chat.validation().tokens().total()).isPositive();
        assertThat(chat.tokens().total()).isPositive();
        List<JsonNode> c = lines(export(ExportFormat.CHAT_PREFERENCE));
        List<JsonNode> t = lines(export(ExportFormat.TRL_DPO));
        assertThat(c).hasSameSizeAs(t);
        for (int i = 0; i < c.size(); i++) {
            assertThat(c.get(i).get("messages")).isEqualTo(t.get(i).get("prompt"));
            assertThat(c.get(i).get("chosen")).isEqualTo(t.get(i).get("chosen").get(0));
            assertThat(c.get(i).get("rejected"))
                    .isEqualTo(t.get(i).get("rejected").get(0));
            assertThat(c.get(i).get("example_id")).isEqualTo(t.get(i).get("example_id"));
        }
        assertThat(c.toString()).doesNotContain("ops@example.com").doesNotContain("Edited 6.");
    }

    // ---- the validator

    static Stream<Arguments> violations() {
        String ms = "{\"messages\":[" + U + "]";
        return Stream.of(
                Arguments.of(ms + ",\"chosen\":" + CH + "}", ProblemCode.MISSING_FIELD),
                Arguments.of("{\"chosen\":" + CH + ",\"rejected\":" + RJ + "}", ProblemCode.MISSING_FIELD),
                Arguments.of(
                        "{\"messages\":\"Q?\",\"chosen\":" + CH + ",\"rejected\":" + RJ + "}",
                        ProblemCode.MISSING_FIELD),
                Arguments.of(
                        "{\"messages\":[],\"chosen\":" + CH + ",\"rejected\":" + RJ + "}", ProblemCode.MISSING_FIELD),
                Arguments.of(
                        ms + ",\"chosen\":[" + CH + "],\"rejected\":[" + RJ + "]}", ProblemCode.INVALID_COMPLETION),
                Arguments.of(ms + ",\"chosen\":\"Good.\",\"rejected\":\"Bad.\"}", ProblemCode.INVALID_COMPLETION),
                Arguments.of(ms + ",\"chosen\":" + U + ",\"rejected\":" + RJ + "}", ProblemCode.INVALID_COMPLETION),
                Arguments.of(ms + ",\"chosen\":" + CH + ",\"rejected\":\"Bad.\"}", ProblemCode.MIXED_DATASET_STYLES),
                Arguments.of(
                        ms + ",\"chosen\":[" + CH + "],\"rejected\":" + RJ + "}", ProblemCode.MIXED_DATASET_STYLES),
                Arguments.of(
                        ms + ",\"chosen\":" + CH + ",\"rejected\":" + CH + "}", ProblemCode.IDENTICAL_PREFERENCE_PAIR),
                Arguments.of(
                        "{\"messages\":[" + U + "," + CH + "],\"chosen\":" + CH + ",\"rejected\":" + RJ + "}",
                        ProblemCode.INVALID_LAST_TURN),
                Arguments.of(
                        "{\"messages\":[" + U + "," + U + "],\"chosen\":" + CH + ",\"rejected\":" + RJ + "}",
                        ProblemCode.INVALID_TURN_ORDER),
                Arguments.of(
                        "{\"messages\":[" + U + "," + CH + "," + S + "," + U + "],\"chosen\":" + CH + ",\"rejected\":"
                                + RJ + "}",
                        ProblemCode.INVALID_TURN_ORDER),
                Arguments.of(
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Q?\",\"weight\":1}],\"chosen\":" + CH
                                + ",\"rejected\":" + RJ + "}",
                        ProblemCode.OPENAI_ONLY_KEY),
                Arguments.of(
                        ms + ",\"chosen\":{\"role\":\"assistant\",\"content\":\"Good.\",\"weight\":1},"
                                + "\"rejected\":" + RJ + "}",
                        ProblemCode.OPENAI_ONLY_KEY),
                Arguments.of(
                        ms + ",\"chosen\":{\"role\":\"assistant\",\"content\":\"Good.\",\"from\":\"gpt\"},"
                                + "\"rejected\":" + RJ + "}",
                        ProblemCode.MESSAGE_UNRECOGNIZED_KEY),
                Arguments.of(
                        ms + ",\"chosen\":{\"role\":\"assistant\",\"content\":\"\"},\"rejected\":" + RJ + "}",
                        ProblemCode.MISSING_CONTENT),
                Arguments.of(
                        "{\"messages\":[{\"role\":\"developer\",\"content\":\"D\"}," + U + "],\"chosen\":" + CH
                                + ",\"rejected\":" + RJ + "}",
                        ProblemCode.UNRECOGNIZED_ROLE),
                Arguments.of(
                        "{\"prompt\":[" + U + "],\"chosen\":[" + CH + "],\"rejected\":[" + RJ + "]}",
                        ProblemCode.UNEXPECTED_FORMAT),
                Arguments.of(
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Q\"}]}]}",
                        ProblemCode.UNEXPECTED_FORMAT));
    }

    @ParameterizedTest
    @MethodSource("violations")
    void eachViolationHasItsCodeOnItsLine(String bad, ProblemCode code) {
        ValidationResult r = validate(ExportFormat.CHAT_PREFERENCE, GOOD, bad);
        assertThat(r.count(code)).as(r.problems().toString()).isPositive();
        assertThat(r.problems())
                .filteredOn(p -> p.code() == code)
                .allSatisfy(p -> assertThat(p.line()).isEqualTo(2));
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aGoodFileIsAcceptedAndOnlyByItsOwnValidator() {
        String multiTurn = "{\"messages\":[" + U + "," + CH + ",{\"role\":\"user\",\"content\":\"More?\"}],"
                + "\"chosen\":" + CH + ",\"rejected\":" + RJ + "}";
        ValidationResult ok = validate(ExportFormat.CHAT_PREFERENCE, GOOD, multiTurn);
        assertThat(ok.ok()).as(ok.problems().toString()).isTrue();
        assertThat(ok.format()).isEqualTo(ExportFormat.CHAT_PREFERENCE);
        assertThat(ok.tokens().examples()).isEqualTo(2);
        assertThat(ok.tokens().min()).isPositive();
        for (ExportFormat other : List.of(
                ExportFormat.TRL_DPO, ExportFormat.TRL_SFT, ExportFormat.TRL_KTO, ExportFormat.GEMINI_PREFERENCE)) {
            ValidationResult wrong = validate(other, GOOD);
            assertThat(wrong.count(ProblemCode.UNEXPECTED_FORMAT))
                    .as(other.name())
                    .isEqualTo(1);
        }
    }

    // ---- properties

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

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(ch)) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<PresetWriter.Conversation> conversations() {
        Arbitrary<String> t = texts();
        return Combinators.combine(t.injectNull(0.3), t.list().ofMaxSize(3), t).as((system, prior, user) -> {
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
    void roundTripsTheTexts(
            @ForAll("conversations") PresetWriter.Conversation c,
            @ForAll("texts") String chosen,
            @ForAll("texts") String rejected)
            throws Exception {
        String line = PresetWriter.chatPreference(c, chosen, rejected, "id-1");
        JsonNode n = JSON.readTree(line);
        String system = null;
        List<String> turns = new ArrayList<>();
        for (JsonNode m : n.get("messages")) {
            if (m.get("role").asText().equals("system")) {
                system = m.get("content").asText();
            } else {
                turns.add(m.get("content").asText());
            }
        }
        assertThat(system).isEqualTo(c.system());
        assertThat(turns)
                .isEqualTo(c.turns().stream().map(PresetWriter.Turn::text).toList());
        assertThat(n.get("chosen").get("content").asText()).isEqualTo(chosen);
        assertThat(n.get("rejected").get("content").asText()).isEqualTo(rejected);
        assertThat(n.get("example_id").asText()).isEqualTo("id-1");
        ValidationResult r = validate(ExportFormat.CHAT_PREFERENCE, line);
        if (chosen.equals(rejected)) {
            assertThat(r.count(ProblemCode.IDENTICAL_PREFERENCE_PAIR)).isEqualTo(1);
            assertThat(r.errors()).isEqualTo(1);
        } else {
            assertThat(r.errors()).as(r.problems().toString()).isZero();
        }
    }

    @Property(tries = 200)
    void validatorsNeverThrowOnBrokenLines(@ForAll("broken") String text) {
        for (ExportFormat f : List.of(ExportFormat.CHAT_PREFERENCE, ExportFormat.TRL_DPO, ExportFormat.SUPERVISED)) {
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
        String good = PresetWriter.chatPreference(
                new PresetWriter.Conversation(
                        "S",
                        List.of(
                                new PresetWriter.Turn(Role.USER, "Q"),
                                new PresetWriter.Turn(Role.ASSISTANT, "A"),
                                new PresetWriter.Turn(Role.USER, "Q2"))),
                "A",
                "B",
                "i");
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
                "{\"role\":\"assistant\"}",
                "{\"role\":\"user\",\"content\":\"x\"}",
                "[[]]");
        return Combinators.combine(
                        Arbitraries.integers().between(0, 400),
                        values,
                        Arbitraries.integers().between(0, 2))
                .as((cut, v, kind) -> {
                    if (kind == 0) {
                        return good.substring(0, Math.min(cut, good.length()));
                    }
                    int colon = good.indexOf(':', Math.min(cut, good.length() - 1));
                    if (colon < 0) {
                        return good + v;
                    }
                    int end = good.indexOf(kind == 1 ? ',' : '}', colon);
                    return good.substring(0, colon + 1) + v + (end < 0 ? "" : good.substring(end));
                });
    }

    // ---- sidecars

    @Test
    void axolotlFragmentPointsAtKeysTheFileHas() throws IOException {
        mixedStore();
        List<JsonNode> rows = lines(export(ExportFormat.CHAT_PREFERENCE));
        JsonNode y = new YAMLMapper().readTree(TrainerSidecars.axolotlChatPreference("data/chat-preference.jsonl"));
        assertThat(y.get("rl").asText()).isEqualTo("dpo");
        JsonNode d = y.get("datasets").get(0);
        assertThat(d.get("path").asText()).isEqualTo("data/chat-preference.jsonl");
        assertThat(d.get("ds_type").asText()).isEqualTo("json");
        assertThat(d.get("type").asText()).isEqualTo("chat_template.default");
        String role = d.get("message_property_mappings").get("role").asText();
        String content = d.get("message_property_mappings").get("content").asText();
        Set<String> mappedRoles = new HashSet<>();
        d.get("roles").forEach(list -> list.forEach(r -> mappedRoles.add(r.asText())));
        for (JsonNode row : rows) {
            JsonNode messages = row.get(d.get("field_messages").asText());
            assertThat(messages.isArray()).isTrue();
            List<JsonNode> all = new ArrayList<>();
            messages.forEach(all::add);
            // Axolotl's chat_template.default reads chosen/rejected as one message object
            JsonNode chosen = row.get(d.get("field_chosen").asText());
            JsonNode rejected = row.get(d.get("field_rejected").asText());
            assertThat(chosen.isObject()).isTrue();
            assertThat(rejected.isObject()).isTrue();
            all.add(chosen);
            all.add(rejected);
            for (JsonNode m : all) {
                assertThat(m.get(role).isTextual()).isTrue();
                assertThat(m.get(content).isTextual()).isTrue();
                assertThat(mappedRoles).contains(m.get(role).asText());
            }
        }
        assertThat(rows).hasSize(4);
    }

    @Test
    void llamaFactoryEntryPointsAtKeysTheFileHas() throws IOException {
        mixedStore();
        List<JsonNode> rows = lines(export(ExportFormat.CHAT_PREFERENCE));
        JsonNode n = JSON.readTree(TrainerSidecars.llamaFactoryChatPreference("tuneloop/chat-preference.jsonl"));
        assertThat(n.get("file_name").asText()).isEqualTo("tuneloop/chat-preference.jsonl");
        assertThat(n.get("formatting").asText()).isEqualTo("sharegpt");
        assertThat(n.get("ranking").asBoolean()).isTrue();
        JsonNode cols = n.get("columns");
        JsonNode tags = n.get("tags");
        String roleTag = tags.get("role_tag").asText();
        String contentTag = tags.get("content_tag").asText();
        for (JsonNode row : rows) {
            JsonNode messages = row.get(cols.get("messages").asText());
            JsonNode chosen = row.get(cols.get("chosen").asText());
            JsonNode rejected = row.get(cols.get("rejected").asText());
            // sharegpt: an optional system tag first, then user and assistant tags in turn, ending with user
            List<JsonNode> turns = new ArrayList<>();
            messages.forEach(turns::add);
            if (turns.get(0).get(roleTag).asText().equals(tags.get("system_tag").asText())) {
                turns.remove(0);
            }
            assertThat(turns.size() % 2).isEqualTo(1);
            for (int i = 0; i < turns.size(); i++) {
                String tag = i % 2 == 0 ? "user_tag" : "assistant_tag";
                assertThat(turns.get(i).get(roleTag).asText())
                        .isEqualTo(tags.get(tag).asText());
                assertThat(turns.get(i).get(contentTag).isTextual()).isTrue();
            }
            for (JsonNode answer : List.of(chosen, rejected)) {
                assertThat(answer.isObject()).isTrue();
                assertThat(answer.get(roleTag).asText())
                        .isEqualTo(tags.get("assistant_tag").asText());
                assertThat(answer.get(contentTag).isTextual()).isTrue();
            }
        }
    }

    @Test
    void datasetCardDescribesTheSingleMessageAnswers() {
        example(1).edited("Better.").into(store.examples());
        ExportReport r = exporter.export(
                ExportOptions.builder()
                        .minExamples(0)
                        .format(ExportFormat.CHAT_PREFERENCE)
                        .build(),
                new ByteArrayOutputStream());
        String card = TrainerSidecars.datasetCard(r, "0.1.0", "en", "ab12");
        assertThat(card)
                .contains("    - name: chosen\n      struct:\n        - name: role\n")
                .contains("    - name: messages\n      list:\n")
                .contains("| preset | `CHAT_PREFERENCE` |")
                .contains("  - chat-preference\n");
    }
}
