package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.JsonlValidator;
import dev.tuneloop.export.ValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, run as a test: the whole loop offline on an H2 file database. */
class DemoTest {

    @Test
    void theDemoRunsTheWholeLoopOffline(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[] {"--data-dir", dir.toString()});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("recorded 240 interactions (all written)")
                .contains("0 dropped")
                .containsPattern("overall: (PASS|WARN)") // the frozen split hashes fresh ids: counts vary a little
                .contains("validation: 0 errors")
                .contains("SIMULATED")
                // every curated answer is the expert one, so whichever examples the frozen split holds out, the
                // fine-tuned model never does worse than the base: the verdict is the same every run
                .contains("verdict: PROMOTE")
                .contains("deployed v1")
                .doesNotContain("nothing deployed");
        assertThat(out).doesNotContain("NOT all written");
        for (String file : new String[] {
            "training_data.jsonl", "preference_data.jsonl", "evaluation.json", "evaluation.html", "tuneloop.mv.db"
        }) {
            assertThat(dir.resolve(file)).exists();
            assertThat(Files.size(dir.resolve(file))).isPositive();
        }
        assertThat(out).containsPattern("\\d+ of them called the get_filing tool");

        // part of the traffic called get_filing: the SFT file teaches the call, its result and the final answer
        List<String> lines = Files.readAllLines(dir.resolve("training_data.jsonl"), StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        long withToolCalls = 0;
        for (String line : lines) {
            JsonNode messages = json.readTree(line).get("messages");
            if (line.contains("\"tool_calls\"")) {
                withToolCalls++;
                JsonNode tools = json.readTree(line).get("tools");
                assertThat(tools.get(0).get("function").get("name").asText()).isEqualTo("get_filing");
                JsonNode call = messages.get(2).get("tool_calls").get(0);
                assertThat(call.get("function").get("name").asText()).isEqualTo("get_filing");
                assertThat(json.readTree(call.get("function").get("arguments").asText())
                                .has("ticker"))
                        .isTrue();
                assertThat(messages.get(3).get("role").asText()).isEqualTo("tool");
                assertThat(messages.get(3).get("tool_call_id").asText())
                        .isEqualTo(call.get("id").asText());
                assertThat(messages.get(messages.size() - 1).get("role").asText())
                        .isEqualTo("assistant");
            }
        }
        assertThat(withToolCalls).isPositive().isLessThan(lines.size());
        ValidationResult validation = JsonlValidator.builder()
                .baseModel(Demo.BASE_MODEL)
                .build()
                .validate(dir.resolve("training_data.jsonl"));
        assertThat(validation.problems()).isEmpty();
        assertThat(validation.ok()).isTrue();
        assertThat(validation.lines()).isEqualTo(lines.size());

        // every trainer preset is written, with its dataset card, and passes its own validator
        for (ExportFormat preset : Demo.PRESETS) {
            Path file = dir.resolve(preset.fileStem() + ".jsonl");
            ValidationResult check = JsonlValidator.builder()
                    .format(preset)
                    .minExamples(1)
                    .build()
                    .validate(file);
            assertThat(check.ok()).as(preset + ": " + check.problems()).isTrue();
            assertThat(check.format()).isEqualTo(preset);
            assertThat(out)
                    .containsPattern(
                            preset.fileStem() + "\\.jsonl +" + check.lines() + " lines, .*; valid \\(0 errors");
            assertThat(dir.resolve(preset.fileStem() + ".README.md")).isNotEmptyFile();
        }
        assertThat(dir.resolve("training_data.axolotl.yml")).isNotEmptyFile();
        assertThat(dir.resolve("training_data.dataset_info.json")).isNotEmptyFile();
        assertThat(dir.resolve("chat-preference.axolotl.yml")).content().contains("chat-preference.jsonl");
        assertThat(dir.resolve("chat-preference.dataset_info.json")).content().contains("\"ranking\": true");
        if (System.getenv("OPENAI_API_KEY") == null && System.getenv("OPENAI_BASE_URL") == null) {
            assertThat(out).contains("Offline mode");
        }
    }
}
