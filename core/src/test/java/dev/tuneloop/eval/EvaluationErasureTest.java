package dev.tuneloop.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.tune.EvaluationSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How erasure amends an evaluation report: per case in Tuneloop's reports, whole for reports of other shapes. */
class EvaluationErasureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GONE = "00000000-0000-7000-8000-000000000001";
    private static final String KEPT = "00000000-0000-7000-8000-000000000002";

    private static EvaluationSummary summary(String reportJson) {
        return EvaluationSummary.builder("base", "candidate", Instant.parse("2026-12-01T00:00:00Z"))
                .meanScores(0.5, 0.7)
                .candidateAccuracy(0.8)
                .reportJson(reportJson)
                .build();
    }

    private static String report() {
        return "{\"cases\":["
                + caseJson(GONE, "secret question", "secret answer")
                + ","
                + caseJson(KEPT, "other question", "other answer")
                + "],\"comparisons\":[{\"regressions\":[{\"caseId\":\"" + GONE + "\"}]}]}";
    }

    private static String caseJson(String id, String question, String expected) {
        return "{\"caseId\":\"" + id + "\",\"category\":\"revenue\",\"question\":\"" + question
                + "\",\"expected\":\"" + expected + "\",\"keyFacts\":[\"" + expected + "\"],"
                + "\"answers\":{\"base\":{\"text\":\"echo " + question + "\",\"score\":0.5},"
                + "\"candidate\":{\"text\":\"echo " + question + "\",\"score\":0.7}}}";
    }

    @Test
    void redactsTheErasedCasesKeepsTheOthersAndMarksTheReport() throws Exception {
        EvaluationErasure e =
                EvaluationErasure.redact(summary(report()), List.of(GONE)).orElseThrow();

        assertThat(e.erasedCases()).isEqualTo(1);
        assertThat(e.summary().amended()).isTrue();
        assertThat(e.summary().candidateMeanScore()).isEqualTo(0.7);
        String json = e.summary().reportJson();
        assertThat(json).doesNotContain("secret").contains("other question").contains(GONE);
        JsonNode root = JSON.readTree(json);
        JsonNode gone = root.path("cases").get(0);
        assertThat(gone.path("erased").asBoolean()).isTrue();
        assertThat(gone.path("question").asText()).isEqualTo(EvaluationErasure.ERASED);
        assertThat(gone.path("keyFacts").size()).isZero();
        assertThat(gone.path("answers").path("candidate").path("score").asDouble())
                .isEqualTo(0.7);
        assertThat(root.path("cases").get(1).has("erased")).isFalse();
        assertThat(root.path("amended").path("erasedCases").asInt()).isEqualTo(1);

        // a later erasure of the other case adds to the count; erasing the same case again changes nothing
        assertThat(EvaluationErasure.redact(e.summary(), List.of(GONE))).isEmpty();
        EvaluationErasure again =
                EvaluationErasure.redact(e.summary(), List.of(KEPT, GONE)).orElseThrow();
        assertThat(again.erasedCases()).isEqualTo(1);
        assertThat(JSON.readTree(again.summary().reportJson())
                        .path("amended")
                        .path("erasedCases")
                        .asInt())
                .isEqualTo(2);
        assertThat(again.summary().reportJson()).doesNotContain("other question");
    }

    @Test
    void leavesAReportThatNamesNoneOfTheIds() {
        assertThat(EvaluationErasure.redact(summary(report()), List.of("00000000-0000-7000-8000-000000000009")))
                .isEmpty();
        assertThat(EvaluationErasure.redact(summary("{}"), List.of(GONE))).isEmpty();
    }

    @Test
    void dropsAReportOfAnotherShapeThatNamesAnErasedId() throws Exception {
        String hostReport = "{\"rows\":[{\"id\":\"" + GONE + "\",\"prompt\":\"secret question\"}]}";

        EvaluationErasure e =
                EvaluationErasure.redact(summary(hostReport), List.of(GONE)).orElseThrow();

        assertThat(e.summary().reportJson()).doesNotContain("secret").doesNotContain(GONE);
        assertThat(JSON.readTree(e.summary().reportJson())
                        .path("amended")
                        .path("reportDropped")
                        .asBoolean())
                .isTrue();
        assertThat(e.summary().amended()).isTrue();
        // text that is not JSON at all is dropped the same way
        assertThat(EvaluationErasure.redact(summary("case " + GONE + ": secret"), List.of(GONE))
                        .orElseThrow()
                        .summary()
                        .reportJson())
                .doesNotContain("secret");
    }
}
