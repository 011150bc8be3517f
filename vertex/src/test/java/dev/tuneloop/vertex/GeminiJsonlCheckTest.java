package dev.tuneloop.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.FineTuneMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Gemini line check, on fixtures written here in Gemini's tuning format. */
class GeminiJsonlCheckTest {
    static final String SFT_LINE = "{\"systemInstruction\":{\"role\":\"system\",\"parts\":[{\"text\":\"Be brief.\"}]},"
            + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi?\"}]},"
            + "{\"role\":\"model\",\"parts\":[{\"text\":\"Hello.\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"text\":\"Price?\"}]},"
            + "{\"role\":\"model\",\"parts\":[{\"text\":\"Ten euros.\"}]}]}";
    static final String PREFERENCE_LINE = "{\"system_instruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
            + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Price?\"}]}],"
            + "\"completions\":[{\"score\":1,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"Ten euros.\"}]}},"
            + "{\"score\":0,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"No idea.\"}]}}]}";

    @TempDir
    Path dir;

    Path file(String... lines) throws Exception {
        Path f = dir.resolve("train.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void supervisedAndPreferenceFilesPass() throws Exception {
        assertThat(GeminiJsonlCheck.check(file(SFT_LINE, SFT_LINE)))
                .isEqualTo(new GeminiJsonlCheck.Summary(FineTuneMethod.SUPERVISED, 2));
        assertThat(GeminiJsonlCheck.check(file(PREFERENCE_LINE)))
                .isEqualTo(new GeminiJsonlCheck.Summary(FineTuneMethod.DPO, 1));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|line 2: must be valid JSON",
                "[1,2]|line 2: must be a JSON object, but was array",
                "{\"contents\":[]}|line 2: contents must be a non-empty array",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|line 2: contents must be a non-empty array",
                "{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"x\"}]}]}"
                        + "|line 2: contents[0].role must be \"user\" or \"model\", but was \"assistant\"",
                "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"text\":\"x\"}]}]}"
                        + "|line 2: contents[0].role must be \"user\"",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"b\"}]}]}"
                        + "|line 2: contents[1].role must alternate user/model",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]}]}"
                        + "|line 2: contents must end with a \"model\" turn",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[]},{\"role\":\"model\",\"parts\":[{\"text\":\"b\"}]}]}"
                        + "|line 2: contents[0].parts must be a non-empty array",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":7}]},{\"role\":\"model\",\"parts\":[{\"text\":\"b\"}]}]}"
                        + "|line 2: contents[0].parts[0].text must be a string",
                "{\"systemInstruction\":\"Be brief\",\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]},"
                        + "{\"role\":\"model\",\"parts\":[{\"text\":\"b\"}]}]}"
                        + "|line 2: systemInstruction must be an object with parts",
            })
    void eachBrokenRuleIsNamedWithItsLine(String badLine, String expected) throws Exception {
        Path f = file(SFT_LINE, badLine);
        assertThatThrownBy(() -> GeminiJsonlCheck.check(f))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith(expected)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"b\"}]}],"
                        + "\"completions\":[{\"score\":1,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"c\"}]}},"
                        + "{\"score\":0,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"d\"}]}}]}"
                        + "|line 2: contents of a preference example must end with the \"user\" turn",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]}],"
                        + "\"completions\":[{\"score\":1,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"c\"}]}}]}"
                        + "|line 2: completions must be an array of exactly two scored completions, but had 1",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]}],"
                        + "\"completions\":[{\"score\":\"high\",\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"c\"}]}},"
                        + "{\"score\":0,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"d\"}]}}]}"
                        + "|line 2: completions[0].score must be a number",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]}],"
                        + "\"completions\":[{\"score\":1,\"completion\":{\"role\":\"user\",\"parts\":[{\"text\":\"c\"}]}},"
                        + "{\"score\":0,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"d\"}]}}]}"
                        + "|line 2: completions[0].completion.role must be \"model\"",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]}],"
                        + "\"completions\":[{\"score\":1,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"c\"}]}},"
                        + "{\"score\":1,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"d\"}]}}]}"
                        + "|line 2: completions must have different scores",
            })
    void eachBrokenPreferenceRuleIsNamedWithItsLine(String badLine, String expected) throws Exception {
        Path f = file(PREFERENCE_LINE, badLine);
        assertThatThrownBy(() -> GeminiJsonlCheck.check(f))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith(expected)));
    }

    @Test
    void aFileMixingKindsIsRefused() throws Exception {
        Path f = file(SFT_LINE, PREFERENCE_LINE);
        assertThatThrownBy(() -> GeminiJsonlCheck.check(f))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("line 2: is a preference example, but line 1 was a supervised example");
    }

    @Test
    void messagesNeverQuoteTheTextOfAPart() throws Exception {
        String secretText = "my card is 4111 1111 1111 1111";
        Path f = file("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + secretText + "\"}]}]}");
        assertThatThrownBy(() -> GeminiJsonlCheck.check(f))
                .isInstanceOf(ValidationException.class)
                .hasMessageNotContaining("4111");
    }

    @Test
    void emptyFilesAndBlankLinesAreRefused() throws Exception {
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> GeminiJsonlCheck.check(empty)).hasMessageContaining("at least one example");
        Path blank = file(SFT_LINE, "", SFT_LINE);
        assertThatThrownBy(() -> GeminiJsonlCheck.check(blank))
                .hasMessageContaining("line 2: must hold one JSON object");
    }

    @Test
    void theCheckStopsAfterTwentyProblems() throws Exception {
        String[] lines = new String[50];
        java.util.Arrays.fill(lines, "{}");
        Path f = file(lines);
        assertThatThrownBy(() -> GeminiJsonlCheck.check(f))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems()).hasSize(GeminiJsonlCheck.MAX_PROBLEMS + 1));
    }
}
