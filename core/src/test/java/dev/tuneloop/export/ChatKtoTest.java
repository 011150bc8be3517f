package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.Role;
import dev.tuneloop.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * {@link ExportFormat#CHAT_KTO}: the exporter writes TRL_KTO's lines as one conversation with the answer last, the
 * validator's codes, random round trips, broken lines, and LLaMA-Factory's entry pointing at keys the file has.
 */
class ChatKtoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String S = "{\"role\":\"system\",\"content\":\"S\"}";
    private static final String U = "{\"role\":\"user\",\"content\":\"Q?\"}";
    private static final String A = "{\"role\":\"assistant\",\"content\":\"Good.\"}";
    private static final String GOOD =
            "{\"messages\":[" + S + "," + U + "," + A + "],\"label\":true,\"example_id\":\"e1\"}";
    private static final String BAD = "{\"messages\":[" + U + "," + A + "],\"label\":false,\"example_id\":\"e2\"}";

    private final Store store = Store.inMemory();
    private final JsonlExporter exporter = JsonlExporter.create(store.examples(), store.interactions());

    private static ValidationResult validate(ExportFormat f, String... lines) {
        String text = String.join("\n", lines) + "\n";
        return JsonlValidator.builder()
                .format(f)
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static ExportOptions.Builder options(ExportFormat f) {
        return ExportOptions.builder().minExamples(0).format(f);
    }

    private String export(ExportOptions options, ExportReport[] report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report[0] = exporter.export(options, out);
        assertThat(report[0].validation().errors())
                .as(options.format() + " " + report[0].validation().problems())
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

    private void rate(Interaction i, Rating.Value... ratings) {
        List<FeedbackEvent> events = new ArrayList<>();
        for (int k = 0; k < ratings.length; k++) {
            events.add(FeedbackEvent.of(i.id(), NOW.plusSeconds(3600 + k), new Rating(ratings[k], null)));
        }
        store.interactions().append(List.of(i), events);
    }

    /** Approved examples of every kind, a holdout, and rated interactions nobody reviewed. */
    private void mixedStore() {
        example(1).into(store.examples());
        example(2).edited("Edited answer 2, mail ops@example.com").into(store.examples());
        example(3)
                .prior(List.of(ChatMessage.user("Earlier question?"), ChatMessage.assistant("Earlier answer.")))
                .improved("Improved answer 3 with 日本語 and 🙂")
                .into(store.examples());
        example(4)
                .context(List.of(new RetrievedDocument("d1", "10-K", "Revenue grew 12%.")))
                .into(store.examples());
        example(5).system(null).edited("Edited 5.").into(store.examples());
        example(6).holdout().edited("Edited 6.").into(store.examples());
        rate(
                interaction("rater-1", NOW)
                        .userMessage("Which filing lists the auditor's opinion for fiscal 2019?")
                        .assistantResponse("The 10-K, in Item 8, next to the financial statements.")
                        .build(),
                Rating.Value.UP);
        rate(
                interaction("rater-2", NOW.plusSeconds(1))
                        .userMessage("How many shares were bought back in the third quarter of 2023?")
                        .assistantResponse("No idea, maybe ask someone at jane.doe@example.com.")
                        .build(),
                Rating.Value.UP,
                Rating.Value.DOWN);
    }

    // ---- the exporter

    @Test
    void linesHaveTheDocumentedShape() {
        TrainingExample e =
                example(1).user("Q?").original("Old.").edited("New.").into(store.examples());
        String expectedPrefix = "{\"messages\":[{\"role\":\"system\",\"content\":\"" + Examples.SYSTEM + "\"},"
                + "{\"role\":\"user\",\"content\":\"Q?\"},";
        assertThat(export(options(ExportFormat.CHAT_KTO).build(), new ExportReport[1]))
                .isEqualTo(expectedPrefix + "{\"role\":\"assistant\",\"content\":\"New.\"}],\"label\":true,"
                        + "\"example_id\":\"" + e.id() + "\"}\n"
                        + expectedPrefix + "{\"role\":\"assistant\",\"content\":\"Old.\"}],\"label\":false,"
                        + "\"example_id\":\"" + e.id() + "\"}\n");
    }

    @Test
    void holdsExactlyTrlKtosLinesWithTheAnswerLast() throws IOException {
        mixedStore();
        ExportReport[] chat = new ExportReport[1];
        ExportReport[] trl = new ExportReport[1];
        List<JsonNode> c = lines(export(
                options(ExportFormat.CHAT_KTO)
                        .includeRetrievedContext(true)
                        .includeRatedInteractions(true)
                        .build(),
                chat));
        List<JsonNode> t = lines(export(
                options(ExportFormat.TRL_KTO)
                        .includeRetrievedContext(true)
                        .includeRatedInteractions(true)
                        .build(),
                trl));
        // 5 examples (true), 3 of them edited (false), 2 rated interactions
        assertThat(c).hasSize(10).hasSameSizeAs(t);
        for (int i = 0; i < c.size(); i++) {
            List<JsonNode> joined = new ArrayList<>();
            t.get(i).get("prompt").forEach(joined::add);
            t.get(i).get("completion").forEach(joined::add);
            List<JsonNode> messages = new ArrayList<>();
            c.get(i).get("messages").forEach(messages::add);
            assertThat(messages).isEqualTo(joined);
            assertThat(c.get(i).get("label").isBoolean()).isTrue();
            assertThat(c.get(i).get("label")).isEqualTo(t.get(i).get("label"));
            assertThat(c.get(i).get("example_id")).isEqualTo(t.get(i).get("example_id"));
            assertThat(c.get(i).size()).isEqualTo(3);
        }
        assertThat(chat[0].validation().desirable())
                .isEqualTo(trl[0].validation().desirable())
                .isEqualTo(6);
        assertThat(chat[0].validation().undesirable())
                .isEqualTo(trl[0].validation().undesirable())
                .isEqualTo(4);
        assertThat(chat[0].rated()).isEqualTo(trl[0].rated()).isEqualTo(new ExportReport.RatedInteractions(1, 1, 0, 0));
        assertThat(chat[0].skipped()).isEqualTo(trl[0].skipped());
        assertThat(chat[0].redactions()).isEqualTo(trl[0].redactions()).containsKey("EMAIL");
        assertThat(chat[0].tokens().total()).isEqualTo(trl[0].tokens().total()).isPositive();
        String text = c.toString();
        assertThat(text)
                .doesNotContain("ops@example.com")
                .doesNotContain("jane.doe@example.com")
                .doesNotContain("Edited 6.");
    }

    @Test
    void labelsFollowTheKtoRules() throws IOException {
        TrainingExample plain = example(1).into(store.examples());
        TrainingExample edited = example(2).original("Old 2.").edited("New 2.").into(store.examples());
        List<JsonNode> rows = lines(export(options(ExportFormat.CHAT_KTO).build(), new ExportReport[1]));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("example_id").asText()).isEqualTo(plain.id().toString());
        assertThat(rows.get(0).get("label").asBoolean()).isTrue();
        assertThat(last(rows.get(0))).isEqualTo(plain.trainingResponse());
        assertThat(rows.get(1).get("example_id").asText()).isEqualTo(edited.id().toString());
        assertThat(rows.get(1).get("label").asBoolean()).isTrue();
        assertThat(last(rows.get(1))).isEqualTo("New 2.");
        assertThat(rows.get(2).get("example_id").asText()).isEqualTo(edited.id().toString());
        assertThat(rows.get(2).get("label").asBoolean()).isFalse();
        assertThat(last(rows.get(2))).isEqualTo("Old 2.");
    }

    private static String last(JsonNode row) {
        JsonNode m = row.get("messages").get(row.get("messages").size() - 1);
        assertThat(m.get("role").asText()).isEqualTo("assistant");
        return m.get("content").asText();
    }

    @Test
    void ratedInteractionsAreForBothKtoPresetsOnly() {
        assertThat(options(ExportFormat.CHAT_KTO)
                        .includeRatedInteractions(true)
                        .build()
                        .includeRatedInteractions())
                .isTrue();
        assertThatThrownBy(() -> options(ExportFormat.CHAT_PREFERENCE)
                        .includeRatedInteractions(true)
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("includeRatedInteractions needs format TRL_KTO or CHAT_KTO");
        assertThat(ExportFormat.CHAT_KTO.isKto()).isTrue();
        assertThat(ExportFormat.TRL_KTO.isKto()).isTrue();
        assertThat(ExportFormat.CHAT_KTO.fileStem()).isEqualTo("chat-kto");
        assertThat(ExportFormat.CHAT_KTO.needsPreferencePair()).isFalse();
    }

    // ---- the validator

    static Stream<Arguments> violations() {
        String ua = "[" + U + "," + A + "]";
        return Stream.of(
                Arguments.of("{\"messages\":" + ua + "}", ProblemCode.MISSING_FIELD),
                Arguments.of("{\"label\":true}", ProblemCode.MISSING_FIELD),
                Arguments.of("{\"messages\":\"Q?\",\"label\":true}", ProblemCode.MISSING_FIELD),
                Arguments.of("{\"messages\":[],\"label\":true}", ProblemCode.MISSING_FIELD),
                Arguments.of("{\"messages\":" + ua + ",\"label\":\"true\"}", ProblemCode.INVALID_LABEL),
                Arguments.of("{\"messages\":" + ua + ",\"label\":1}", ProblemCode.INVALID_LABEL),
                Arguments.of("{\"messages\":" + ua + ",\"label\":null}", ProblemCode.INVALID_LABEL),
                Arguments.of("{\"messages\":[" + S + "," + U + "],\"label\":true}", ProblemCode.INVALID_LAST_TURN),
                Arguments.of(
                        "{\"messages\":[" + U + "," + A + "," + U + "],\"label\":true}", ProblemCode.INVALID_LAST_TURN),
                Arguments.of(
                        "{\"messages\":[" + U + "," + U + "," + A + "],\"label\":true}",
                        ProblemCode.INVALID_TURN_ORDER),
                Arguments.of("{\"messages\":[" + A + "],\"label\":true}", ProblemCode.INVALID_TURN_ORDER),
                Arguments.of(
                        "{\"messages\":[" + U + "," + A + "," + S + "," + U + "," + A + "],\"label\":true}",
                        ProblemCode.INVALID_TURN_ORDER),
                Arguments.of(
                        "{\"messages\":[{\"role\":\"developer\",\"content\":\"D\"}," + U + "," + A
                                + "],\"label\":true}",
                        ProblemCode.UNRECOGNIZED_ROLE),
                Arguments.of(
                        "{\"messages\":[" + U + ",{\"role\":\"tool\",\"name\":\"f\",\"content\":\"r\"}," + A
                                + "],\"label\":true}",
                        ProblemCode.UNRECOGNIZED_ROLE),
                Arguments.of(
                        "{\"messages\":[" + U + ",{\"role\":\"assistant\",\"content\":\"x\",\"tool_calls\":[{\"type\":"
                                + "\"function\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]}],\"label\":true}",
                        ProblemCode.MESSAGE_UNRECOGNIZED_KEY),
                Arguments.of(
                        "{\"messages\":[" + U + ",{\"role\":\"assistant\",\"content\":\"Good.\",\"from\":\"gpt\"}],"
                                + "\"label\":true}",
                        ProblemCode.MESSAGE_UNRECOGNIZED_KEY),
                Arguments.of(
                        "{\"messages\":[" + U + ",{\"role\":\"assistant\",\"content\":\"Good.\",\"weight\":1}],"
                                + "\"label\":true}",
                        ProblemCode.OPENAI_ONLY_KEY),
                Arguments.of(
                        "{\"messages\":[" + U + ",{\"role\":\"assistant\",\"content\":\"\"}],\"label\":false}",
                        ProblemCode.MISSING_CONTENT),
                Arguments.of(
                        "{\"messages\":[" + U + ",{\"content\":\"Good.\"}],\"label\":false}",
                        ProblemCode.MESSAGE_MISSING_KEY),
                Arguments.of("{\"messages\":[" + U + ",\"Good.\"],\"label\":false}", ProblemCode.MESSAGE_MISSING_KEY),
                Arguments.of(
                        "{\"prompt\":[" + U + "],\"completion\":[" + A + "],\"label\":true}",
                        ProblemCode.UNEXPECTED_FORMAT),
                Arguments.of(
                        "{\"messages\":[" + U + "],\"chosen\":" + A
                                + ",\"rejected\":{\"role\":\"assistant\",\"content\":\"Bad.\"}}",
                        ProblemCode.UNEXPECTED_FORMAT),
                Arguments.of(
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Q\"}]}]}",
                        ProblemCode.UNEXPECTED_FORMAT));
    }

    @ParameterizedTest
    @MethodSource("violations")
    void eachViolationHasItsCodeOnItsLine(String bad, ProblemCode code) {
        ValidationResult r = validate(ExportFormat.CHAT_KTO, GOOD, bad, BAD);
        assertThat(r.count(code)).as(r.problems().toString()).isPositive();
        assertThat(r.problems())
                .filteredOn(p -> p.code() == code)
                .allSatisfy(p -> assertThat(p.line()).isEqualTo(2));
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aGoodFileIsAcceptedAndOnlyByItsOwnValidator() {
        String multiTurn = "{\"messages\":[" + U + "," + A + ",{\"role\":\"user\",\"content\":\"More?\"}," + A
                + "],\"label\":true}";
        ValidationResult ok = validate(ExportFormat.CHAT_KTO, GOOD, BAD, multiTurn);
        assertThat(ok.ok()).as(ok.problems().toString()).isTrue();
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.format()).isEqualTo(ExportFormat.CHAT_KTO);
        assertThat(ok.desirable()).isEqualTo(2);
        assertThat(ok.undesirable()).isEqualTo(1);
        assertThat(ok.tokens().examples()).isEqualTo(3);
        assertThat(ok.tokens().min()).isPositive();
        for (ExportFormat other : List.of(
                ExportFormat.TRL_KTO, ExportFormat.TRL_SFT, ExportFormat.CHAT_PREFERENCE, ExportFormat.GEMINI_SFT)) {
            ValidationResult wrong = validate(other, GOOD);
            assertThat(wrong.count(ProblemCode.UNEXPECTED_FORMAT))
                    .as(other.name())
                    .isEqualTo(1);
        }
    }

    @Test
    void aFileWithOneLabelOnlyIsUnbalanced() {
        ValidationResult r = validate(ExportFormat.CHAT_KTO, GOOD, GOOD);
        assertThat(r.ok()).isTrue();
        assertThat(r.count(ProblemCode.KTO_UNBALANCED)).isEqualTo(1);
        assertThat(r.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(2));
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
            @ForAll("conversations") PresetWriter.Conversation c, @ForAll("texts") String answer, @ForAll boolean label)
            throws Exception {
        String line = PresetWriter.chatKto(c, answer, label, "id-1");
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
        List<String> expected =
                new ArrayList<>(c.turns().stream().map(PresetWriter.Turn::text).toList());
        expected.add(answer);
        assertThat(turns).isEqualTo(expected);
        assertThat(n.get("label").isBoolean()).isTrue();
        assertThat(n.get("label").booleanValue()).isEqualTo(label);
        assertThat(n.get("example_id").asText()).isEqualTo("id-1");
        // the same conversation and answer as the TRL KTO line, joined
        JsonNode trl = JSON.readTree(PresetWriter.trlKto(c, answer, label, "id-1"));
        List<JsonNode> joined = new ArrayList<>();
        trl.get("prompt").forEach(joined::add);
        trl.get("completion").forEach(joined::add);
        List<JsonNode> messages = new ArrayList<>();
        n.get("messages").forEach(messages::add);
        assertThat(messages).isEqualTo(joined);
        ValidationResult r = validate(ExportFormat.CHAT_KTO, line);
        assertThat(r.errors()).as(r.problems().toString()).isZero();
        assertThat(r.tokens().total())
                .isEqualTo(
                        validate(ExportFormat.TRL_KTO, trl.toString()).tokens().total());
    }

    @Property(tries = 200)
    void validatorsNeverThrowOnBrokenLines(@ForAll("broken") String text) {
        for (ExportFormat f : List.of(ExportFormat.CHAT_KTO, ExportFormat.TRL_KTO, ExportFormat.CHAT_PREFERENCE)) {
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
        String good = PresetWriter.chatKto(
                new PresetWriter.Conversation(
                        "S",
                        List.of(
                                new PresetWriter.Turn(Role.USER, "Q"),
                                new PresetWriter.Turn(Role.ASSISTANT, "A"),
                                new PresetWriter.Turn(Role.USER, "Q2"))),
                "A2",
                false,
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
                "[{\"role\":\"tool\",\"content\":\"x\"}]",
                "[{\"role\":\"assistant\",\"tool_calls\":1}]",
                "[[]]");
        return Combinators.combine(
                        Arbitraries.integers().between(0, 300),
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
    void llamaFactoryEntryPointsAtKeysTheFileHas() throws IOException {
        mixedStore();
        List<JsonNode> rows = lines(export(
                options(ExportFormat.CHAT_KTO).includeRatedInteractions(true).build(), new ExportReport[1]));
        JsonNode n = JSON.readTree(TrainerSidecars.llamaFactoryChatKto("tuneloop/chat-kto.jsonl"));
        assertThat(n.get("file_name").asText()).isEqualTo("tuneloop/chat-kto.jsonl");
        assertThat(n.get("formatting").asText()).isEqualTo("sharegpt");
        assertThat(n.has("ranking")).isFalse();
        JsonNode cols = n.get("columns");
        JsonNode tags = n.get("tags");
        assertThat(cols.get("messages").asText()).isEqualTo("messages");
        assertThat(cols.get("kto_tag").asText()).isEqualTo("label");
        String roleTag = tags.get("role_tag").asText();
        String contentTag = tags.get("content_tag").asText();
        for (JsonNode row : rows) {
            // LLaMA-Factory's sharegpt reader: a system tag first is the system prompt; the rest must alternate user
            // and assistant tags from user, an even count (non-ranking), the last being the answer the kto_tag judges
            List<JsonNode> turns = new ArrayList<>();
            row.get(cols.get("messages").asText()).forEach(turns::add);
            if (turns.get(0).get(roleTag).asText().equals(tags.get("system_tag").asText())) {
                turns.remove(0);
            }
            assertThat(turns.size() % 2).isZero();
            assertThat(turns).isNotEmpty();
            for (int i = 0; i < turns.size(); i++) {
                String tag = i % 2 == 0 ? "user_tag" : "assistant_tag";
                assertThat(turns.get(i).get(roleTag).asText())
                        .isEqualTo(tags.get(tag).asText());
                assertThat(turns.get(i).get(contentTag).isTextual()).isTrue();
            }
            assertThat(row.get(cols.get("kto_tag").asText()).isBoolean()).isTrue();
        }
        assertThat(rows).extracting(r -> r.get("label").asBoolean()).contains(true, false);
    }

    @Test
    void datasetCardDescribesTheLabelAndTheBalance() {
        example(1).edited("Better.").into(store.examples());
        ExportReport[] r = new ExportReport[1];
        export(options(ExportFormat.CHAT_KTO).build(), r);
        String card = TrainerSidecars.datasetCard(r[0], "0.1.0", "en", "ab12");
        assertThat(card)
                .contains("    - name: messages\n      list:\n")
                .contains("    - name: label\n      dtype: bool\n")
                .contains("| preset | `CHAT_KTO` |")
                .contains("| KTO desirable / undesirable | 1 / 1 |")
                .contains("  - chat-kto\n");
    }
}
