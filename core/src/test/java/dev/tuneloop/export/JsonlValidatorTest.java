package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlValidatorTest {

    static final String GOOD =
            "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a financial analyst assistant...\"},"
                    + "{\"role\":\"user\",\"content\":\"What was NVDA's revenue in Q3 2024?\"},"
                    + "{\"role\":\"assistant\",\"content\":\"NVIDIA reported Q3 FY2025 revenue of $35.1B...\"}]}";

    private static ValidationResult validate(JsonlValidator v, String text) {
        return v.validate(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static ValidationResult one(String line) {
        return validate(JsonlValidator.builder().minExamples(0).build(), line + "\n");
    }

    private static List<String> codes(ValidationResult r) {
        return r.problems().stream().map(p -> p.code().code()).collect(Collectors.toList());
    }

    private static String tenGood() {
        return (GOOD + "\n").repeat(10);
    }

    @Test
    void aGoodFileHasNoProblems(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("train.jsonl");
        Files.writeString(f, tenGood());
        ValidationResult r = JsonlValidator.create().validate(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.lines()).isEqualTo(10);
        assertThat(r.examples()).isEqualTo(10);
        assertThat(r.format()).isEqualTo(ExportFormat.SUPERVISED);
        assertThat(r.distinctSystemPrompts()).isEqualTo(1);
        assertThat(r.tokens().examples()).isEqualTo(10);
        assertThat(r.tokens().min()).isEqualTo(r.tokens().max()).isPositive();
        assertThat(r.tokens().total()).isEqualTo(10 * r.tokens().min());
        assertThat(r.tokens().billing()).isEqualTo(r.tokens().total());
    }

    @Test
    void cookbookFormatChecks() {
        assertThat(codes(one("[1,2]"))).containsExactly("data_type");
        assertThat(codes(one("\"text\""))).containsExactly("data_type");
        assertThat(codes(one("{\"prompt\":\"a\",\"completion\":\"b\"}"))).containsExactly("missing_messages_list");
        assertThat(codes(one("{\"messages\":[]}"))).containsExactly("missing_messages_list");
        assertThat(codes(one("{\"messages\":{}}"))).containsExactly("missing_messages_list");
        assertThat(codes(one("{\"messages\":[{\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"x\"}]}")))
                .contains("message_missing_key");
        assertThat(codes(one("{\"messages\":[{\"role\":\"user\"},{\"role\":\"assistant\",\"content\":\"x\"}]}")))
                .contains("message_missing_key");
        assertThat(codes(one("{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"colour\":1},"
                        + "{\"role\":\"assistant\",\"content\":\"x\"}]}")))
                .contains("message_unrecognized_key");
        assertThat(
                        codes(
                                one(
                                        "{\"messages\":[{\"role\":\"robot\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"x\"}]}")))
                .contains("unrecognized_role");
        assertThat(
                        codes(
                                one(
                                        "{\"messages\":[{\"role\":\"user\",\"content\":\"\"},{\"role\":\"assistant\",\"content\":\"x\"}]}")))
                .contains("missing_content");
        assertThat(
                        codes(
                                one(
                                        "{\"messages\":[{\"role\":\"user\",\"content\":null},{\"role\":\"assistant\",\"content\":\"x\"}]}")))
                .contains("missing_content");
        assertThat(
                        codes(
                                one(
                                        "{\"messages\":[{\"role\":\"user\",\"content\":5},{\"role\":\"assistant\",\"content\":\"x\"}]}")))
                .contains("missing_content");
        assertThat(
                        codes(
                                one(
                                        "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"}]}")))
                .containsExactly("example_missing_assistant_message");
    }

    @Test
    void warningsForMissingSystemOrUserAndInconsistentPrompts() {
        ValidationResult r = one("{\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]}");
        assertThat(codes(r)).containsExactlyInAnyOrder("missing_system_message", "missing_user_message");
        assertThat(r.ok()).isTrue();
        assertThat(r.warnings()).isEqualTo(2);
        String other = GOOD.replace("You are a financial", "You are a legal");
        ValidationResult mixed = validate(JsonlValidator.create(), tenGood() + other + "\n" + other + "\n");
        assertThat(mixed.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.INCONSISTENT_SYSTEM_PROMPT);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.line()).isEqualTo(11);
        });
        assertThat(mixed.distinctSystemPrompts()).isEqualTo(2);
        // the developer role counts as the system message
        assertThat(codes(one(
                        "{\"messages\":[{\"role\":\"developer\",\"content\":\"d\"},{\"role\":\"user\",\"content\":\"q\"},"
                                + "{\"role\":\"assistant\",\"content\":\"a\"}]}")))
                .isEmpty();
    }

    @Test
    void toolCallsWeightsAndToolMessages() {
        String ok =
                "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"weather?\"},"
                        + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"20C\"},"
                        + "{\"role\":\"assistant\",\"content\":\"It is 20C.\",\"weight\":1}],"
                        + "\"tools\":[]}";
        assertThat(codes(one(ok))).isEmpty();
        assertThat(codes(one(ok.replace("\"weight\":1", "\"weight\":2")))).containsExactly("invalid_weight");
        assertThat(codes(one(ok.replace("\"weight\":1", "\"weight\":0.5")))).containsExactly("invalid_weight");
        assertThat(codes(one(ok.replace("\"content\":\"weather?\"", "\"content\":\"weather?\",\"weight\":1"))))
                .containsExactly("invalid_weight");
        // without its id the tool message answers nothing, so the call is also unanswered
        assertThat(codes(one(ok.replace("\"tool_call_id\":\"call_1\",", ""))))
                .containsExactly("missing_tool_call_id", "unanswered_tool_call");
        assertThat(codes(one(ok.replace("\"type\":\"function\"", "\"type\":\"magic\""))))
                .containsExactly("invalid_tool_calls");
        assertThat(codes(one(ok.replace("\"tool_calls\":[", "\"tool_calls\":[1,"))))
                .containsExactly("invalid_tool_calls");
        assertThat(codes(one(ok.replace(
                        "\"role\":\"system\",\"content\":\"s\"", "\"role\":\"system\",\"content\":\"s\",\"name\":7"))))
                .containsExactly("invalid_name");
    }

    @Test
    void preferenceShape() {
        String ok =
                "{\"input\":{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"}]},"
                        + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"good\"}],"
                        + "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"bad\"}]}";
        ValidationResult r = one(ok);
        assertThat(codes(r)).isEmpty();
        assertThat(r.format()).isEqualTo(ExportFormat.PREFERENCE);
        assertThat(r.tokens().examples()).isEqualTo(1);
        assertThat(codes(one(ok.replace(
                        "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"bad\"}]",
                        "\"non_preferred_output\":[]"))))
                .containsExactly("invalid_preference_output");
        assertThat(codes(one(ok.replace(
                        "\"preferred_output\":[{\"role\":\"assistant\"", "\"preferred_output\":[{\"role\":\"user\""))))
                .containsExactly("invalid_preference_output");
        assertThat(codes(one(ok.replace("\"input\":{\"messages\":", "\"input\":{\"msgs\":"))))
                .containsExactly("missing_messages_list");
        assertThat(codes(one(ok.replace(
                        "{\"role\":\"user\",\"content\":\"q\"}",
                        "{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}"))))
                .containsExactly("preference_input_ends_with_assistant");
        ValidationResult mixed =
                validate(JsonlValidator.builder().minExamples(0).build(), GOOD + "\n" + ok + "\n");
        assertThat(mixed.errors()).isEqualTo(1);
        assertThat(mixed.problems())
                .filteredOn(p -> p.severity() == Severity.ERROR)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.code()).isEqualTo(ProblemCode.MIXED_FORMATS);
                    assertThat(p.line()).isEqualTo(2);
                });
    }

    @Test
    void aValidatorBuiltForOneFormatReportsEveryExampleOfTheOther() {
        String pair =
                "{\"input\":{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"}]},"
                        + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"good\"}],"
                        + "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"bad\"}]}";
        JsonlValidator dpo = JsonlValidator.builder()
                .format(ExportFormat.PREFERENCE)
                .minExamples(0)
                .build();
        // a supervised file checked for DPO: every line is wrong, not only those after the first
        ValidationResult sft = validate(dpo, GOOD + "\n" + GOOD + "\n");
        assertThat(sft.ok()).isFalse();
        assertThat(sft.problems())
                .extracting(Problem::line, Problem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, ProblemCode.UNEXPECTED_FORMAT),
                        org.assertj.core.groups.Tuple.tuple(2L, ProblemCode.UNEXPECTED_FORMAT));
        assertThat(sft.problems().get(0).message())
                .isEqualTo("example is supervised but the file must hold preference examples");
        assertThat(sft.format()).isEqualTo(ExportFormat.SUPERVISED);
        ValidationResult mixed = validate(dpo, pair + "\n" + GOOD + "\n");
        assertThat(mixed.problems())
                .filteredOn(p -> p.severity() == Severity.ERROR)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.code()).isEqualTo(ProblemCode.UNEXPECTED_FORMAT);
                    assertThat(p.line()).isEqualTo(2);
                });
        assertThat(validate(dpo, pair + "\n" + pair + "\n").ok()).isTrue();
        assertThat(validate(
                                JsonlValidator.builder()
                                        .format(ExportFormat.SUPERVISED)
                                        .build(),
                                tenGood())
                        .problems())
                .isEmpty();
    }

    @Test
    void tooFewExamplesIsReportedOnTheLastLine() {
        ValidationResult r = validate(JsonlValidator.create(), (GOOD + "\n").repeat(9));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.TOO_FEW_EXAMPLES);
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(validate(JsonlValidator.create(), "").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(1));
    }

    @Test
    void exampleTooLongUsesTheBaseModelsLimit() {
        ValidationResult r = validate(
                JsonlValidator.builder()
                        .minExamples(0)
                        .tokenLimits(TokenLimits.standard().with("gpt-4o-mini", 20))
                        .build(),
                GOOD + "\n");
        assertThat(codes(r)).containsExactly("example_too_long");
        assertThat(r.tokens().billing()).isEqualTo(20);
        assertThat(r.tokens().total()).isGreaterThan(20);
        assertThat(codes(validate(JsonlValidator.builder().minExamples(0).build(), GOOD + "\n")))
                .isEmpty();
    }

    @Test
    void byteLevelProblemsCarryTheirLineNumbers() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8)); // 1: bom, then fine
        b.write("\n".getBytes(StandardCharsets.UTF_8)); // 2: empty
        b.write(new byte[] {'{', '"', (byte) 0xC3, '"', '}', '\n'}); // 3: invalid utf-8
        b.write("{\"messages\": [\n".getBytes(StandardCharsets.UTF_8)); // 4: truncated
        b.write("{\"a\":1} {\"b\":2}\n".getBytes(StandardCharsets.UTF_8)); // 5: trailing value
        b.write("{\"a\":1,\"a\":2}\n".getBytes(StandardCharsets.UTF_8)); // 6: duplicate key
        b.write(("[".repeat(1000) + "]".repeat(1000) + "\n").getBytes(StandardCharsets.UTF_8)); // 7: too deep
        b.write(GOOD.getBytes(StandardCharsets.UTF_8)); // 8: no final newline, fine
        ValidationResult r =
                JsonlValidator.builder().minExamples(0).build().validate(new ByteArrayInputStream(b.toByteArray()));
        assertThat(r.problems())
                .extracting(Problem::line, p -> p.code().code())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "bom"),
                        org.assertj.core.groups.Tuple.tuple(2L, "empty_line"),
                        org.assertj.core.groups.Tuple.tuple(3L, "invalid_utf8"),
                        org.assertj.core.groups.Tuple.tuple(4L, "invalid_json"),
                        org.assertj.core.groups.Tuple.tuple(5L, "invalid_json"),
                        org.assertj.core.groups.Tuple.tuple(6L, "invalid_json"),
                        org.assertj.core.groups.Tuple.tuple(7L, "invalid_json"));
        assertThat(r.lines()).isEqualTo(8);
        assertThat(r.examples()).isEqualTo(2);
    }

    @Test
    void aLoneSurrogateEscapeIsAnErrorNamingWhereButNotWhat() {
        String lone = GOOD.replace("Q3 2024?", "Q3 2024? \\ud800 SECRET");
        ValidationResult r = one(lone);
        assertThat(codes(r)).containsExactly("unpaired_surrogate");
        assertThat(r.problems().get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(r.problems().get(0).message())
                .contains("messages[1].content")
                .doesNotContain("SECRET");
        assertThat(codes(one(GOOD.replace("Q3 2024?", "\\udfff Q3 2024?")))).containsExactly("unpaired_surrogate");
        assertThat(codes(one(GOOD.replace("You are", "You are \\udbff")))).containsExactly("unpaired_surrogate");
        assertThat(one("{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"x\\ud800\":1},"
                                + "{\"role\":\"assistant\",\"content\":\"a\"}]}")
                        .errors())
                .as("in a key it is an error too (the parser itself refuses it)")
                .isPositive();
        assertThat(codes(one(GOOD.replace("Q3 2024?", "Q3 2024? \\ud83d\\ude00"))))
                .as("an escaped pair is a valid character (U+1F600)")
                .isEmpty();
    }

    @Test
    void crlfLineEndingsAreOneWarningAtTheFirstSuchLine() {
        ValidationResult r = validate(JsonlValidator.create(), GOOD + "\n" + (GOOD + "\r\n").repeat(10));
        assertThat(r.problems())
                .extracting(Problem::line, p -> p.code().code(), Problem::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "crlf_line_ending", Severity.WARNING));
        assertThat(r.ok()).isTrue();
        assertThat(r.examples()).isEqualTo(11);
        assertThat(r.warnings()).isEqualTo(1);
        assertThat(codes(validate(JsonlValidator.create(), tenGood()))).isEmpty();
    }

    @Test
    void tooLongLinesAreSkippedUnread() {
        String huge = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";
        ValidationResult r = validate(
                JsonlValidator.builder().minExamples(0).maxLineBytes(1024).build(), huge + "\n" + GOOD + "\n" + huge);
        assertThat(r.problems())
                .extracting(Problem::line, p -> p.code().code())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "line_too_long"),
                        org.assertj.core.groups.Tuple.tuple(3L, "line_too_long"));
    }

    @Test
    void messagesNeverQuoteContent() {
        String secret = "SECRET-4111111111111111";
        String bad = "{\"messages\":[{\"role\":\"" + secret + "\",\"content\":\"" + secret + "\",\"" + secret
                + "\":1}]}\n" + "{\"" + secret + "\n" + secret + "\n[\"" + secret + "\"]\n";
        ValidationResult r = validate(JsonlValidator.create(), bad);
        assertThat(r.problems()).hasSizeGreaterThan(4);
        assertThat(r.problems())
                .allSatisfy(
                        p -> assertThat(p.message()).doesNotContain("SECRET").doesNotContain("4111"));
    }

    @Test
    void problemsAreCappedButAllCounted() {
        ValidationResult r = validate(JsonlValidator.builder().maxProblems(3).build(), "[]\n".repeat(50));
        assertThat(r.problems()).hasSize(3);
        assertThat(r.problemsTruncated()).isTrue();
        assertThat(r.count(ProblemCode.DATA_TYPE)).isEqualTo(50);
        assertThat(r.errors()).isEqualTo(51); // 50 data_type + too_few_examples
    }

    @Test
    void resultIsJsonSerializable() throws Exception {
        ValidationResult r = validate(JsonlValidator.create(), "[]\n" + GOOD + "\n");
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r);
        assertThat(json)
                .contains("\"code\":\"data_type\"")
                .contains("\"severity\":\"ERROR\"")
                .contains("\"line\":1")
                .contains("\"too_few_examples\":1")
                .contains("\"format\":\"SUPERVISED\"");
    }
}
