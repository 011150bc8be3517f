package dev.tuneloop.export;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.store.Store;
import dev.tuneloop.testsupport.Conversations;
import dev.tuneloop.testsupport.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Tool-calling conversations export in OpenAI's format, exactly, and the validator accepts them. */
class ToolCallExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 80)
    void toolCallingConversationsExportExactlyAndValidate(@ForAll long seed) throws Exception {
        Interaction i = Conversations.interaction(new Random(seed), NOW, false);
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(i, NOW);
        store.examples().save(e, Fixtures.firstRevision(e));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(
                        ExportOptions.builder()
                                .redact(false)
                                .includeRetrievedContext(false)
                                .minExamples(0)
                                .build(),
                        out);
        assertThat(r.written()).isEqualTo(1);
        assertThat(r.validation().errors()).as(r.validation().toString()).isZero();
        JsonNode line = JSON.readTree(out.toByteArray());

        // the export keeps every part but an image's media type (OpenAI's image_url has none)
        List<ChatMessage> expected = new ArrayList<>(
                i.messages().stream().map(ToolCallExportTest::withoutMediaTypes).toList());
        if (i.systemPrompt() != null && i.systemPrompt().isEmpty()) {
            expected.remove(0); // an empty system prompt is not written
        }
        List<ChatMessage> actual = new ArrayList<>();
        for (JsonNode m : line.get("messages")) {
            List<ToolCall> calls = new ArrayList<>();
            if (m.has("tool_calls")) {
                for (JsonNode c : m.get("tool_calls")) {
                    assertThat(c.get("type").textValue()).isEqualTo("function");
                    calls.add(new ToolCall(
                            c.get("id").textValue(),
                            c.get("function").get("name").textValue(),
                            c.get("function").get("arguments").textValue()));
                }
            }
            List<ContentPart> parts = new ArrayList<>();
            if (m.has("content") && m.get("content").isArray()) {
                for (JsonNode p : m.get("content")) {
                    parts.add(
                            p.get("type").textValue().equals("text")
                                    ? ContentPart.text(p.get("text").textValue())
                                    : ContentPart.imageUrl(
                                            p.get("image_url").get("url").textValue(), null));
                }
            }
            actual.add(new ChatMessage(
                    dev.tuneloop.record.Role.fromWireName(m.get("role").textValue()),
                    !parts.isEmpty()
                            ? ContentPart.joinedText(parts)
                            : m.has("content") ? m.get("content").textValue() : "",
                    calls,
                    m.has("tool_call_id") ? m.get("tool_call_id").textValue() : null,
                    parts));
        }
        assertThat(actual).isEqualTo(expected);

        List<ToolDefinition> tools = new ArrayList<>();
        if (line.has("tools")) {
            for (JsonNode t : line.get("tools")) {
                JsonNode f = t.get("function");
                tools.add(new ToolDefinition(
                        f.get("name").textValue(),
                        f.has("description") ? f.get("description").textValue() : null,
                        JSON.writeValueAsString(f.get("parameters"))));
            }
        }
        assertThat(tools).isEqualTo(i.tools());
        boolean parallel = i.steps().stream().anyMatch(m -> m.toolCalls().size() > 1);
        if (!i.steps().isEmpty() || !i.tools().isEmpty()) {
            assertThat(line.get("parallel_tool_calls").booleanValue()).isEqualTo(parallel);
        }
        assertThat(validate(out.toString(StandardCharsets.UTF_8)).errors()).isZero();
    }

    private static ChatMessage withoutMediaTypes(ChatMessage m) {
        if (!m.hasParts()) {
            return m;
        }
        List<ContentPart> parts = m.parts().stream()
                .map(p -> p.type() == ContentPart.Type.IMAGE ? ContentPart.imageUrl(p.url(), null) : p)
                .toList();
        return new ChatMessage(m.role(), m.content(), m.toolCalls(), m.toolCallId(), parts);
    }

    private static ValidationResult validate(String jsonl) {
        return JsonlValidator.builder()
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_filing\","
            + "\"parameters\":{\"type\":\"object\"}}}]";

    private static String line(String calls, String results, String tools) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"NVDA revenue?\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[" + calls + "]}," + results
                + "{\"role\":\"assistant\",\"content\":\"$35.1B\"}]" + tools + "}\n";
    }

    private static String call(String id, String name, String args) {
        return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":"
                + JSON.valueToTree(args) + "}}";
    }

    private static String result(String id) {
        return "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"35.1B\"},";
    }

    private static String preferenceLine(String calls, String results, String tools) {
        return "{\"input\":{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                + "{\"role\":\"user\",\"content\":\"NVDA revenue?\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[" + calls + "]}"
                + (results.isEmpty() ? "" : "," + results.substring(0, results.length() - 1)) + "]" + tools
                + "},\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"$35.1B\"}],"
                + "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"a lot\"}]}\n";
    }

    @Test
    void theValidatorChecksTheToolExchangeOfAPreferenceInput() {
        String ok = preferenceLine(
                call("c1", "get_filing", "{\"ticker\":\"NVDA\"}") + "," + call("c2", "get_filing", "{}"),
                result("c2") + result("c1"),
                "," + TOOLS + ",\"parallel_tool_calls\":true");
        ValidationResult good = validate(ok);
        assertThat(good.problems()).isEmpty();
        assertThat(good.format()).isEqualTo(ExportFormat.PREFERENCE);

        assertThat(validate(preferenceLine(call("c1", "get_filing", "{"), result("c1"), "," + TOOLS))
                        .count(ProblemCode.INVALID_TOOL_ARGUMENTS))
                .isEqualTo(1);
        assertThat(validate(preferenceLine(call("c1", "get_filing", "{}"), "", "," + TOOLS))
                        .count(ProblemCode.UNANSWERED_TOOL_CALL))
                .isEqualTo(1);
        assertThat(validate(preferenceLine(call("c1", "get_filing", "{}"), result("c1") + result("c9"), "," + TOOLS))
                        .count(ProblemCode.UNKNOWN_TOOL_CALL_ID))
                .isEqualTo(1);
        assertThat(validate(preferenceLine(call("c1", "delete_all", "{}"), result("c1"), "," + TOOLS))
                        .count(ProblemCode.UNDECLARED_TOOL))
                .isEqualTo(1);
        assertThat(validate(preferenceLine(call("c1", "get_filing", "{}"), result("c1"), ",\"parallel_tool_calls\":1"))
                        .count(ProblemCode.INVALID_TOOLS))
                .isEqualTo(1);
    }

    @Property(tries = 60)
    void toolCallingConversationsExportAsPreferencePairsThatValidate(@ForAll long seed) throws Exception {
        Interaction i = Conversations.interaction(new Random(seed), NOW, false);
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(i, NOW).toBuilder()
                .improvedResponse(i.assistantResponse() + " (improved)")
                .build();
        store.examples().save(e, Fixtures.firstRevision(e));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(
                        ExportOptions.builder()
                                .format(ExportFormat.PREFERENCE)
                                .redact(false)
                                .includeRetrievedContext(false)
                                .minExamples(0)
                                .build(),
                        out);
        assertThat(r.written()).isEqualTo(1);
        assertThat(r.validation().errors()).as(r.validation().toString()).isZero();
        JsonNode input = JSON.readTree(out.toByteArray()).get("input");
        int skipped = i.systemPrompt() != null && i.systemPrompt().isEmpty() ? 1 : 0;
        // the input is the whole conversation but the final answer, steps included
        assertThat(input.get("messages").size()).isEqualTo(i.messages().size() - 1 - skipped);
        assertThat(input.has("tools")).isEqualTo(!i.tools().isEmpty());
        assertThat(input.has("parallel_tool_calls"))
                .isEqualTo(!i.steps().isEmpty() || !i.tools().isEmpty());
        assertThat(validate(out.toString(StandardCharsets.UTF_8)).errors()).isZero();
    }

    @Test
    void theValidatorChecksTheToolExchange() {
        String ok = line(
                call("c1", "get_filing", "{\"ticker\":\"NVDA\"}") + "," + call("c2", "get_filing", "{}"),
                result("c2") + result("c1"),
                "," + TOOLS + ",\"parallel_tool_calls\":true");
        assertThat(validate(ok).errors()).isZero();

        assertThat(validate(line(call("c1", "get_filing", "{"), result("c1"), "," + TOOLS))
                        .count(ProblemCode.INVALID_TOOL_ARGUMENTS))
                .isEqualTo(1);
        assertThat(validate(line(call("c1", "get_filing", "{}"), "", "," + TOOLS))
                        .count(ProblemCode.UNANSWERED_TOOL_CALL))
                .isEqualTo(1);
        assertThat(validate(line(call("c1", "get_filing", "{}"), result("c1") + result("c9"), "," + TOOLS))
                        .count(ProblemCode.UNKNOWN_TOOL_CALL_ID))
                .isEqualTo(1);
        assertThat(validate(line(call("c1", "delete_all", "{}"), result("c1"), "," + TOOLS))
                        .count(ProblemCode.UNDECLARED_TOOL))
                .isEqualTo(1);
        assertThat(validate(line(call("c1", "get_filing", "{}"), result("c1"), ",\"tools\":[{\"type\":\"x\"}]"))
                        .count(ProblemCode.INVALID_TOOLS))
                .isEqualTo(1);
        assertThat(validate(line(call("c1", "get_filing", "{}"), result("c1"), ",\"parallel_tool_calls\":\"yes\""))
                        .count(ProblemCode.INVALID_TOOLS))
                .isEqualTo(1);
    }
}
