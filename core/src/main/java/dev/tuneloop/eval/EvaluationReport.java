package dev.tuneloop.eval;

import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.tune.EvaluationSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of an evaluation: every case's answers and scores per model, each model's mean and accuracy, the
 * comparison of each model with the base (win/tie/loss, paired bootstrap interval of the mean difference,
 * regressions), a per-category breakdown, and the verdict on the candidate with its reasons.
 *
 * <p>Written as JSON ({@link #toJson()}, read back with {@link #fromJson(String)}) and as a self-contained HTML page
 * ({@link #toHtml()}). The report holds prompts and answers: store it where those may be kept. Immutable and
 * thread-safe (its nested records copy their lists and maps).
 *
 * @param evaluatedAt    when the evaluation finished
 * @param baseModel      the model compared against
 * @param candidateModel the model the verdict is about
 * @param settings       what the evaluation ran with
 * @param models         one summary per model, base first, candidate second
 * @param cases          one result per case, in holdout order
 * @param comparisons    each other model against the base, the candidate first
 * @param categories     per category (uncategorized cases under {@value #UNCATEGORIZED}), by name
 * @param verdict        PROMOTE or HOLD for the candidate, with every rule checked
 */
public record EvaluationReport(
        Instant evaluatedAt,
        String baseModel,
        String candidateModel,
        Settings settings,
        List<ModelSummary> models,
        List<CaseResult> cases,
        List<Comparison> comparisons,
        List<CategoryBreakdown> categories,
        Verdict verdict) {

    /** The category name used for cases without one. */
    public static final String UNCATEGORIZED = "(none)";

    /**
     * Copies the lists.
     *
     * @param evaluatedAt    when the evaluation finished
     * @param baseModel      the model compared against
     * @param candidateModel the model the verdict is about
     * @param settings       what the evaluation ran with
     * @param models         one summary per model, base first, candidate second
     * @param cases          one result per case, in holdout order
     * @param comparisons    each other model against the base, the candidate first
     * @param categories     per category (uncategorized cases under {@value #UNCATEGORIZED}), by name
     * @param verdict        PROMOTE or HOLD for the candidate, with every rule checked
     * @throws NullPointerException when a component is null
     */
    public EvaluationReport {
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(candidateModel, "candidateModel");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(verdict, "verdict");
        models = List.copyOf(models);
        cases = List.copyOf(cases);
        comparisons = List.copyOf(comparisons);
        categories = List.copyOf(categories);
    }

    /** The decision on the candidate. */
    public enum Decision {
        /** Every promotion rule held: the candidate may replace the base. */
        PROMOTE,
        /** At least one rule failed: keep the base. */
        HOLD
    }

    /**
     * What the evaluation ran with.
     *
     * @param temperature the sampling temperature of every model call
     * @param maxTokens   the token limit, or null for the provider default
     * @param scorer      a description of the scorer, e.g. {@code "0.5 key_facts + 0.3 length + 0.2 similarity"}
     * @param judgeModel  the judge model, or null when no judge ran
     * @param rules       the promotion rules
     */
    public record Settings(
            double temperature,
            @Nullable Integer maxTokens,
            String scorer,
            @Nullable String judgeModel,
            PromotionRules rules) {
        /**
         * Checks the components.
         *
         * @param temperature the sampling temperature of every model call
         * @param maxTokens   the token limit, or null for the provider default
         * @param scorer      a description of the scorer, e.g. {@code "0.5 key_facts + 0.3 length + 0.2 similarity"}
         * @param judgeModel  the judge model, or null when no judge ran
         * @param rules       the promotion rules
         * @throws NullPointerException when scorer or rules is null
         */
        public Settings {
            Objects.requireNonNull(scorer, "scorer");
            Objects.requireNonNull(rules, "rules");
        }
    }

    /**
     * One model over all cases.
     *
     * @param model            the model id
     * @param cases            cases answered or failed
     * @param meanScore        mean score (a failed call scores 0)
     * @param accuracy         share of cases scoring at least the pass threshold
     * @param failedCalls      cases whose call failed after retries
     * @param cachedAnswers    answers served from the completion cache
     * @param promptTokens     prompt tokens billed in this run (cached answers cost none)
     * @param completionTokens completion tokens billed in this run
     */
    public record ModelSummary(
            String model,
            int cases,
            double meanScore,
            double accuracy,
            int failedCalls,
            int cachedAnswers,
            long promptTokens,
            long completionTokens) {}

    /**
     * One model's answer to one case.
     *
     * @param text             the answer; empty when the call failed
     * @param score            the score in [0, 1]; 0 when the call failed
     * @param passed           score at or above the pass threshold
     * @param components       per-part scores when the scorer is a {@link WeightedScorer}, else {@code {name: score}}
     * @param error            why the call failed (exception type and message, never text), or null
     * @param cached           served from the completion cache
     * @param latencyMillis    the call's latency (of the original call when cached)
     * @param promptTokens     prompt tokens billed in this run (0 when cached)
     * @param completionTokens completion tokens billed in this run (0 when cached)
     */
    public record ModelAnswer(
            String text,
            double score,
            boolean passed,
            Map<String, Double> components,
            @Nullable String error,
            boolean cached,
            long latencyMillis,
            long promptTokens,
            long completionTokens) {
        /**
         * Copies the components.
         *
         * @param text             the answer; empty when the call failed
         * @param score            the score in [0, 1]; 0 when the call failed
         * @param passed           score at or above the pass threshold
         * @param components       per-part scores when the scorer is a {@link WeightedScorer}, else {@code {name: score}}
         * @param error            why the call failed (exception type and message, never text), or null
         * @param cached           served from the completion cache
         * @param latencyMillis    the call's latency (of the original call when cached)
         * @param promptTokens     prompt tokens billed in this run (0 when cached)
         * @param completionTokens completion tokens billed in this run (0 when cached)
         * @throws NullPointerException when text or components is null
         */
        public ModelAnswer {
            Objects.requireNonNull(text, "text");
            components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        }
    }

    /**
     * One case.
     *
     * @param caseId   the case id (the example id)
     * @param category the category, or null
     * @param question the last user message
     * @param expected the expected answer
     * @param keyFacts the key facts scored
     * @param answers  by model id, in model order
     * @param judge    the judge's comparison of candidate (A) with base (B), or null when no judge ran or a call failed
     */
    public record CaseResult(
            String caseId,
            @Nullable String category,
            String question,
            String expected,
            List<String> keyFacts,
            Map<String, ModelAnswer> answers,
            @Nullable JudgeResult judge) {
        /**
         * Copies the key facts and answers.
         *
         * @param caseId   the case id (the example id)
         * @param category the category, or null
         * @param question the last user message
         * @param expected the expected answer
         * @param keyFacts the key facts scored
         * @param answers  by model id, in model order
         * @param judge    the judge's comparison of candidate (A) with base (B), or null when no judge ran or a call failed
         * @throws NullPointerException when caseId, keyFacts or answers is null
         */
        public CaseResult {
            Objects.requireNonNull(caseId, "caseId");
            keyFacts = List.copyOf(keyFacts);
            answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        }
    }

    /**
     * A percentile bootstrap interval.
     *
     * @param level     e.g. 0.95
     * @param lower     lower bound
     * @param upper     upper bound
     * @param resamples number of resamples
     * @param seed      the resampling seed
     */
    public record ConfidenceInterval(double level, double lower, double upper, int resamples, long seed) {}

    /**
     * A case where the candidate scored below the base by more than the regression margin.
     *
     * @param caseId         the case
     * @param category       its category, or null
     * @param baseScore      the base's score
     * @param candidateScore the other model's score
     */
    public record Regression(String caseId, @Nullable String category, double baseScore, double candidateScore) {
        /**
         * How far the score dropped.
         *
         * @return {@code baseScore - candidateScore}
         */
        public double drop() {
            return baseScore - candidateScore;
        }
    }

    /**
     * The LLM judge's head-to-head tally (candidate vs base) over the cases it judged.
     *
     * @param judgeModel    the judge model
     * @param candidateWins cases the candidate won
     * @param ties          cases judged a tie
     * @param baseWins      cases the base won
     * @param invalid       cases without a valid verdict (or whose judge call failed, or not judged because an answer
     *                      failed)
     */
    public record JudgeTally(String judgeModel, int candidateWins, int ties, int baseWins, int invalid) {}

    /**
     * One model against the base, case by case (difference = model score − base score).
     *
     * @param baseModel      the base
     * @param candidateModel the other model
     * @param wins           cases where the difference is above the tie margin
     * @param ties           cases within the tie margin
     * @param losses         cases where the difference is below minus the tie margin
     * @param baseMean       mean score of the base
     * @param candidateMean  mean score of the other model
     * @param meanDifference candidateMean − baseMean
     * @param interval       paired bootstrap interval of the mean difference
     * @param regressions    the regressions, largest drop first
     * @param judge          the judge's tally, or null (only the candidate is judged)
     */
    public record Comparison(
            String baseModel,
            String candidateModel,
            int wins,
            int ties,
            int losses,
            double baseMean,
            double candidateMean,
            double meanDifference,
            ConfidenceInterval interval,
            List<Regression> regressions,
            @Nullable JudgeTally judge) {
        /**
         * Copies the regressions.
         *
         * @param baseModel      the base
         * @param candidateModel the other model
         * @param wins           cases where the difference is above the tie margin
         * @param ties           cases within the tie margin
         * @param losses         cases where the difference is below minus the tie margin
         * @param baseMean       mean score of the base
         * @param candidateMean  mean score of the other model
         * @param meanDifference candidateMean − baseMean
         * @param interval       paired bootstrap interval of the mean difference
         * @param regressions    the regressions, largest drop first
         * @param judge          the judge's tally, or null (only the candidate is judged)
         * @throws NullPointerException when regressions is null
         */
        public Comparison {
            regressions = List.copyOf(regressions);
        }
    }

    /**
     * The cases of one category.
     *
     * @param category  the category name ({@value EvaluationReport#UNCATEGORIZED} for none)
     * @param cases     how many
     * @param meanScore mean score by model
     * @param accuracy  accuracy by model
     */
    public record CategoryBreakdown(
            String category, int cases, Map<String, Double> meanScore, Map<String, Double> accuracy) {
        /**
         * Copies the maps.
         *
         * @param category  the category name ({@value EvaluationReport#UNCATEGORIZED} for none)
         * @param cases     how many
         * @param meanScore mean score by model
         * @param accuracy  accuracy by model
         * @throws NullPointerException when meanScore or accuracy is null
         */
        public CategoryBreakdown {
            meanScore = Collections.unmodifiableMap(new LinkedHashMap<>(meanScore));
            accuracy = Collections.unmodifiableMap(new LinkedHashMap<>(accuracy));
        }
    }

    /**
     * One promotion rule and whether it held.
     *
     * @param rule   the rule's stable name ({@code min_cases}, {@code no_failed_calls}, {@code accuracy},
     *               {@code significantly_better} or {@code not_worse}, {@code regressions})
     * @param passed whether it held
     * @param detail the numbers behind it, for people
     */
    public record RuleCheck(String rule, boolean passed, String detail) {}

    /**
     * The decision and every rule checked, in {@link PromotionRules}' order.
     *
     * @param decision PROMOTE when every check passed, else HOLD
     * @param checks   every rule checked
     */
    public record Verdict(Decision decision, List<RuleCheck> checks) {
        /**
         * Copies the checks.
         *
         * @param decision PROMOTE when every check passed, else HOLD
         * @param checks   every rule checked
         * @throws NullPointerException when decision or checks is null
         */
        public Verdict {
            Objects.requireNonNull(decision, "decision");
            checks = List.copyOf(checks);
        }

        /**
         * Why the decision was made.
         *
         * @return the failed rules' details for HOLD; every rule's detail for PROMOTE
         */
        public List<String> reasons() {
            return checks.stream()
                    .filter(c -> decision == Decision.PROMOTE || !c.passed())
                    .map(RuleCheck::detail)
                    .toList();
        }
    }

    /**
     * The summary of one model.
     *
     * @param model the model id
     * @return its summary
     * @throws dev.tuneloop.errors.NotFoundException when it was not evaluated
     */
    public ModelSummary model(String model) {
        return models.stream()
                .filter(m -> m.model().equals(model))
                .findFirst()
                .orElseThrow(
                        () -> new dev.tuneloop.errors.NotFoundException("model " + model + " is not in this report"));
    }

    /**
     * The base-vs-candidate comparison.
     *
     * @return the first comparison
     */
    public Comparison primaryComparison() {
        return comparisons.get(0);
    }

    /**
     * Whether the candidate may be promoted.
     *
     * @return true when the verdict is PROMOTE
     */
    public boolean promote() {
        return verdict.decision() == Decision.PROMOTE;
    }

    /**
     * The summary kept with a model version in the {@link dev.tuneloop.tune.ModelRegistry}: base and candidate,
     * their mean scores, the candidate's accuracy, the verdict, the time, and this report as JSON.
     *
     * @return the summary
     */
    public EvaluationSummary toSummary() {
        return new EvaluationSummary(
                baseModel,
                candidateModel,
                model(baseModel).meanScore(),
                model(candidateModel).meanScore(),
                model(candidateModel).accuracy(),
                promote(),
                evaluatedAt,
                toJson(),
                false);
    }

    /**
     * This report as pretty-printed JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        return ReportJson.write(this);
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the report
     * @throws TuneloopException when the text is not such a report (the message never quotes it)
     */
    public static EvaluationReport fromJson(String json) {
        return ReportJson.read(json);
    }

    /**
     * This report as a self-contained HTML page (no scripts, no external resources; every text escaped).
     *
     * @return the HTML text
     */
    public String toHtml() {
        return ReportHtml.render(this);
    }

    /**
     * Writes {@link #toJson()} to a file atomically (temp file + rename), creating its directory.
     *
     * @param file the file, replaced when it exists
     * @throws TuneloopException when the file cannot be written
     */
    public void writeJson(Path file) {
        write(file, toJson());
    }

    /**
     * Writes {@link #toHtml()} to a file atomically (temp file + rename), creating its directory.
     *
     * @param file the file, replaced when it exists
     * @throws TuneloopException when the file cannot be written
     */
    public void writeHtml(Path file) {
        write(file, toHtml());
    }

    private static void write(Path file, String content) {
        try {
            Path dir = Objects.requireNonNull(
                    file.toAbsolutePath().getParent(), "an absolute file path has a parent directory");
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TuneloopException("could not write evaluation report " + file, e);
        }
    }

    /**
     * Builds a report from case results: summaries, comparisons against {@code models.get(0)} (the base), categories
     * and the verdict on {@code models.get(1)} (the candidate). Package-private: the {@link Evaluator} calls it.
     */
    static EvaluationReport compute(
            Instant at, Settings settings, List<String> models, List<CaseResult> cases, @Nullable String judgeModel) {
        PromotionRules rules = settings.rules();
        String base = models.get(0);
        String candidate = models.get(1);
        List<ModelSummary> summaries = new ArrayList<>();
        for (String m : models) {
            double[] scores = scores(cases, m);
            int failed = 0, cached = 0;
            long pt = 0, ct = 0;
            for (CaseResult c : cases) {
                ModelAnswer a = answerOf(c, m);
                failed += a.error() != null ? 1 : 0;
                cached += a.cached() ? 1 : 0;
                pt += a.promptTokens();
                ct += a.completionTokens();
            }
            summaries.add(new ModelSummary(
                    m,
                    cases.size(),
                    Statistics.mean(scores),
                    Statistics.shareAtLeast(scores, rules.passThreshold()),
                    failed,
                    cached,
                    pt,
                    ct));
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (String m : models.subList(1, models.size())) {
            comparisons.add(compare(cases, base, m, rules, m.equals(candidate) ? judgeModel : null));
        }
        Map<String, List<CaseResult>> byCategory = new TreeMap<>();
        for (CaseResult c : cases) {
            byCategory
                    .computeIfAbsent(c.category() == null ? UNCATEGORIZED : c.category(), k -> new ArrayList<>())
                    .add(c);
        }
        List<CategoryBreakdown> categories = new ArrayList<>();
        byCategory.forEach((name, list) -> {
            Map<String, Double> means = new LinkedHashMap<>();
            Map<String, Double> acc = new LinkedHashMap<>();
            for (String m : models) {
                double[] s = scores(list, m);
                means.put(m, Statistics.mean(s));
                acc.put(m, Statistics.shareAtLeast(s, rules.passThreshold()));
            }
            categories.add(new CategoryBreakdown(name, list.size(), means, acc));
        });
        Verdict verdict = verdict(rules, cases.size(), summaries.get(0), summaries.get(1), comparisons.get(0));
        return new EvaluationReport(at, base, candidate, settings, summaries, cases, comparisons, categories, verdict);
    }

    private static double[] scores(List<CaseResult> cases, String model) {
        return cases.stream().mapToDouble(c -> answerOf(c, model).score()).toArray();
    }

    /**
     * The answer of {@code model} to a case.
     *
     * @throws IllegalStateException when the case has none: every case of a report answers every model
     */
    static ModelAnswer answerOf(CaseResult c, String model) {
        ModelAnswer a = c.answers().get(model);
        if (a == null) {
            throw new IllegalStateException("case " + c.caseId() + " has no answer of model " + model);
        }
        return a;
    }

    /**
     * A per-model value of a category breakdown.
     *
     * @throws IllegalStateException when the model has none: every breakdown covers every model
     */
    static double valueOf(CategoryBreakdown c, Map<String, Double> byModel, String model) {
        Double v = byModel.get(model);
        if (v == null) {
            throw new IllegalStateException("category " + c.category() + " has no value for model " + model);
        }
        return v;
    }

    private static Comparison compare(
            List<CaseResult> cases, String base, String other, PromotionRules rules, @Nullable String judgeModel) {
        double[] b = scores(cases, base);
        double[] o = scores(cases, other);
        double[] d = new double[b.length];
        int wins = 0, ties = 0, losses = 0;
        List<Regression> regressions = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            d[i] = o[i] - b[i];
            if (d[i] > rules.tieMargin()) {
                wins++;
            } else if (d[i] < -rules.tieMargin()) {
                losses++;
            } else {
                ties++;
            }
            if (d[i] < -rules.regressionMargin()) {
                CaseResult c = cases.get(i);
                regressions.add(new Regression(c.caseId(), c.category(), b[i], o[i]));
            }
        }
        regressions.sort((x, y) -> Double.compare(y.drop(), x.drop()));
        double[] ci = Statistics.bootstrapMeanInterval(
                d, rules.confidenceLevel(), rules.bootstrapResamples(), rules.bootstrapSeed());
        @Nullable JudgeTally tally = null;
        if (judgeModel != null) {
            int cw = 0, t = 0, bw = 0, invalid = 0;
            for (CaseResult c : cases) {
                JudgeResult j = c.judge();
                if (j == null || j.outcome() == JudgeResult.Outcome.INVALID) {
                    invalid++;
                } else if (j.outcome() == JudgeResult.Outcome.A) {
                    cw++;
                } else if (j.outcome() == JudgeResult.Outcome.B) {
                    bw++;
                } else {
                    t++;
                }
            }
            tally = new JudgeTally(judgeModel, cw, t, bw, invalid);
        }
        double bm = Statistics.mean(b), om = Statistics.mean(o);
        return new Comparison(
                base,
                other,
                wins,
                ties,
                losses,
                bm,
                om,
                om - bm,
                new ConfidenceInterval(
                        rules.confidenceLevel(), ci[0], ci[1], rules.bootstrapResamples(), rules.bootstrapSeed()),
                regressions,
                tally);
    }

    private static Verdict verdict(PromotionRules r, int n, ModelSummary base, ModelSummary cand, Comparison cmp) {
        List<RuleCheck> checks = new ArrayList<>();
        checks.add(new RuleCheck(
                "min_cases",
                n >= r.minCases(),
                String.format(Locale.ROOT, "holdout has %d cases (at least %d needed)", n, r.minCases())));
        int failed = base.failedCalls() + cand.failedCalls();
        checks.add(new RuleCheck(
                "no_failed_calls",
                failed == 0,
                failed == 0
                        ? "every call succeeded"
                        : String.format(
                                Locale.ROOT,
                                "%d calls failed (base %d, candidate %d)",
                                failed,
                                base.failedCalls(),
                                cand.failedCalls())));
        checks.add(new RuleCheck(
                "accuracy",
                cand.accuracy() >= r.targetAccuracy(),
                String.format(
                        Locale.ROOT,
                        "candidate accuracy %.1f%% (cases scoring >= %.2f); target >= %.1f%%",
                        100 * cand.accuracy(),
                        r.passThreshold(),
                        100 * r.targetAccuracy())));
        ConfidenceInterval ci = cmp.interval();
        boolean better = r.requireImprovement() ? ci.lower() > 0 : ci.lower() >= -r.nonInferiorityMargin();
        checks.add(new RuleCheck(
                r.requireImprovement() ? "significantly_better" : "not_worse",
                better,
                String.format(
                        Locale.ROOT,
                        "mean difference %+.3f, %.0f%% CI [%+.3f, %+.3f]; lower bound must be %s",
                        cmp.meanDifference(),
                        100 * ci.level(),
                        ci.lower(),
                        ci.upper(),
                        r.requireImprovement()
                                ? "> 0"
                                : String.format(Locale.ROOT, ">= %+.3f", -r.nonInferiorityMargin()))));
        int regs = cmp.regressions().size();
        int allowed = (int) Math.floor(r.maxRegressionShare() * n + 1e-9);
        checks.add(new RuleCheck(
                "regressions",
                regs <= allowed,
                String.format(
                        Locale.ROOT,
                        "%d regressions (candidate more than %.2f below base); at most %d allowed (%.0f%% of %d)",
                        regs,
                        r.regressionMargin(),
                        allowed,
                        100 * r.maxRegressionShare(),
                        n)));
        boolean all = checks.stream().allMatch(RuleCheck::passed);
        return new Verdict(all ? Decision.PROMOTE : Decision.HOLD, checks);
    }
}
