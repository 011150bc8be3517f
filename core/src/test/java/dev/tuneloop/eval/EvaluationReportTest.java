package dev.tuneloop.eval;

import static dev.tuneloop.eval.EvaluatorTest.*;
import static dev.tuneloop.eval.SeedAppendix.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {
    private static EvaluationReport evilReport() {
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .answer(CAND, NVDA_Q, NVDA)
                .answer(CAND, AMZN_Q, AMZN)
                .answer(CAND, AAPL_Q, AAPL)
                .answer(BASE, EvaluatorTest::evilOrExpected)
                .build();
        return evaluator(storeWithSeedHoldout(), chat)
                .judge("gpt-4o", ScriptedChatModel.answering(r -> "VERDICT: TIE"))
                .build()
                .run();
    }

    @Test
    void jsonRoundTripsToAnEqualReport() {
        EvaluationReport r = evilReport();
        String json = r.toJson();
        assertThat(json)
                .contains(
                        "\"decision\" : \"PROMOTE\"",
                        "\"evaluatedAt\" : \"2026-03-16T12:00:00Z\"",
                        "\"baseModel\" : \"gpt-4o-mini\"");
        assertThat(EvaluationReport.fromJson(json)).isEqualTo(r);
    }

    @Test
    void unreadableJsonIsAClearErrorThatDoesNotQuoteTheInput() {
        assertThatThrownBy(() -> EvaluationReport.fromJson("{\"baseModel\": secret-answer-text}"))
                .isInstanceOf(TuneloopException.class)
                .hasMessageStartingWith("text is not an evaluation report")
                .hasMessageNotContaining("secret");
    }

    @Test
    void htmlEscapesEveryTextAndLoadsNothingFromOutside() {
        String html = evilReport().toHtml();
        assertThat(html).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        assertThat(html.toLowerCase(Locale.ROOT))
                .doesNotContain("<script", "http://", "https://", "src=", "<link", "@import", "url(");
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg", "Verdict: <span class=\"badge PROMOTE\">PROMOTE");
    }

    @Test
    void htmlChartsHaveOneBarPerBinAndModelAndOnePerCategoryAndModel() {
        EvaluationReport r = evilReport();
        String html = r.toHtml();
        String[] svgs = html.split("<svg");
        assertThat(svgs).hasSize(3);
        assertThat(count(svgs[1], "<rect")).isEqualTo(10 * 2);
        assertThat(count(svgs[2], "<rect")).isEqualTo(r.categories().size() * 2);
    }

    @Test
    void histogramBinsPutOneInTheLastBin() {
        EvaluationReport r = StatisticsTest.report(
                new double[] {0.0, 0.05, 0.1, 0.55, 1.0},
                new double[] {0.99, 1.0, 1.0, 1.0, 0.3},
                null,
                PromotionRules.DEFAULTS);
        int[][] bins = ReportHtml.bins(r);
        assertThat(bins[0]).containsExactly(2, 1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(bins[1]).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0, 4);
    }

    @Test
    void writesBothFiles(@TempDir Path dir) throws Exception {
        EvaluationReport r = evilReport();
        r.writeJson(dir.resolve("out/report.json"));
        r.writeHtml(dir.resolve("out/report.html"));
        assertThat(EvaluationReport.fromJson(Files.readString(dir.resolve("out/report.json"))))
                .isEqualTo(r);
        assertThat(Files.readString(dir.resolve("out/report.html"))).isEqualTo(r.toHtml());
    }

    @Test
    void promotionRulesAreReadBackFromTheReportsJson() {
        PromotionRules rules = PromotionRules.builder()
                .passThreshold(0.6)
                .requireImprovement(true)
                .minCases(1)
                .bootstrapResamples(200)
                .bootstrapSeed(7)
                .build();
        EvaluationReport r = StatisticsTest.report(new double[] {0.5, 0.9}, new double[] {0.7, 0.8}, null, rules);
        assertThat(r.toJson()).contains("\"passThreshold\" : 0.6", "\"bootstrapSeed\" : 7");
        EvaluationReport back = EvaluationReport.fromJson(r.toJson());
        assertThat(back.settings().rules()).isEqualTo(rules).isNotEqualTo(PromotionRules.DEFAULTS);
        assertThat(back).isEqualTo(r);
    }

    @Test
    void promotionRulesReportEveryBadValueAtOnce() {
        assertThatThrownBy(() -> PromotionRules.builder()
                        .passThreshold(0)
                        .minCases(0)
                        .bootstrapResamples(99)
                        .build())
                .hasMessageContaining("passThreshold must be in (0, 1], but was 0.0")
                .hasMessageContaining("minCases must be >= 1, but was 0")
                .hasMessageContaining("bootstrapResamples must be >= 100, but was 99");
        assertThat(PromotionRules.DEFAULTS.toBuilder().build()).isEqualTo(PromotionRules.DEFAULTS);
        assertThat(PromotionRules.DEFAULTS.withMinCases(3).minCases()).isEqualTo(3);
        assertThat(PromotionRules.DEFAULTS.passThreshold()).isEqualTo(PromotionRules.DEFAULT_PASS_THRESHOLD);
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
