package dev.tuneloop.export;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.Role;
import dev.tuneloop.store.Store;
import dev.tuneloop.testsupport.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages with content parts: the model's rules, OpenAI's content-part array on export, the validator's checks. */
class MultiPartContentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void partsHaveOneShapeEachAndImagesAreReferencesNeverBytes() {
        assertThat(ContentPart.text("a").type()).isEqualTo(ContentPart.Type.TEXT);
        assertThat(ContentPart.imageUrl("https://x/y.png", "image/png").toString())
                .isEqualTo("ContentPart[image, url, mediaType=image/png]");
        assertThat(ContentPart.text("secret words").toString()).doesNotContain("secret");
        assertThatThrownBy(() -> ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo=", "image/png"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("part.url must be a reference");
        assertThatThrownBy(() -> new ContentPart(ContentPart.Type.IMAGE, null, "https://x", "file-1", null))
                .hasMessageContaining("exactly one of url and fileId");
        assertThatThrownBy(() -> new ContentPart(ContentPart.Type.TEXT, "t", "https://x", null, null))
                .hasMessageContaining("a text part must have text and no url");
        assertThat(ContentPart.Type.fromWireName("image")).isEqualTo(ContentPart.Type.IMAGE);
    }

    @Test
    void aMultiPartMessagesContentIsItsTextPartsJoined() {
        ChatMessage m = ChatMessage.ofParts(
                Role.USER,
                List.of(
                        ContentPart.text("What does this show?"),
                        ContentPart.imageFile("file-abc", null),
                        ContentPart.text("Be brief.")));
        assertThat(m.content()).isEqualTo("What does this show?\nBe brief.");
        assertThat(m.hasParts()).isTrue();
        assertThat(m.toString()).contains("parts=3").doesNotContain("brief");
        assertThatThrownBy(() -> new ChatMessage(
                        Role.USER, "other text", List.of(), null, List.of(ContentPart.text("What does this show?"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("message.content must be the text parts joined by a newline");
        assertThatThrownBy(() -> ChatMessage.ofParts(Role.USER, List.of()))
                .hasMessageContaining("message.parts must not be empty");
        assertThat(new ChatMessage(Role.USER, "plain").parts()).isEmpty();
    }

    @Test
    void exportWritesOpenAisContentPartArrayAndTheValidatorAcceptsIt() throws Exception {
        Interaction i = Interaction.builder()
                .createdAt(NOW)
                .userId("u")
                .systemPrompt("You read charts.")
                .priorTurns(List.of(
                        ChatMessage.ofParts(
                                Role.USER,
                                List.of(
                                        ContentPart.text("What does this chart show?"),
                                        ContentPart.imageUrl("https://img.example/q3.png", "image/png"))),
                        ChatMessage.assistant("Revenue by quarter.")))
                .userMessage("And the trend?")
                .assistantResponse("Up 94% year over year.")
                .modelUsed("gpt-4o-mini")
                .build();
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(i, NOW);
        store.examples().save(e, Fixtures.firstRevision(e));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(ExportOptions.builder().redact(false).minExamples(0).build(), out);
        assertThat(r.written()).isEqualTo(1);
        assertThat(r.validation().errors()).as(r.validation().toString()).isZero();
        JsonNode content =
                JSON.readTree(out.toByteArray()).get("messages").get(1).get("content");
        assertThat(content.toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"What does this chart show?\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://img.example/q3.png\"}}]");
    }

    private static ByteArrayOutputStream exportOne(Interaction i, ExportOptions.Builder options) {
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(i, NOW);
        store.examples().save(e, Fixtures.firstRevision(e));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(options.redact(false).minExamples(0).build(), out);
        assertThat(r.written()).as(r.toString()).isEqualTo(1);
        assertThat(r.validation().errors()).as(r.validation().toString()).isZero();
        return out;
    }

    private static Interaction.Builder chartQuestion() {
        return Interaction.builder()
                .createdAt(NOW)
                .userId("u")
                .systemPrompt("You read charts.")
                .userMessageParts(List.of(
                        ContentPart.text("What does this chart show?"),
                        ContentPart.imageUrl("https://img.example/q3.png", "image/png")))
                .assistantResponse("Revenue by quarter.")
                .modelUsed("gpt-4o-mini");
    }

    @Test
    void theFinalUserMessageIsWrittenAsTheContentPartArray() throws Exception {
        String parts = "[{\"type\":\"text\",\"text\":\"What does this chart show?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://img.example/q3.png\"}}";
        JsonNode sft = JSON.readTree(
                exportOne(chartQuestion().build(), ExportOptions.builder()).toByteArray());
        assertThat(sft.get("messages").get(1).get("role").textValue()).isEqualTo("user");
        assertThat(sft.get("messages").get(1).get("content").toString()).isEqualTo(parts + "]");
        // included retrieved context is a last text part, the image keeps its place
        JsonNode withContext = JSON.readTree(exportOne(
                        chartQuestion()
                                .addRetrievedDocument("d1", null, "Q3 revenue: $35.1B")
                                .build(),
                        ExportOptions.builder().includeRetrievedContext(true))
                .toByteArray());
        assertThat(withContext.get("messages").get(1).get("content").toString())
                .isEqualTo(parts + ",{\"type\":\"text\",\"text\":"
                        + JSON.writeValueAsString(StoreJsonlExporter.contextBlock(List.of(
                                        new dev.tuneloop.record.RetrievedDocument("d1", null, "Q3 revenue: $35.1B")))
                                .substring(2))
                        + "}]");
        // the preference input carries the same array
        Interaction edited = chartQuestion().build();
        Store store = Store.inMemory();
        TrainingExample e = Fixtures.approved(edited, NOW).toBuilder()
                .improvedResponse("Quarterly revenue, up 94%.")
                .build();
        store.examples().save(e, Fixtures.firstRevision(e));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(
                        ExportOptions.builder()
                                .format(ExportFormat.PREFERENCE)
                                .redact(false)
                                .minExamples(0)
                                .build(),
                        out);
        assertThat(r.validation().errors()).as(r.validation().toString()).isZero();
        JsonNode dpo = JSON.readTree(out.toByteArray());
        assertThat(dpo.get("input").get("messages").get(1).get("content").toString())
                .isEqualTo(parts + "]");
    }

    @Test
    void thePresetsWriteTheFinalUserMessagesTextAsTheyDoForPriorTurns() throws Exception {
        Interaction i = chartQuestion()
                .priorTurns(List.of(
                        ChatMessage.ofParts(
                                Role.USER,
                                List.of(
                                        ContentPart.text("Here is the Q2 chart."),
                                        ContentPart.imageUrl("https://img.example/q2.png", null))),
                        ChatMessage.assistant("Noted.")))
                .build();
        for (ExportFormat f : List.of(ExportFormat.TRL_SFT, ExportFormat.GEMINI_SFT, ExportFormat.CHAT_PREFERENCE)) {
            ExportOptions.Builder options = ExportOptions.builder().format(f);
            String line;
            if (f == ExportFormat.CHAT_PREFERENCE) {
                Store store = Store.inMemory();
                TrainingExample e = Fixtures.approved(i, NOW).toBuilder()
                        .improvedResponse("Quarterly revenue.")
                        .build();
                store.examples().save(e, Fixtures.firstRevision(e));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                JsonlExporter.create(store.examples())
                        .export(options.redact(false).minExamples(0).build(), out);
                line = out.toString(StandardCharsets.UTF_8);
            } else {
                line = exportOne(i, options).toString(StandardCharsets.UTF_8);
            }
            // both user messages as their text, the images left out alike
            assertThat(line)
                    .as(f.name())
                    .contains("Here is the Q2 chart.", "What does this chart show?")
                    .doesNotContain("img.example");
        }
    }

    private static String line(String role, String parts) {
        return "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"" + role + "\",\"content\":[" + parts
                + "]},{\"role\":\"assistant\",\"content\":\"a\"}]}\n";
    }

    private static ValidationResult validate(String jsonl) {
        return JsonlValidator.builder()
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theValidatorChecksImagePartsSchemeRoleAndType() {
        String text = "{\"type\":\"text\",\"text\":\"look\"}";
        for (String ok :
                List.of("https://img.example/a.png", "http://img.example/a.png", "data:image/png;base64,AAAA")) {
            String image = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + ok + "\"}}";
            assertThat(validate(line("user", text + "," + image)).problems()).isEmpty();
        }
        for (String bad : List.of("ftp://img.example/a.png", "javascript:alert(1)", "file:///etc/passwd", "")) {
            String image = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + bad + "\"}}";
            ValidationResult r = validate(line("user", text + "," + image));
            assertThat(r.count(ProblemCode.INVALID_CONTENT_PART)).as(bad).isEqualTo(1);
            assertThat(r.problems().get(0).message()).doesNotContain("passwd", "alert");
        }
        String image = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://img.example/a.png\"}}";
        assertThat(validate(line("system", text + "," + image)).count(ProblemCode.INVALID_CONTENT_PART))
                .isEqualTo(1);
        assertThat(validate(line("user", text + ",{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}}"))
                        .count(ProblemCode.INVALID_CONTENT_PART))
                .isEqualTo(1);
        assertThat(validate(line("user", "{\"type\":\"text\",\"text\":\"\"}")).count(ProblemCode.MISSING_CONTENT))
                .isEqualTo(1);
    }
}
