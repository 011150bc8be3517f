package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.HoldoutSettings;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.ImportProblem.Rule;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.redact.Redactor;
import dev.tuneloop.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Importing tool-calling rows of OpenAI's supervised format and of TRL_SFT: the exchange becomes the example's prior
 * turns, steps and tools, checked like a recorded one, and exports again to the same lines.
 */
class ImportToolCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final HoldoutSettings NO_HOLDOUT = HoldoutSettings.builder()
            .share(0.0001)
            .bootstrapShare(0.0001)
            .minHoldout(0)
            .build();
    private static final ToolDefinition FILING = new ToolDefinition(
            "get_filing",
            "Fetches a filing's key figures",
            "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"},\"years\":{\"type\":\"array\"}}}");
    private static final ToolDefinition PRICE =
            new ToolDefinition("get_price", null, "{\"type\":\"object\",\"properties\":{}}");

    private final Store store = Store.inMemory();

    private ExampleImporter importer(CurationOptions.Builder b) {
        return ExampleImporter.create(store.examples(), b.clock(CLOCK).build());
    }

    private ExampleImporter importer() {
        return importer(CurationOptions.builder().holdout(NO_HOLDOUT));
    }

    private static ImportOptions.Builder options(ImportFormat f) {
        return ImportOptions.builder(f, "expert-ana", "tools.jsonl")
                .defaultCategory(Category.COMPARISON)
                .defaultQuality(QualityScore.of(8));
    }

    private static List<TrainingExample> stored(Store s) {
        List<TrainingExample> out = new ArrayList<>();
        s.examples().scan(ExampleQuery.all(), out::add);
        return out;
    }

    private static ChatMessage calls(ToolCall... calls) {
        return ChatMessage.assistant("", List.of(calls));
    }

    /** Distinct tool-calling examples: one call, parallel calls, sequential calls, an exchange in the prior turns. */
    private static List<TrainingExample> golden() {
        List<TrainingExample> out = new ArrayList<>();
        out.add(example(0, "What was Apple's revenue in fiscal 2024?", "Revenue was $391.0 billion.")
                .systemPrompt("You are a careful analyst.")
                .steps(List.of(
                        calls(new ToolCall("c-1", "get_filing", "{\"ticker\":\"AAPL\",\"years\":[2024]}")),
                        ChatMessage.toolResult("c-1", "{\"revenue\":391.0}")))
                .tools(List.of(FILING, PRICE))
                .build());
        out.add(example(1, "Compare NVIDIA's revenue with its share price, briefly.", "Revenue $60.9B; price $495.")
                .steps(List.of(
                        calls(
                                new ToolCall("p-1", "get_filing", "{\"ticker\":\"NVDA\",\"opts\":{\"q\":\"日本 ✓\"}}"),
                                new ToolCall("p-2", "get_price", "{\"ticker\":\"NVDA\"}")),
                        ChatMessage.toolResult("p-1", "revenue 60.9"),
                        ChatMessage.toolResult("p-2", "price 495")))
                .tools(List.of(FILING, PRICE))
                .build());
        out.add(example(2, "Und wie hoch war der Umsatz von SAP danach?", "Der Umsatz lag bei 31,2 Mrd. €.")
                .systemPrompt("Antworte knapp.")
                .priorTurns(List.of(
                        ChatMessage.user("Wie hoch war der Kurs von SAP?"),
                        calls(new ToolCall("q-1", "get_price", "{\"ticker\":\"SAP\"}")),
                        ChatMessage.toolResult("q-1", "price 178"),
                        ChatMessage.assistant("Der Kurs lag bei 178 €.")))
                .steps(List.of(
                        ChatMessage.assistant(
                                "Ich sehe nach.",
                                List.of(new ToolCall("q-2", "get_filing", "{\"ticker\":\"SAP\",\"years\":[2023]}"))),
                        ChatMessage.toolResult("q-2", "revenue 31.2"),
                        calls(new ToolCall("q-3", "get_filing", "{\"ticker\":\"SAP\",\"years\":[2022]}")),
                        ChatMessage.toolResult("q-3", "revenue 29.5")))
                .tools(List.of(FILING, PRICE))
                .build());
        out.add(example(3, "How are restricted stock units expensed?", "Over the vesting period at fair value.")
                .build());
        return out;
    }

    private static TrainingExample.Builder example(int k, String question, String answer) {
        return TrainingExample.builder(
                        ExampleId.next(NOW.toEpochMilli()),
                        InteractionId.next(CLOCK),
                        ExampleStatus.APPROVED,
                        Split.TRAIN)
                .userId("u" + k)
                .interactionCreatedAt(NOW)
                .userMessage(question)
                .originalResponse(answer)
                .modelUsed("m")
                .category(Category.COMPARISON)
                .quality(QualityScore.of(8))
                .reviewer("r")
                .createdAt(NOW)
                .reviewedAt(NOW);
    }

    private static String export(Store s, ExportFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(s.examples())
                .export(ExportOptions.builder().format(f).minExamples(1).build(), out);
        assertThat(r.validation().errors())
                .as(r.validation().problems().toString())
                .isZero();
        assertThat(r.skipped(SkipReason.TOOL_CALLS_NOT_SUPPORTED)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The lines without TRL's {@code example_id}, which names the example and so differs after an import. */
    private static List<String> withoutIds(String text) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.remove(ExportFormat.EXAMPLE_ID_COLUMN);
            out.add(n.toString());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(
            value = ExportFormat.class,
            names = {"SUPERVISED", "TRL_SFT"})
    void exportedToolExamplesImportAndExportAgainToTheSameLines(ExportFormat preset) throws IOException {
        Store source = Store.inMemory();
        for (TrainingExample e : golden()) {
            source.examples().insert(e, new ExampleRevision(e.id(), 1, NOW, "r", List.of("quality"), null));
        }
        String first = export(source, preset);
        assertThat(first).contains("get_filing").contains("tool_calls").contains("\"role\":\"tool\"");

        ImportReport r = importer()
                .importFrom(
                        new StringReader(first),
                        options(ImportFormat.of(preset)).build());
        assertThat(r.problems()).isEmpty();
        assertThat(r.imported()).hasSize(4);

        String again = export(store, preset);
        if (preset == ExportFormat.SUPERVISED) {
            assertThat(again).isEqualTo(first); // OpenAI lines carry no id: byte for byte
        } else {
            assertThat(withoutIds(again)).isEqualTo(withoutIds(first));
        }
        List<TrainingExample> imported = stored(store);
        List<TrainingExample> golden = golden();
        for (int i = 0; i < golden.size(); i++) {
            TrainingExample g = golden.get(i);
            TrainingExample e = imported.get(i);
            assertThat(e.tools()).isEqualTo(g.tools());
            assertThat(e.userMessage()).isEqualTo(g.userMessage());
            assertThat(e.trainingResponse()).isEqualTo(g.trainingResponse());
            assertThat(e.systemPrompt()).isEqualTo(g.systemPrompt());
            if (preset == ExportFormat.SUPERVISED) {
                assertThat(e.priorTurns()).isEqualTo(g.priorTurns());
                assertThat(e.steps()).isEqualTo(g.steps());
            } else {
                // TRL writes no call ids: the same exchange, with ids given on import
                assertThat(shape(e.priorTurns())).isEqualTo(shape(g.priorTurns()));
                assertThat(shape(e.steps())).isEqualTo(shape(g.steps()));
            }
        }
    }

    /** A conversation without call ids: role, text, calls (name, arguments) and the answered call's tool name. */
    private static List<String> shape(List<ChatMessage> messages) throws IOException {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            StringBuilder b = new StringBuilder(m.role() + "|" + m.content());
            for (ToolCall c : m.toolCalls()) {
                names.put(c.id(), c.name());
                b.append("|call ").append(c.name()).append(' ').append(JSON.readTree(c.arguments()));
            }
            if (m.toolCallId() != null) {
                b.append("|answers ").append(names.get(m.toolCallId()));
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void trlRowsGetCallIdsThatTheirToolMessagesAnswerSoTheyExportToOpenAi() throws IOException {
        String trl = "{\"prompt\":[{\"role\":\"user\",\"content\":\"Price and filing of MSFT?\"}],"
                + "\"completion\":[{\"role\":\"assistant\",\"tool_calls\":["
                + "{\"type\":\"function\",\"function\":{\"name\":\"get_price\",\"arguments\":{\"ticker\":\"MSFT\"}}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"get_price\",\"arguments\":{\"ticker\":\"AAPL\"}}}]},"
                + "{\"role\":\"tool\",\"name\":\"get_price\",\"content\":\"420\"},"
                + "{\"role\":\"tool\",\"name\":\"get_price\",\"content\":\"230\"},"
                + "{\"role\":\"assistant\",\"content\":\"MSFT 420, AAPL 230.\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_price\","
                + "\"parameters\":{\"type\":\"object\"}}}]}";
        ImportReport r = importer()
                .importFrom(new StringReader(trl), options(ImportFormat.TRL_SFT).build());
        assertThat(r.problems()).isEmpty();
        TrainingExample e = stored(store).get(0);
        assertThat(e.steps())
                .extracting(ChatMessage::role, ChatMessage::toolCallId)
                .containsExactly(tuple(Role.ASSISTANT, null), tuple(Role.TOOL, "call_1"), tuple(Role.TOOL, "call_2"));
        assertThat(e.steps().get(0).toolCalls())
                .extracting(ToolCall::id, ToolCall::arguments)
                .containsExactly(tuple("call_1", "{\"ticker\":\"MSFT\"}"), tuple("call_2", "{\"ticker\":\"AAPL\"}"));
        assertThat(e.steps().get(1).content()).isEqualTo("420");
        assertThat(e.tools()).containsExactly(new ToolDefinition("get_price", null, "{\"type\":\"object\"}"));
        String openAi = export(store, ExportFormat.SUPERVISED);
        assertThat(openAi).contains("\"tool_call_id\":\"call_2\"").contains("\"parallel_tool_calls\":true");
    }

    @Test
    void theRedactorMasksToolResultsAndArgumentStrings() {
        String line = "{\"messages\":[{\"role\":\"user\",\"content\":\"Who is the IR contact?\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"mail\",\"arguments\":\"{\\\"to\\\":\\\"ir@example.com\\\",\\\"n\\\":1}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"sent to ir@example.com\"},"
                + "{\"role\":\"assistant\",\"content\":\"The contact was mailed.\"}]}";
        ImportReport r = importer(CurationOptions.builder().holdout(NO_HOLDOUT).redactor(Redactor.standard()))
                .importFrom(
                        new StringReader(line), options(ImportFormat.SUPERVISED).build());
        assertThat(r.problems()).isEmpty();
        TrainingExample e = stored(store).get(0);
        assertThat(e.steps().get(0).toolCalls().get(0).arguments()).isEqualTo("{\"to\":\"[EMAIL]\",\"n\":1}");
        assertThat(e.steps().get(1).content()).isEqualTo("sent to [EMAIL]");
        assertThat(store.examples().history(e.id()).get(0).changedFields()).contains("redacted");
    }

    private static final String U = "{\"role\":\"user\",\"content\":\"Revenue of AAPL?\"}";
    private static final String ANSWER = "{\"role\":\"assistant\",\"content\":\"391.0B\"}";
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
            + "\"parameters\":{\"type\":\"object\"}}}]";

    private static String call(String id, String name, String args) {
        return "{\"role\":\"assistant\",\"tool_calls\":[{" + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":" + args + "}}]}";
    }

    private static String result(String id) {
        return "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"391.0\"}";
    }

    private static String openAi(String... messages) {
        return "{\"messages\":[" + String.join(",", messages) + "]}";
    }

    static Stream<Arguments> violations() {
        String ok = "\"{}\"";
        return Stream.of(
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(U, call("c", "f", ok), ANSWER),
                        "messages[2]",
                        Rule.INVALID_SHAPE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(U, call("c", "f", ok), result("other"), ANSWER),
                        "messages[2]",
                        Rule.INVALID_SHAPE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(U, call("c", "f", "\"{not json\""), result("c"), ANSWER),
                        "messages[1].tool_calls[0].function.arguments",
                        Rule.INVALID_VALUE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(U, call("c", "f", "\"[1]\""), result("c"), ANSWER),
                        "messages[1].tool_calls[0].function.arguments",
                        Rule.INVALID_VALUE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        "{\"messages\":[" + U + "," + call("c", "g", ok) + "," + result("c") + "," + ANSWER + "],"
                                + TOOLS + "}",
                        "messages[1].tool_calls[0].function.name",
                        Rule.INVALID_VALUE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(U, call(null, "f", ok), result("c"), ANSWER),
                        "messages[1].tool_calls[0].id",
                        Rule.MISSING_FIELD),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(U, call("c", "f", ok), result("c"), call("c", "f", ok), result("c"), ANSWER),
                        "messages[3].tool_calls",
                        Rule.INVALID_SHAPE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(U, call("c", "f", ok), "{\"role\":\"tool\",\"content\":\"x\"}", ANSWER),
                        "messages[2].tool_call_id",
                        Rule.MISSING_FIELD),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi("{\"role\":\"user\",\"content\":\"Q\",\"tool_calls\":[]}", ANSWER),
                        "messages[0].tool_calls",
                        Rule.INVALID_SHAPE),
                Arguments.of(ImportFormat.SUPERVISED, openAi(U, call("c", "f", ok)), "messages", Rule.INVALID_SHAPE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(
                                U,
                                "{\"role\":\"assistant\",\"content\":\"Let me see.\"}",
                                call("c", "f", ok),
                                result("c"),
                                ANSWER),
                        "messages[1]",
                        Rule.INVALID_SHAPE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        openAi(
                                U,
                                "{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"f\"}}",
                                ANSWER),
                        "messages[1]",
                        Rule.UNSUPPORTED),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        "{\"messages\":[" + U + "," + ANSWER + "],\"parallel_tool_calls\":\"yes\"}",
                        "parallel_tool_calls",
                        Rule.INVALID_VALUE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        "{\"messages\":[" + U + "," + ANSWER + "],\"tools\":{}}",
                        "tools",
                        Rule.INVALID_SHAPE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        "{\"messages\":[" + U + "," + ANSWER + "],\"tools\":[{\"type\":\"function\",\"function\":"
                                + "{\"name\":\"f\",\"parameters\":\"{}\"}}]}",
                        "tools[0].function.parameters",
                        Rule.INVALID_VALUE),
                Arguments.of(
                        ImportFormat.SUPERVISED,
                        "{\"messages\":[" + U + "," + ANSWER + "],\"tools\":[{\"type\":\"function\",\"function\":"
                                + "{\"name\":\"f\"}},{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}",
                        "tools[1].function.name",
                        Rule.INVALID_VALUE),
                Arguments.of(
                        ImportFormat.TRL_SFT,
                        "{\"prompt\":[" + U + "],\"completion\":[" + call(null, "f", ok) + ","
                                + "{\"role\":\"tool\",\"name\":\"f\",\"content\":\"x\"}," + ANSWER + "]}",
                        "completion[0].tool_calls[0].function.arguments",
                        Rule.INVALID_VALUE),
                Arguments.of(
                        ImportFormat.TRL_SFT,
                        "{\"prompt\":[" + U + "],\"completion\":[" + call(null, "f", "{}") + ","
                                + "{\"role\":\"tool\",\"content\":\"x\"}," + ANSWER + "]}",
                        "completion[1].name",
                        Rule.MISSING_FIELD),
                Arguments.of(
                        ImportFormat.TRL_SFT,
                        "{\"prompt\":[" + U + "],\"completion\":[" + call(null, "f", "{}") + ","
                                + "{\"role\":\"tool\",\"name\":\"g\",\"content\":\"x\"}," + ANSWER + "]}",
                        "completion[1]",
                        Rule.INVALID_SHAPE),
                Arguments.of(
                        ImportFormat.TRL_SFT,
                        "{\"prompt\":[" + U + "],\"completion\":[" + call(null, "g", "{}") + ","
                                + "{\"role\":\"tool\",\"name\":\"g\",\"content\":\"x\"}," + ANSWER + "]," + TOOLS + "}",
                        "completion[0].tool_calls[0].function.name",
                        Rule.INVALID_VALUE),
                Arguments.of(
                        ImportFormat.TRL_SFT,
                        "{\"prompt\":\"Q?\",\"completion\":\" A.\"," + TOOLS + "}",
                        "tools",
                        Rule.INVALID_SHAPE),
                Arguments.of(
                        ImportFormat.TRL_SFT,
                        "{\"prompt\":[" + U + "],\"completion\":[" + ANSWER + "],\"parallel_tool_calls\":false}",
                        "parallel_tool_calls",
                        Rule.UNRECOGNIZED_FIELD),
                Arguments.of(
                        ImportFormat.GEMINI_SFT,
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Q\"}]},{\"role\":\"model\",\"parts\":"
                                + "[{\"text\":\"A\"}]}],\"tools\":[]}",
                        "tools",
                        Rule.UNSUPPORTED));
    }

    @ParameterizedTest
    @MethodSource("violations")
    void eachBrokenRuleIsReportedWithItsFieldAndNothingIsStored(ImportFormat f, String bad, String field, Rule rule) {
        String good = f == ImportFormat.GEMINI_SFT
                ? "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"What is capex?\"}]},{\"role\":\"model\","
                        + "\"parts\":[{\"text\":\"Capital expenditure.\"}]}]}"
                : f == ImportFormat.TRL_SFT
                        ? "{\"prompt\":[{\"role\":\"user\",\"content\":\"What is capex?\"}],\"completion\":["
                                + "{\"role\":\"assistant\",\"content\":\"Capital expenditure.\"}]}"
                        : openAi(
                                "{\"role\":\"user\",\"content\":\"What is capex?\"}",
                                "{\"role\":\"assistant\",\"content\":\"Capital expenditure.\"}");
        ImportReport r = importer()
                .importFrom(
                        new StringReader(good + "\n" + bad + "\n"), options(f).build());
        assertThat(r.problems())
                .extracting(ImportProblem::line, ImportProblem::field, ImportProblem::rule)
                .containsExactly(tuple(2L, field, rule));
        assertThat(r.problems().get(0).message()).doesNotContain("391.0").doesNotContain("Revenue of AAPL");
        assertThat(r.committed()).isFalse();
        assertThat(stored(store)).isEmpty();
    }
}
