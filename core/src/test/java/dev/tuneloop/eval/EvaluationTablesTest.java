package dev.tuneloop.eval;

import static dev.tuneloop.eval.EvaluatorTest.evaluator;
import static dev.tuneloop.eval.EvaluatorTest.seedModels;
import static dev.tuneloop.eval.EvaluatorTest.storeWithSeedHoldout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.export.Tables;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class EvaluationTablesTest {

    @Test
    void oneRowPerCaseAndModelWithTheScoresOfTheReport() throws Exception {
        EvaluationReport report =
                evaluator(storeWithSeedHoldout(), seedModels()).build().run();
        StringWriter out = new StringWriter();
        // snippet:evaluation-tables
        long rows = EvaluationTables.write(report, Tables.Format.JSON, out); // or Tables.Format.CSV
        // end-snippet:evaluation-tables
        assertThat(rows).isEqualTo(2L * report.cases().size());
        JsonNode table = new ObjectMapper().readTree(out.toString());
        assertThat(table).hasSize(report.cases().size() * 2);
        for (JsonNode r : table) {
            EvaluationReport.CaseResult c = report.cases().stream()
                    .filter(x -> x.caseId().equals(r.get("case_id").textValue()))
                    .findFirst()
                    .orElseThrow();
            EvaluationReport.ModelAnswer a = c.answers().get(r.get("model").textValue());
            assertThat(r.get("score").doubleValue()).isEqualTo(a.score());
            assertThat(r.get("passed").booleanValue()).isEqualTo(a.passed());
            assertThat(r.get("role").textValue())
                    .isEqualTo(r.get("model").textValue().equals(report.candidateModel()) ? "candidate" : "base");
            assertThat(r.get("question").textValue()).isEqualTo(c.question());
        }

        StringWriter csv = new StringWriter();
        assertThat(EvaluationTables.write(report, Tables.Format.CSV, csv)).isEqualTo(rows);
        assertThat(csv.toString()).startsWith(String.join(",", EvaluationTables.COLUMNS) + "\r\n");
    }
}
