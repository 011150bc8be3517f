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

/** TRL_SFT with tools: TRL's tool-calling shape, prompt + completion == the conversation, the validator's rules. */
class TrlToolCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message as TRL sees it: role, text, calls (name and arguments as JSON), and the answered tool's name. */
    private record Seen(String role, String text, List<String> calls, String toolName) {}

    private static String export(Store store, ExportOptions.Builder options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(options.format(ExportFormat.TRL_SFT).minExamples(0).build(), out);
        assertThat(r.validation().errors())
                .as(r.validation().problems().toString())
                .isZero();
        assertThat(r.skipped(SkipReason.TOOL_CALLS_NOT_SUPPORTED)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Property(tries = 80)
    void promptPlusCompletionIsTheToolCallingConversation(@ForAll long seed) throws Exception {
        Interaction i = Conversations.interaction(new Random(seed), NOW, false);
        // TRL's text-only messages cannot carry images (a turn of images only would be empty): not this test's subject
        Assume.that(i.priorTurns().stream().noneMatch(ChatMessage::hasParts));
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(i, NOW);
        store.examples().save(e, Fixtures.firstRevision(e));
        String text = export(store, ExportOptions.builder().redact(false).includeRetrievedContext(false));
        JsonNode line = JSON.readTree(text);

        Map<String, String> names = new HashMap<>();
        List<Seen> expected = new ArrayList<>();
        for (ChatMessage m : i.messages()) {
            if (m.role() == Role.SYSTEM && m.content().isEmpty()) {
                continue; // an empty system prompt is not written
            }
            List<String> calls = new ArrayList<>();
            for (ToolCall c : m.toolCalls()) {
                names.put(c.id(), c.name());
                calls.add(c.name() + JSON.readTree(c.arguments()));
            }
            String id = m.toolCallId();
            expected.add(new Seen(PresetWriter.trlRole(m.role()), m.content(), calls, id == null ? "" : names.get(id)));
        }
        List<Seen> actual = new ArrayList<>();
        int promptSize = line.get("prompt").size();
        for (String key : List.of("prompt", "completion")) {
            for (JsonNode m : line.get(key)) {
                List<String> calls = new ArrayList<>();
                for (JsonNode c : m.path("tool_calls")) {
                    assertThat(c.get("type").textValue()).isEqualTo("function");
                    JsonNode args = c.get("function").get("arguments");
                    assertThat(args.isObject()).isTrue();
                    calls.add(c.get("function").get("name").textValue() + args);
                }
                actual.add(new Seen(
                        m.get("role").textValue(),
                        m.has("content") ? m.get("content").textValue() : "",
                        calls,
                        m.has("name") ? m.get("name").textValue() : ""));
            }
        }
        assertThat(actual).isEqualTo(expected);
        // the split: the prompt ends with the user's message, the completion holds the steps and the answer
        assertThat(promptSize).isEqualTo(expected.size() - i.steps().size() - 1);
        assertThat(line.get("prompt").get(promptSize - 1).get("role").textValue())
                .isEqualTo("user");
        assertThat(line.get("completion").size()).isEqualTo(i.steps().size() + 1);

        List<ToolDefinition> tools = new ArrayList<>();
        for (JsonNode t : line.path("tools")) {
            JsonNode f = t.get("function");
            tools.add(new ToolDefinition(
                    f.get("name").textValue(),
                    f.has("description") ? f.get("description").textValue() : null,
                    JSON.writeValueAsString(f.get("parameters"))));
        }
        assertThat(tools).isEqualTo(i.tools());
        assertThat(line.has("tools")).isEqualTo(!i.tools().isEmpty());
        assertThat(validate(text).errors()).isZero();
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
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(i, NOW);
        store.examples().save(e, Fixtures.firstRevision(e));
        String text = export(store, ExportOptions.builder().redact(true).redactor(Redactor.standard()));
        assertThat(text).doesNotContain("jane.doe@example.com");
        JsonNode completion = JSON.readTree(text).get("completion");
        JsonNode args =
                completion.get(0).get("tool_calls").get(0).get("function").get("arguments");
        assertThat(args.isObject()).isTrue();
        assertThat(args.get("n").get(1).intValue()).isEqualTo(3);
        assertThat(completion.get(1).get("name").textValue()).isEqualTo("lookup");
        assertThat(completion.get(1).get("content").textValue()).doesNotContain("jane.doe");
    }

    private static final String OK = "{\"prompt\":[{\"role\":\"user\",\"content\":\"Revenue?\"}],"
            + "\"completion\":[{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\",\"function\":"
            + "{\"name\":\"lookup\",\"arguments\":{\"t\":\"AAPL\"}}}]},"
            + "{\"role\":\"tool\",\"name\":\"lookup\",\"content\":\"391\"},"
            + "{\"role\":\"assistant\",\"content\":\"It was 391.\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}}]}";

    private static ValidationResult validate(String jsonl) {
        return JsonlValidator.builder()
                .format(ExportFormat.TRL_SFT)
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidToolRowPasses() {
        assertThat(validate(OK + "\n").errors()).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // arguments as a string (OpenAI's shape), not an object
                "\"arguments\":{\"t\":\"AAPL\"}|\"arguments\":\"{\\\"t\\\":1}\"|INVALID_TOOL_ARGUMENTS",
                // the call is never answered
                "{\"role\":\"tool\",\"name\":\"lookup\",\"content\":\"391\"},||UNANSWERED_TOOL_CALL",
                // a tool message answers a call nobody made
                "{\"role\":\"tool\",\"name\":\"lookup\",\"content\":\"391\"}|{\"role\":\"tool\",\"name\":\"other\",\"content\":\"391\"}|UNKNOWN_TOOL_CALL_ID",
                // a call to a tool the row does not declare
                "\"name\":\"lookup\",\"arguments\"|\"name\":\"delete_all\",\"arguments\"|UNDECLARED_TOOL",
                // tools not in TRL's {type, function} shape
                "\"tools\":[{\"type\":\"function\",\"function\"|\"tools\":[{\"function\"|INVALID_TOOLS",
                // a tool message without the tool's name
                "{\"role\":\"tool\",\"name\":\"lookup\",|{\"role\":\"tool\",|MESSAGE_MISSING_KEY",
                // a call with no type
                "\"tool_calls\":[{\"type\":\"function\",|\"tool_calls\":[{|INVALID_TOOL_CALLS",
                // the completion ends with a tool message, not the answer
                ",{\"role\":\"assistant\",\"content\":\"It was 391.\"}]|]|INVALID_COMPLETION",
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
}
