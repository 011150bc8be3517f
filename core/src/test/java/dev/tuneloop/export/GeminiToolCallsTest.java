package dev.tuneloop.export;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.redact.Redactor;
import dev.tuneloop.store.Store;
import dev.tuneloop.testsupport.Conversations;
import dev.tuneloop.testsupport.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GEMINI_SFT with tools: Vertex AI's function-calling tuning shape, the exchange kept whole, the validator's rules. */
class GeminiToolCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message as the line holds it: role, text, calls (name and args as JSON), and the answered tool's name. */
    private record Seen(String role, String text, List<String> calls, String toolName) {}

    private static String export(Store store, ExportOptions.Builder options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(options.format(ExportFormat.GEMINI_SFT).minExamples(0).build(), out);
        assertThat(r.validation().errors())
                .as(r.validation().problems().toString())
                .isZero();
        assertThat(r.skipped(SkipReason.TOOL_CALLS_NOT_SUPPORTED)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String exportOne(Interaction i, ExportOptions.Builder options) {
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(i, NOW);
        store.examples().save(e, Fixtures.firstRevision(e));
        return export(store, options);
    }

    @Property(tries = 80)
    void theLineHoldsTheWholeToolCallingConversation(@ForAll long seed) throws Exception {
        Interaction i = Conversations.interaction(new Random(seed), NOW, false);
        // Gemini's text parts cannot carry images (a turn of images only would be empty): not this test's subject
        Assume.that(i.priorTurns().stream().noneMatch(ChatMessage::hasParts));
        String text = exportOne(i, ExportOptions.builder().redact(false).includeRetrievedContext(false));
        JsonNode line = JSON.readTree(text);

        Map<String, String> names = new HashMap<>();
        List<Seen> expected = new ArrayList<>();
        for (ChatMessage m : i.messages()) {
            if (m.role() == Role.SYSTEM) {
                continue; // compared below
            }
            List<String> calls = new ArrayList<>();
            for (ToolCall c : m.toolCalls()) {
                names.put(c.id(), c.name());
                calls.add(c.name() + JSON.readTree(c.arguments()));
            }
            String id = m.toolCallId();
            String role = m.role() == Role.ASSISTANT ? "model" : m.role() == Role.TOOL ? "tool" : "user";
            expected.add(new Seen(role, m.content(), calls, id == null ? "" : names.get(id)));
        }
        List<Seen> actual = new ArrayList<>();
        for (JsonNode turn : line.get("contents")) {
            String role = turn.get("role").textValue();
            String turnText = "";
            List<String> calls = new ArrayList<>();
            for (JsonNode part : turn.get("parts")) {
                if (part.has("text")) {
                    turnText = part.get("text").textValue();
                } else if (part.has("functionCall")) {
                    assertThat(role).isEqualTo("model");
                    JsonNode args = part.get("functionCall").get("args");
                    assertThat(args.isObject()).isTrue();
                    calls.add(part.get("functionCall").get("name").textValue() + args);
                } else {
                    // every result of a round is a part of the one user turn after the calls
                    assertThat(role).isEqualTo("user");
                    JsonNode r = part.get("functionResponse");
                    assertThat(r.get("response").isObject()).isTrue();
                    actual.add(new Seen(
                            "tool",
                            r.get("response").get("content").textValue(),
                            List.of(),
                            r.get("name").textValue()));
                }
            }
            if (!turnText.isEmpty() || !calls.isEmpty()) {
                actual.add(new Seen(role, turnText, calls, ""));
            }
        }
        assertThat(actual).isEqualTo(expected);
        String system = i.systemPrompt();
        if (system == null || system.isEmpty()) {
            assertThat(line.has("systemInstruction")).isFalse();
        } else {
            assertThat(line.get("systemInstruction")
                            .get("parts")
                            .get(0)
                            .get("text")
                            .textValue())
                    .isEqualTo(system);
        }

        List<ToolDefinition> tools = new ArrayList<>();
        for (JsonNode t : line.path("tools")) {
            assertThat(t.size()).isEqualTo(1);
            for (JsonNode f : t.get("functionDeclarations")) {
                tools.add(new ToolDefinition(
                        f.get("name").textValue(),
                        f.has("description") ? f.get("description").textValue() : null,
                        JSON.writeValueAsString(f.get("parameters"))));
            }
        }
        assertThat(tools).isEqualTo(i.tools());
        assertThat(line.has("tools")).isEqualTo(!i.tools().isEmpty());
        assertThat(validate(text).errors()).isZero();
    }

    @Test
    void parallelCallsAreOneModelTurnAndTheirResultsOneUserTurn() throws Exception {
        Interaction i = Fixtures.interaction("u1", NOW)
                .userMessage("Compare AAPL and MSFT revenue")
                .assistantResponse("AAPL 391, MSFT 245.")
                .steps(List.of(
                        ChatMessage.assistant(
                                "Looking both up.",
                                List.of(
                                        new ToolCall("c1", "lookup", "{\"t\":\"AAPL\"}"),
                                        new ToolCall("c2", "lookup", "{\"t\":\"MSFT\"}"))),
                        ChatMessage.toolResult("c2", "{\"revenue\":245}"),
                        ChatMessage.toolResult("c1", "391")))
                .tools(List.of(new ToolDefinition("lookup", "Finds revenue", "{\"type\":\"object\"}")))
                .build();
        JsonNode line = JSON.readTree(exportOne(i, ExportOptions.builder().redact(false)));
        JsonNode contents = line.get("contents");
        assertThat(contents).hasSize(4);
        JsonNode calls = contents.get(1);
        assertThat(calls.get("role").textValue()).isEqualTo("model");
        assertThat(calls.get("parts").get(0).get("text").textValue()).isEqualTo("Looking both up.");
        assertThat(calls.get("parts").get(1).get("functionCall").toString())
                .isEqualTo("{\"name\":\"lookup\",\"args\":{\"t\":\"AAPL\"}}");
        assertThat(calls.get("parts").get(2).get("functionCall").toString())
                .isEqualTo("{\"name\":\"lookup\",\"args\":{\"t\":\"MSFT\"}}");
        JsonNode results = contents.get(2);
        assertThat(results.get("role").textValue()).isEqualTo("user");
        // a JSON object result is written as the response; any other text is wrapped as {"content": text}
        assertThat(results.get("parts").get(0).toString())
                .isEqualTo("{\"functionResponse\":{\"name\":\"lookup\",\"response\":{\"revenue\":245}}}");
        assertThat(results.get("parts").get(1).toString())
                .isEqualTo("{\"functionResponse\":{\"name\":\"lookup\",\"response\":{\"content\":\"391\"}}}");
        assertThat(contents.get(3).toString())
                .isEqualTo("{\"role\":\"model\",\"parts\":[{\"text\":\"AAPL 391, MSFT 245.\"}]}");
        assertThat(line.get("tools").toString())
                .isEqualTo("[{\"functionDeclarations\":[{\"name\":\"lookup\",\"description\":\"Finds revenue\","
                        + "\"parameters\":{\"type\":\"object\"}}]}]");
    }

    @Test
    void redactionCoversArgumentsAndResults() throws Exception {
        ToolCall call = new ToolCall(
                "call_1", "lookup", "{\"email\":\"jane.doe@example.com\",\"n\":[\"jane.doe@example.com\",3]}");
        Interaction i = Fixtures.interaction("u1", NOW)
                .userMessage("Look up my account")
                .assistantResponse("Your account is active.")
                .steps(List.of(
                        ChatMessage.assistant("", List.of(call)),
                        ChatMessage.toolResult("call_1", "account of jane.doe@example.com: active")))
                .tools(List.of(new ToolDefinition("lookup", "Finds an account", "{\"type\":\"object\"}")))
                .build();
        String text = exportOne(i, ExportOptions.builder().redact(true).redactor(Redactor.standard()));
        assertThat(text).doesNotContain("jane.doe@example.com");
        JsonNode contents = JSON.readTree(text).get("contents");
        JsonNode args = contents.get(1).get("parts").get(0).get("functionCall").get("args");
        assertThat(args.isObject()).isTrue();
        assertThat(args.get("n").get(1).intValue()).isEqualTo(3);
        JsonNode response = contents.get(2).get("parts").get(0).get("functionResponse");
        assertThat(response.get("name").textValue()).isEqualTo("lookup");
        assertThat(response.get("response").get("content").textValue()).doesNotContain("jane.doe");
    }

    @Test
    void callsToUndeclaredFunctionsAreSkippedAndCounted() {
        Interaction i = Fixtures.interaction("u1", NOW)
                .userMessage("Revenue?")
                .assistantResponse("It was 391.")
                .steps(List.of(
                        ChatMessage.assistant("", List.of(new ToolCall("c1", "lookup", "{}"))),
                        ChatMessage.toolResult("c1", "391")))
                .tools(List.of(new ToolDefinition("other", null, "{\"type\":\"object\"}")))
                .build();
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(i, NOW);
        store.examples().save(e, Fixtures.firstRevision(e));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(
                        ExportOptions.builder()
                                .format(ExportFormat.GEMINI_SFT)
                                .minExamples(0)
                                .build(),
                        out);
        assertThat(r.skipped(SkipReason.TOOL_CALLS_NOT_SUPPORTED)).isEqualTo(1);
        assertThat(r.written()).isZero();
        assertThat(out.size()).isZero();
    }

    private static final String OK = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Revenue?\"}]},"
            + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"lookup\",\"args\":{\"t\":\"AAPL\"}}},"
            + "{\"functionCall\":{\"name\":\"quote\",\"args\":{\"t\":\"AAPL\"}}}]},"
            + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"lookup\",\"response\":{\"r\":391}}},"
            + "{\"functionResponse\":{\"name\":\"quote\",\"response\":{\"content\":\"229\"}}}]},"
            + "{\"role\":\"model\",\"parts\":[{\"text\":\"It was 391.\"}]}],"
            + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"lookup\",\"description\":\"Finds revenue\","
            + "\"parameters\":{\"type\":\"object\"}},{\"name\":\"quote\",\"parameters\":{\"type\":\"object\"}}]}]}";

    private static ValidationResult validate(String jsonl) {
        return JsonlValidator.builder()
                .format(ExportFormat.GEMINI_SFT)
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidToolLinePasses() {
        ValidationResult r = validate(OK + "\n");
        assertThat(r.errors()).as(r.problems().toString()).isZero();
    }

    @Test
    void aLineWithoutCallsNeedsNoTools() {
        ValidationResult r = validate("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Q\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"A\"}]}]}\n");
        assertThat(r.errors()).as(r.problems().toString()).isZero();
    }

    @Test
    void aCallInTheLastTurnIsTheAnswerToLearnAndNeedsNoResponse() {
        // Vertex AI's "tune to generate a function call" examples end with the model's call
        String line = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Revenue?\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"lookup\",\"args\":{}}}]}],"
                + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"lookup\"}]}]}";
        ValidationResult r = validate(line + "\n");
        assertThat(r.errors()).as(r.problems().toString()).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a call to a function the tools do not declare
                "\"functionCall\":{\"name\":\"quote\"|\"functionCall\":{\"name\":\"delete_all\"|GEMINI_UNDECLARED_FUNCTION",
                // calls but no tools at all
                ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"lookup\",\"description\":\"Finds revenue\",\"parameters\":{\"type\":\"object\"}},{\"name\":\"quote\",\"parameters\":{\"type\":\"object\"}}]}]||GEMINI_UNDECLARED_FUNCTION",
                // one call is not answered in the next turn
                ",{\"functionResponse\":{\"name\":\"quote\",\"response\":{\"content\":\"229\"}}}||GEMINI_UNANSWERED_FUNCTION_CALL",
                // a response answering a function the turn before did not call
                "\"functionResponse\":{\"name\":\"quote\"|\"functionResponse\":{\"name\":\"lookup\"|GEMINI_UNMATCHED_FUNCTION_RESPONSE",
                // args as a JSON string (OpenAI's arguments), not an object
                "\"args\":{\"t\":\"AAPL\"}}},|\"args\":\"{\\\"t\\\":1}\"}},|GEMINI_INVALID_FUNCTION_ARGS",
                // a response that is not an object
                "\"response\":{\"r\":391}|\"response\":391|GEMINI_INVALID_FUNCTION_RESPONSE",
                // two declarations with one name
                "{\"name\":\"quote\",\"parameters\"|{\"name\":\"lookup\",\"parameters\"|GEMINI_INVALID_FUNCTION_DECLARATIONS",
                // a name Gemini does not accept
                "{\"name\":\"quote\",\"parameters\"|{\"name\":\"9 quote\",\"parameters\"|GEMINI_INVALID_FUNCTION_DECLARATIONS",
                // OpenAI's tool shape instead of functionDeclarations
                "\"tools\":[{\"functionDeclarations\":|\"tools\":[{\"type\":\"function\",\"functionDeclarations\":|GEMINI_INVALID_FUNCTION_DECLARATIONS",
                // a function call on a user turn
                "{\"role\":\"model\",\"parts\":[{\"functionCall\"|{\"role\":\"user\",\"parts\":[{\"functionCall\"|INVALID_PARTS",
            })
    void eachViolationHasItsCodeAndLine(String from, String to, String code) {
        String broken = OK.replace(from, to == null ? "" : to);
        assertThat(broken).isNotEqualTo(OK);
        ValidationResult r = validate(OK + "\n" + broken + "\n");
        assertThat(r.problems()).as(r.problems().toString()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.valueOf(code));
            assertThat(p.line()).isEqualTo(2);
        });
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.line()).isEqualTo(2));
    }

    @Test
    void thePreferencePresetTakesNoFunctionParts() {
        String line = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Q\"}]},{\"role\":\"model\",\"parts\":"
                + "[{\"functionCall\":{\"name\":\"lookup\",\"args\":{}}}]},{\"role\":\"user\",\"parts\":[{\"text\":\"Q2\"}]}],"
                + "\"completions\":[{\"score\":1,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"A\"}]}},"
                + "{\"score\":0,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"B\"}]}}]}";
        ValidationResult r = JsonlValidator.builder()
                .format(ExportFormat.GEMINI_PREFERENCE)
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(r.problems()).extracting(Problem::code).contains(ProblemCode.INVALID_PARTS);
    }
}
