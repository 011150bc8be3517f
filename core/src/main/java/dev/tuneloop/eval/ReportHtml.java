package dev.tuneloop.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders an {@link EvaluationReport} as one HTML page: inline CSS, inline SVG charts, no scripts, no fonts, no
 * external resources. Every text from the report goes through {@link #esc(String)}. Not API.
 */
final class ReportHtml {
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"};
    private static final int BINS = 10;

    private ReportHtml() {}

    /** The text with {@code & < > " '} as character references; empty for null. */
    static String esc(@Nullable String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** The whole page. */
    static String render(EvaluationReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Evaluation: ")
                .append(esc(r.candidateModel()))
                .append(" vs ")
                .append(esc(r.baseModel()))
                .append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
                .append(
                        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(
                        "th{background:#f3f3f3}.PROMOTE{color:#fff;background:#2e7d32}.HOLD{color:#fff;background:#c62828}")
                .append(
                        ".badge{padding:2px 10px;border-radius:4px;font-weight:bold}.ok{color:#2e7d32}.fail{color:#c62828}")
                .append("pre{white-space:pre-wrap;background:#f8f8f8;padding:6px;border:1px solid #eee}")
                .append(
                        "details{margin:6px 0;border:1px solid #ddd;padding:4px 8px}summary{cursor:pointer}</style></head><body>\n");

        h.append("<h1>Evaluation: ")
                .append(esc(r.candidateModel()))
                .append(" vs ")
                .append(esc(r.baseModel()))
                .append("</h1>\n");
        h.append("<p>Evaluated at ")
                .append(esc(r.evaluatedAt().toString()))
                .append(" on ")
                .append(r.cases().size())
                .append(" held-out cases; temperature ")
                .append(r.settings().temperature())
                .append("; scorer ")
                .append(esc(r.settings().scorer()))
                .append(
                        r.settings().judgeModel() == null
                                ? ""
                                : "; judge " + esc(r.settings().judgeModel()))
                .append(".</p>\n");

        EvaluationReport.Verdict v = r.verdict();
        h.append("<h2>Verdict: <span class=\"badge ")
                .append(v.decision().name())
                .append("\">")
                .append(v.decision().name())
                .append("</span></h2>\n<ul>");
        for (EvaluationReport.RuleCheck c : v.checks()) {
            h.append("<li class=\"")
                    .append(c.passed() ? "ok" : "fail")
                    .append("\">")
                    .append(c.passed() ? "✔ " : "✘ ")
                    .append(esc(c.rule()))
                    .append(": ")
                    .append(esc(c.detail()))
                    .append("</li>");
        }
        h.append("</ul>\n");

        h.append("<h2>Models</h2>\n<table><tr><th>model</th><th>cases</th><th>mean score</th><th>accuracy</th>")
                .append("<th>failed calls</th><th>cached answers</th><th>tokens (prompt / completion)</th></tr>");
        for (EvaluationReport.ModelSummary m : r.models()) {
            h.append("<tr><td>")
                    .append(esc(m.model()))
                    .append("</td><td>")
                    .append(m.cases())
                    .append("</td><td>")
                    .append(num(m.meanScore()))
                    .append("</td><td>")
                    .append(pct(m.accuracy()))
                    .append("</td><td>")
                    .append(m.failedCalls())
                    .append("</td><td>")
                    .append(m.cachedAnswers())
                    .append("</td><td>")
                    .append(m.promptTokens())
                    .append(" / ")
                    .append(m.completionTokens())
                    .append("</td></tr>");
        }
        h.append("</table>\n");

        h.append("<h2>Comparisons with the base</h2>\n<table><tr><th>model</th><th>wins / ties / losses</th>")
                .append(
                        "<th>mean difference</th><th>confidence interval</th><th>regressions</th><th>judge (wins / ties / losses / invalid)</th></tr>");
        for (EvaluationReport.Comparison c : r.comparisons()) {
            EvaluationReport.ConfidenceInterval ci = c.interval();
            h.append("<tr><td>")
                    .append(esc(c.candidateModel()))
                    .append("</td><td>")
                    .append(c.wins())
                    .append(" / ")
                    .append(c.ties())
                    .append(" / ")
                    .append(c.losses())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%+.3f", c.meanDifference()))
                    .append("</td><td>")
                    .append(String.format(
                            Locale.ROOT,
                            "%.0f%% [%+.3f, %+.3f] (%d resamples, seed %d)",
                            100 * ci.level(),
                            ci.lower(),
                            ci.upper(),
                            ci.resamples(),
                            ci.seed()))
                    .append("</td><td>")
                    .append(c.regressions().size())
                    .append("</td><td>");
            if (c.judge() == null) {
                h.append("—");
            } else {
                h.append(esc(c.judge().judgeModel()))
                        .append(": ")
                        .append(c.judge().candidateWins())
                        .append(" / ")
                        .append(c.judge().ties())
                        .append(" / ")
                        .append(c.judge().baseWins())
                        .append(" / ")
                        .append(c.judge().invalid());
            }
            h.append("</td></tr>");
        }
        h.append("</table>\n");

        h.append("<h2>Score distribution</h2>\n").append(histogram(r));
        h.append("<h2>By category</h2>\n").append(categoryBars(r));
        h.append("<table><tr><th>category</th><th>cases</th>");
        for (EvaluationReport.ModelSummary m : r.models()) {
            h.append("<th>").append(esc(m.model())).append(" mean / accuracy</th>");
        }
        h.append("</tr>");
        for (EvaluationReport.CategoryBreakdown c : r.categories()) {
            h.append("<tr><td>")
                    .append(esc(c.category()))
                    .append("</td><td>")
                    .append(c.cases())
                    .append("</td>");
            for (EvaluationReport.ModelSummary m : r.models()) {
                h.append("<td>")
                        .append(num(EvaluationReport.valueOf(c, c.meanScore(), m.model())))
                        .append(" / ")
                        .append(pct(EvaluationReport.valueOf(c, c.accuracy(), m.model())))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");

        EvaluationReport.Comparison primary = r.primaryComparison();
        h.append("<h2>Regressions (").append(primary.regressions().size()).append(")</h2>\n");
        if (!primary.regressions().isEmpty()) {
            h.append("<table><tr><th>case</th><th>category</th><th>base</th><th>candidate</th><th>drop</th></tr>");
            for (EvaluationReport.Regression g : primary.regressions()) {
                h.append("<tr><td><a href=\"#case-")
                        .append(esc(g.caseId()))
                        .append("\">")
                        .append(esc(g.caseId()))
                        .append("</a></td><td>")
                        .append(esc(g.category()))
                        .append("</td><td>")
                        .append(num(g.baseScore()))
                        .append("</td><td>")
                        .append(num(g.candidateScore()))
                        .append("</td><td>")
                        .append(num(g.drop()))
                        .append("</td></tr>");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Cases</h2>\n");
        for (EvaluationReport.CaseResult c : r.cases()) {
            h.append("<details id=\"case-")
                    .append(esc(c.caseId()))
                    .append("\"><summary>")
                    .append(esc(c.caseId()))
                    .append(" · ")
                    .append(esc(c.category() == null ? EvaluationReport.UNCATEGORIZED : c.category()));
            for (Map.Entry<String, EvaluationReport.ModelAnswer> e : c.answers().entrySet()) {
                h.append(" · ")
                        .append(esc(e.getKey()))
                        .append(' ')
                        .append(num(e.getValue().score()));
            }
            h.append("</summary><p><b>Question</b></p><pre>")
                    .append(esc(c.question()))
                    .append("</pre>")
                    .append("<p><b>Expected</b></p><pre>")
                    .append(esc(c.expected()))
                    .append("</pre>");
            if (!c.keyFacts().isEmpty()) {
                h.append("<p><b>Key facts:</b> ");
                for (int i = 0; i < c.keyFacts().size(); i++) {
                    h.append(i == 0 ? "" : "; ").append(esc(c.keyFacts().get(i)));
                }
                h.append("</p>");
            }
            for (Map.Entry<String, EvaluationReport.ModelAnswer> e : c.answers().entrySet()) {
                EvaluationReport.ModelAnswer a = e.getValue();
                h.append("<p><b>")
                        .append(esc(e.getKey()))
                        .append("</b>: score ")
                        .append(num(a.score()))
                        .append(a.passed() ? " (pass)" : " (fail)");
                for (Map.Entry<String, Double> part : a.components().entrySet()) {
                    h.append(", ").append(esc(part.getKey())).append(' ').append(num(part.getValue()));
                }
                if (a.cached()) {
                    h.append(", cached");
                }
                h.append("</p>");
                if (a.error() != null) {
                    h.append("<p class=\"fail\">").append(esc(a.error())).append("</p>");
                } else {
                    h.append("<pre>").append(esc(a.text())).append("</pre>");
                }
            }
            if (c.judge() != null) {
                h.append("<p>Judge: ")
                        .append(esc(c.judge().outcome().name()))
                        .append(" (candidate better in ")
                        .append(c.judge().aWins())
                        .append(", tie in ")
                        .append(c.judge().ties())
                        .append(", base better in ")
                        .append(c.judge().bWins())
                        .append(" of ")
                        .append(c.judge().validOrders())
                        .append(" orders)</p>");
            }
            h.append("</details>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Grouped bars: for each score bin [k/10, (k+1)/10) (the last bin includes 1.0), the count of cases per model. */
    static int[][] bins(EvaluationReport r) {
        List<EvaluationReport.ModelSummary> models = r.models();
        int[][] counts = new int[models.size()][BINS];
        for (int m = 0; m < models.size(); m++) {
            for (EvaluationReport.CaseResult c : r.cases()) {
                double s = EvaluationReport.answerOf(c, models.get(m).model()).score();
                counts[m][Math.min(BINS - 1, (int) Math.floor(s * BINS))]++;
            }
        }
        return counts;
    }

    private static String histogram(EvaluationReport r) {
        int[][] counts = bins(r);
        int max = 1;
        for (int[] row : counts) {
            for (int c : row) {
                max = Math.max(max, c);
            }
        }
        int models = counts.length;
        int width = 640, height = 220, left = 40, bottom = 30, top = 10;
        double binWidth = (width - left - 10) / (double) BINS;
        double barWidth = (binWidth - 4) / models;
        double plotHeight = height - bottom - top;
        StringBuilder s = new StringBuilder();
        s.append("<svg role=\"img\" aria-label=\"score distribution per model\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\">");
        s.append("<line x1=\"")
                .append(left)
                .append("\" y1=\"")
                .append(height - bottom)
                .append("\" x2=\"")
                .append(width - 10)
                .append("\" y2=\"")
                .append(height - bottom)
                .append("\" stroke=\"#333\"/>");
        s.append("<text x=\"4\" y=\"")
                .append(top + 10)
                .append("\" font-size=\"11\">")
                .append(max)
                .append(" cases</text>");
        s.append("<text x=\"")
                .append(width - 40)
                .append("\" y=\"")
                .append(height - 2)
                .append("\" font-size=\"11\">score</text>");
        for (int b = 0; b < BINS; b++) {
            double x0 = left + b * binWidth + 2;
            for (int m = 0; m < models; m++) {
                double h = plotHeight * counts[m][b] / max;
                s.append("<rect x=\"")
                        .append(fmt(x0 + m * barWidth))
                        .append("\" y=\"")
                        .append(fmt(height - bottom - h))
                        .append("\" width=\"")
                        .append(fmt(barWidth))
                        .append("\" height=\"")
                        .append(fmt(h))
                        .append("\" fill=\"")
                        .append(COLORS[m % COLORS.length])
                        .append("\"><title>")
                        .append(esc(r.models().get(m).model()))
                        .append(": ")
                        .append(counts[m][b])
                        .append(" cases in [")
                        .append(fmt(b / 10.0))
                        .append(", ")
                        .append(fmt((b + 1) / 10.0))
                        .append(b == BINS - 1 ? "]" : ")")
                        .append("</title></rect>");
            }
            s.append("<text x=\"")
                    .append(fmt(x0))
                    .append("\" y=\"")
                    .append(height - bottom + 14)
                    .append("\" font-size=\"10\">")
                    .append(fmt(b / 10.0))
                    .append("</text>");
        }
        s.append("</svg>\n").append(legend(r));
        return s.toString();
    }

    private static String categoryBars(EvaluationReport r) {
        List<EvaluationReport.CategoryBreakdown> cats = r.categories();
        int models = r.models().size();
        int rowHeight = 14 * models + 10, left = 170, width = 640;
        int height = Math.max(rowHeight * cats.size() + 20, 40);
        double plotWidth = width - left - 60;
        StringBuilder s = new StringBuilder();
        s.append("<svg role=\"img\" aria-label=\"mean score per category and model\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\">");
        for (int i = 0; i < cats.size(); i++) {
            EvaluationReport.CategoryBreakdown c = cats.get(i);
            int y0 = 10 + i * rowHeight;
            s.append("<text x=\"4\" y=\"")
                    .append(y0 + 12)
                    .append("\" font-size=\"11\">")
                    .append(esc(c.category()))
                    .append(" (")
                    .append(c.cases())
                    .append(")</text>");
            for (int m = 0; m < models; m++) {
                String model = r.models().get(m).model();
                double mean = EvaluationReport.valueOf(c, c.meanScore(), model);
                double w = plotWidth * mean;
                s.append("<rect x=\"")
                        .append(left)
                        .append("\" y=\"")
                        .append(y0 + m * 14)
                        .append("\" width=\"")
                        .append(fmt(w))
                        .append("\" height=\"12\" fill=\"")
                        .append(COLORS[m % COLORS.length])
                        .append("\"><title>")
                        .append(esc(model))
                        .append(": ")
                        .append(num(mean))
                        .append("</title></rect>")
                        .append("<text x=\"")
                        .append(fmt(left + w + 4))
                        .append("\" y=\"")
                        .append(y0 + m * 14 + 10)
                        .append("\" font-size=\"10\">")
                        .append(num(mean))
                        .append("</text>");
            }
        }
        s.append("</svg>\n").append(legend(r));
        return s.toString();
    }

    private static String legend(EvaluationReport r) {
        StringBuilder s = new StringBuilder("<p>");
        for (int m = 0; m < r.models().size(); m++) {
            s.append("<span style=\"color:")
                    .append(COLORS[m % COLORS.length])
                    .append("\">■</span> ")
                    .append(esc(r.models().get(m).model()))
                    .append(m == 0 ? " (base)" : "")
                    .append("&nbsp;&nbsp; ");
        }
        return s.append("</p>\n").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
