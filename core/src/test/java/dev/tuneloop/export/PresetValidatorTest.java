package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each documented violation of a TRL or Gemini preset gives its stable code, on its line. */
class PresetValidatorTest {

    private static final String P = "\"prompt\":[{\"role\":\"user\",\"content\":\"Q?\"}]";
    private static final String A = "[{\"role\":\"assistant\",\"content\":\"A.\"}]";
    private static final String GOOD_SFT = "{" + P + ",\"completion\":" + A + "}";
    private static final String U = "{\"role\":\"user\",\"parts\":[{\"text\":\"Q?\"}]}";
    private static final String M = "{\"role\":\"model\",\"parts\":[{\"text\":\"A.\"}]}";
    private static final String C1 = "{\"score\":1,\"completion\":" + M + "}";
    private static final String C0 = "{\"score\":0,\"completion\":" + M + "}";

    private static ValidationResult validate(ExportFormat f, String... lines) {
        String text = String.join("\n", lines) + "\n";
        return JsonlValidator.builder()
                .format(f)
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(ExportFormat.TRL_SFT, "{\"completion\":" + A + "}", ProblemCode.MISSING_FIELD),
                Arguments.of(ExportFormat.TRL_SFT, "{" + P + "}", ProblemCode.MISSING_FIELD),
                Arguments.of(
                        ExportFormat.TRL_SFT, "{\"prompt\":7,\"completion\":" + A + "}", ProblemCode.MISSING_FIELD),
                Arguments.of(ExportFormat.TRL_SFT, "{\"x\":1}", ProblemCode.MISSING_FIELD),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{" + P + ",\"completion\":[{\"role\":\"user\",\"content\":\"A.\"}]}",
                        ProblemCode.INVALID_COMPLETION),
                Arguments.of(ExportFormat.TRL_SFT, "{" + P + ",\"completion\":[]}", ProblemCode.INVALID_COMPLETION),
                Arguments.of(
                        ExportFormat.TRL_SFT, "{\"prompt\":\"Q\",\"completion\":\"\"}", ProblemCode.INVALID_COMPLETION),
                Arguments.of(
                        ExportFormat.TRL_SFT, "{" + P + ",\"completion\":\"A.\"}", ProblemCode.MIXED_DATASET_STYLES),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{\"prompt\":\"Question: \",\"completion\":\"Answer\"}",
                        ProblemCode.PROMPT_TRAILING_WHITESPACE),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{\"prompt\":[{\"role\":\"user\",\"content\":\"Q?\"},{\"role\":\"assistant\",\"content\":\"x\"}],"
                                + "\"completion\":" + A + "}",
                        ProblemCode.INVALID_LAST_TURN),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{" + P + ",\"completion\":[{\"role\":\"assistant\",\"content\":\"A.\",\"weight\":1}]}",
                        ProblemCode.OPENAI_ONLY_KEY),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{\"prompt\":[{\"role\":\"user\",\"content\":\"Q?\",\"x\":1}],\"completion\":" + A + "}",
                        ProblemCode.MESSAGE_UNRECOGNIZED_KEY),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{\"prompt\":[{\"role\":\"developer\",\"content\":\"Q?\"}],\"completion\":" + A + "}",
                        ProblemCode.UNRECOGNIZED_ROLE),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{\"prompt\":[{\"role\":\"user\",\"content\":\"\"}],\"completion\":" + A + "}",
                        ProblemCode.MISSING_CONTENT),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{\"prompt\":[{\"content\":\"Q?\"}],\"completion\":" + A + "}",
                        ProblemCode.MESSAGE_MISSING_KEY),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Q?\"},"
                                + "{\"role\":\"assistant\",\"content\":\"A.\"}]}",
                        ProblemCode.UNEXPECTED_FORMAT),
                Arguments.of(
                        ExportFormat.TRL_SFT,
                        "{" + P + ",\"completion\":" + A + ",\"label\":true}",
                        ProblemCode.UNEXPECTED_FORMAT),
                Arguments.of(ExportFormat.TRL_DPO, "{" + P + ",\"chosen\":" + A + "}", ProblemCode.MISSING_FIELD),
                Arguments.of(
                        ExportFormat.TRL_DPO,
                        "{" + P + ",\"chosen\":" + A + ",\"rejected\":\"no\"}",
                        ProblemCode.MIXED_DATASET_STYLES),
                Arguments.of(
                        ExportFormat.TRL_KTO,
                        "{" + P + ",\"completion\":" + A + ",\"label\":\"true\"}",
                        ProblemCode.INVALID_LABEL),
                Arguments.of(
                        ExportFormat.TRL_KTO,
                        "{" + P + ",\"completion\":" + A + ",\"label\":1}",
                        ProblemCode.INVALID_LABEL),
                Arguments.of(ExportFormat.GEMINI_SFT, "{\"contents\":[]}", ProblemCode.MISSING_FIELD),
                Arguments.of(ExportFormat.GEMINI_SFT, "{\"contents\":[" + U + "]}", ProblemCode.INVALID_LAST_TURN),
                Arguments.of(
                        ExportFormat.GEMINI_SFT,
                        "{\"contents\":[" + U + "]}",
                        ProblemCode.EXAMPLE_MISSING_ASSISTANT_MESSAGE),
                Arguments.of(
                        ExportFormat.GEMINI_SFT,
                        "{\"contents\":[" + U + "," + M + "],\"id\":\"x\"}",
                        ProblemCode.UNRECOGNIZED_FIELD),
                Arguments.of(
                        ExportFormat.GEMINI_SFT,
                        "{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"A\"}]}]}",
                        ProblemCode.UNRECOGNIZED_ROLE),
                Arguments.of(
                        ExportFormat.GEMINI_SFT,
                        "{\"contents\":[" + U + ",{\"role\":\"model\",\"parts\":[]}]}",
                        ProblemCode.INVALID_PARTS),
                Arguments.of(
                        ExportFormat.GEMINI_SFT,
                        "{\"contents\":[" + U + ",{\"role\":\"model\",\"parts\":[{\"text\":\"\"}]}]}",
                        ProblemCode.INVALID_PARTS),
                Arguments.of(
                        ExportFormat.GEMINI_SFT,
                        "{\"systemInstruction\":{\"parts\":\"x\"},\"contents\":[" + U + "," + M + "]}",
                        ProblemCode.INVALID_PARTS),
                Arguments.of(
                        ExportFormat.GEMINI_SFT,
                        "{\"contents\":[" + U + ",{\"role\":\"model\",\"parts\":[{\"text\":\"A\"}],\"weight\":1}]}",
                        ProblemCode.OPENAI_ONLY_KEY),
                Arguments.of(
                        ExportFormat.GEMINI_PREFERENCE,
                        "{\"contents\":[" + U + "],\"completions\":[" + C1 + "]}",
                        ProblemCode.INVALID_PREFERENCE_OUTPUT),
                Arguments.of(
                        ExportFormat.GEMINI_PREFERENCE,
                        "{\"contents\":[" + U + "],\"completions\":[" + C1 + "," + C1 + "]}",
                        ProblemCode.INVALID_PREFERENCE_OUTPUT),
                Arguments.of(
                        ExportFormat.GEMINI_PREFERENCE,
                        "{\"contents\":[" + U + "],\"completions\":[" + C1 + ",{\"score\":0.5,\"completion\":" + M
                                + "}]}",
                        ProblemCode.INVALID_PREFERENCE_OUTPUT),
                Arguments.of(
                        ExportFormat.GEMINI_PREFERENCE,
                        "{\"contents\":[" + U + "," + M + "],\"completions\":[" + C1 + "," + C0 + "]}",
                        ProblemCode.INVALID_LAST_TURN),
                Arguments.of(
                        ExportFormat.GEMINI_PREFERENCE,
                        "{\"contents\":[" + U + "," + M + "]}",
                        ProblemCode.UNEXPECTED_FORMAT));
    }

    @ParameterizedTest
    @MethodSource("violations")
    void eachViolationHasItsCodeOnItsLine(ExportFormat f, String bad, ProblemCode code) {
        ValidationResult r = validate(f, good(f), bad);
        assertThat(r.count(code)).as(r.problems().toString()).isPositive();
        assertThat(r.problems())
                .filteredOn(p -> p.code() == code)
                .allSatisfy(p -> assertThat(p.line()).isEqualTo(2));
        if (code.severity() == Severity.ERROR) {
            assertThat(r.ok()).isFalse();
        }
        assertThat(validate(f, good(f)).ok()).isTrue();
    }

    private static String good(ExportFormat f) {
        return switch (f) {
            case TRL_SFT -> GOOD_SFT;
            case TRL_DPO -> "{" + P + ",\"chosen\":" + A + ",\"rejected\":" + A + "}";
            case TRL_KTO -> "{" + P + ",\"completion\":" + A + ",\"label\":false}";
            case GEMINI_SFT ->
                "{\"systemInstruction\":{\"parts\":[{\"text\":\"S\"}]},\"contents\":[" + U + "," + M + "]}";
            case GEMINI_PREFERENCE ->
                "{\"system_instruction\":{\"parts\":[{\"text\":\"S\"}]},\"contents\":[" + U + "],\"completions\":[" + C1
                        + "," + C0 + "]}";
            case SUPERVISED, PREFERENCE, CHAT_PREFERENCE, CHAT_KTO -> throw new IllegalArgumentException(f.name());
        };
    }

    @Test
    void plainAndConversationalRowsMayNotMixInAFile() {
        ValidationResult r = validate(ExportFormat.TRL_SFT, "{\"prompt\":\"Q\",\"completion\":\" A\"}", GOOD_SFT);
        assertThat(r.count(ProblemCode.MIXED_DATASET_STYLES)).isEqualTo(1);
        assertThat(r.problems().get(0).line()).isEqualTo(2);
        assertThat(validate(ExportFormat.TRL_SFT, "{\"prompt\":\"Q\",\"completion\":\" A\"}")
                        .ok())
                .isTrue();
    }

    @Test
    void ktoBalanceIsCountedAndAOneSidedFileWarned() {
        String t = "{" + P + ",\"completion\":" + A + ",\"label\":true}";
        String f = "{" + P + ",\"completion\":" + A + ",\"label\":false}";
        ValidationResult both = validate(ExportFormat.TRL_KTO, t, t, f);
        assertThat(both.desirable()).isEqualTo(2);
        assertThat(both.undesirable()).isEqualTo(1);
        assertThat(both.count(ProblemCode.KTO_UNBALANCED)).isZero();
        ValidationResult one = validate(ExportFormat.TRL_KTO, t, t);
        assertThat(one.count(ProblemCode.KTO_UNBALANCED)).isEqualTo(1);
        assertThat(one.ok()).isTrue();
    }

    @Test
    void geminiExamplesOverVertexsTokenLimitAreTooLong() {
        String big = "word ".repeat(JsonlValidator.GEMINI_MAX_TOKENS_PER_EXAMPLE + 10);
        String line = "{\"contents\":[" + U + ",{\"role\":\"model\",\"parts\":[{\"text\":\"" + big + "\"}]}]}";
        ValidationResult r = validate(ExportFormat.GEMINI_SFT, line);
        assertThat(r.count(ProblemCode.EXAMPLE_TOO_LONG)).isEqualTo(1);
        ValidationResult fits = validate(ExportFormat.GEMINI_SFT, good(ExportFormat.GEMINI_SFT));
        assertThat(fits.tokens().max()).isPositive().isLessThan(JsonlValidator.GEMINI_MAX_TOKENS_PER_EXAMPLE);
    }
}
