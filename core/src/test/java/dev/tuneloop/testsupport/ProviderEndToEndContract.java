package dev.tuneloop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.HoldoutSettings;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.eval.EvaluationReport;
import dev.tuneloop.eval.Evaluator;
import dev.tuneloop.eval.Scorer;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.Endpoint;
import dev.tuneloop.route.ModelEndpoint;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.ManualScheduler;
import dev.tuneloop.testing.TestClock;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.JobListener;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.JobWatcher;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.ReadinessGate;
import dev.tuneloop.tune.TrainingDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch of a demo-like dataset end to end on one provider, the way a host drives it: interactions recorded with
 * feedback through the {@link Tuneloop} facade, curated and approved with the {@code Curator}, then export → upload →
 * create ({@link FineTuneLauncher}) → watch ({@link JobWatcher} until SUCCEEDED, the provider's job moving through its
 * statuses) → model registry (model, dataset hash, example ids) → evaluation of base vs fine-tuned on the frozen
 * holdout → promotion verdict → routing ({@code router.endpointFor}) to the fine-tuned model at the provider's
 * endpoint.
 *
 * <p>An implementation's test extends this class and answers the hooks with a client over HTTP to a local server that
 * plays the provider's API, fine-tuning and chat. The server's chat route must answer with {@link #answer(String,
 * String)}: the base model answers the expert reference to two questions in five and a vague reply to the others,
 * the model the job produced answers every question with the reference (it "learned" the curated answers), and
 * any other model is unknown (the server answers 404). So the evaluation's numbers are known in advance and every
 * step's output can be checked exactly.
 */
public abstract class ProviderEndToEndContract {

    /** Interactions recorded; every fifth gets a thumbs-down and never becomes a candidate. */
    public static final int INTERACTIONS = 100;

    /** The salt of the routing experiment. */
    public static final String SALT = "e2e-2026-12";

    /** The share of users on the fine-tuned arm, in basis points. */
    public static final int FINE_TUNED_BASIS_POINTS = 8_000;

    /** The system prompt of every recorded interaction. */
    public static final String SYSTEM_PROMPT =
            "You are a financial analyst assistant. Cite the filing and give exact" + " figures with units.";

    /** A working directory for the exported files. */
    @TempDir
    protected Path workDir;

    private final Map<String, Item> byQuestion = new LinkedHashMap<>();
    private final List<String> answeredModels = new CopyOnWriteArrayList<>();
    private volatile @Nullable Store store;

    /**
     * The client under test, talking to the local server.
     *
     * @return the client
     */
    protected abstract FineTuneClient client();

    /**
     * The base model the job fine-tunes, as the provider names it.
     *
     * @return the model id
     */
    protected abstract String baseModel();

    /**
     * Where the provider serves chat for both models (the local server's address).
     *
     * @return the endpoint
     */
    protected abstract Endpoint endpoint();

    /**
     * The chat model that calls the provider at {@link #endpoint()} over HTTP.
     *
     * @return the chat model
     */
    protected abstract ChatModel chatModel();

    /**
     * The bytes the provider received for an uploaded file.
     *
     * @param fileId the file's id as the client returned it
     * @return the bytes as received
     */
    protected abstract byte[] uploaded(String fileId);

    /**
     * Asserts the create request as the provider received it (its wire fields), for the launch request made with
     * {@link #launchRequest()}.
     *
     * @param launch what the launcher returned
     */
    protected abstract void checkCreateRequest(Launch launch);

    /**
     * The status changes the watcher must report, in order, as the provider's job advances from the status it was
     * created in to SUCCEEDED: each as {@code rawStatus=STATUS}, the provider's text and the {@link JobStatus} it maps
     * to (e.g. {@code "uploading=RUNNING"}). A poll that sees the same text again reports nothing.
     *
     * @return the status changes after the job was created
     */
    protected abstract List<String> expectedStatusChanges();

    /**
     * The format the provider reads ({@link ExportFormat#SUPERVISED} unless it needs a preset).
     *
     * @return the export format of the training file
     */
    protected ExportFormat exportFormat() {
        return ExportFormat.SUPERVISED;
    }

    /**
     * The launch request; providers may add settings of their own.
     *
     * @return the request builder
     */
    protected LaunchRequest.Builder launchRequest() {
        return LaunchRequest.builder(baseModel())
                .minQualityScore(7)
                .suffix("sigmasight-v1")
                .notes("first training from the e2e dataset");
    }

    /**
     * Asserts what the provider adds to the registry entry of the succeeded job (default: nothing to add).
     *
     * @param version the registry entry after the job succeeded
     * @param job     the job as the watcher last saw it
     */
    protected void checkRegistryEntry(ModelVersion version, FineTuneJob job) {}

    /**
     * The chat answer of the local server for {@code model} to {@code question}: the local server's chat route calls
     * this. Thread-safe.
     *
     * @param model    the model the request names
     * @param question the last user message of the request
     * @return the answer, or empty when the provider does not serve {@code model} (answer 404)
     */
    protected final Optional<String> answer(String model, String question) {
        Item item = byQuestion.get(question);
        if (model.equals(baseModel())) {
            answeredModels.add(model);
            return Optional.of(item == null ? "I have no filing for that." : item.baseAnswer());
        }
        Store s = store;
        boolean tuned = s != null && s.registry().versions().stream().anyMatch(v -> model.equals(v.fineTunedModel()));
        if (!tuned) {
            return Optional.empty();
        }
        answeredModels.add(model);
        return Optional.of(item == null ? "I have no filing for that." : item.reference());
    }

    @Test
    void theDemoDatasetGoesFromFeedbackToRoutingOnThisProvider() throws Exception {
        TestClock clock = TestClock.at(Instant.parse("2026-12-01T09:00:00Z"));
        Store store = Store.inMemory();
        this.store = store;
        try (Tuneloop tuneloop = Tuneloop.builder()
                .store(store)
                .clock(clock)
                .taxonomy(Taxonomy.SEED)
                .curationOptions(CurationOptions.builder()
                        .clock(clock)
                        .taxonomy(Taxonomy.SEED)
                        // half held out until 20 are, so a 100-interaction dataset has a holdout the rules accept
                        .holdout(HoldoutSettings.builder().bootstrapShare(0.5).build())
                        .build())
                .synchronousRecorder()
                .build()) {
            // ---------------------------------------------------------------- record and curate
            List<Item> items = items(INTERACTIONS);
            items.forEach(i -> byQuestion.put(i.question(), i));
            for (int k = 0; k < items.size(); k++) {
                Item item = items.get(k);
                clock.advance(Duration.ofMinutes(30));
                boolean edited = k % 3 == 0;
                InteractionId id = tuneloop.recorder()
                        .log(tuneloop.interaction()
                                .userId(String.format(Locale.ROOT, "user-%02d", k % 25))
                                .systemPrompt(SYSTEM_PROMPT)
                                .userMessage(item.question())
                                .assistantResponse(edited ? item.vague() : item.reference())
                                .modelUsed(baseModel()));
                if (k % 5 == 4) {
                    tuneloop.recorder().rate(id, Rating.down());
                } else if (edited) {
                    tuneloop.recorder().edit(id, item.reference());
                } else {
                    tuneloop.recorder().rate(id, Rating.up());
                }
            }
            List<Candidate> candidates = tuneloop.curator().candidates(CurationPolicy.seedDefault());
            assertThat(candidates).hasSize(INTERACTIONS - INTERACTIONS / 5);
            for (Candidate c : candidates) {
                Item item = byQuestion.get(c.question());
                tuneloop.curator()
                        .approve(
                                c.interactionId(),
                                Review.by("analyst")
                                        .category(item.category())
                                        .quality(c.isEdited() ? 9 : 8)
                                        .build());
            }
            List<TrainingExample> train = examples(store, Split.TRAIN);
            List<TrainingExample> holdout = examples(store, Split.HOLDOUT);
            assertThat(train.size() + holdout.size()).isEqualTo(candidates.size());
            assertThat(holdout).hasSizeGreaterThanOrEqualTo(20);
            assertThat(train).hasSizeGreaterThanOrEqualTo(50);

            // ---------------------------------------------------------------- export, upload, create
            ManualScheduler scheduler = ManualScheduler.startingAt(clock.instant());
            List<String> changes = new CopyOnWriteArrayList<>();
            Path jobsDir = workDir.resolve("jobs");
            try (JobWatcher watcher = JobWatcher.builder(client(), store.jobs(), store.registry())
                    .scheduler(scheduler)
                    .clock(scheduler.clock())
                    .initialInterval(Duration.ofSeconds(30))
                    .maxInterval(Duration.ofMinutes(2))
                    .listener(new JobListener() {
                        @Override
                        public void onStatusChange(FineTuneJob job, @Nullable JobStatus previous) {
                            changes.add(job.rawStatus() + "=" + job.status());
                        }
                    })
                    .build()) {
                FineTuneLauncher launcher = FineTuneLauncher.builder(
                                client(),
                                store.jobs(),
                                store.registry(),
                                TrainingDataSource.fromExporter(
                                        tuneloop.exporter(),
                                        jobsDir,
                                        o -> o.baseModel(baseModel()).format(exportFormat())),
                                ReadinessGate.fromChecklist(tuneloop.readiness(), store.examples()))
                        .clock(clock)
                        .watcher(watcher)
                        .build();

                Launch launch = launcher.launch(launchRequest().build());

                assertThat(launch.readiness().failures())
                        .as("the checklist passed")
                        .isEmpty();
                Path exported = jobsDir.resolve(launch.trainingFile().filename());
                byte[] bytes = Files.readAllBytes(exported);
                assertThat(uploaded(launch.trainingFile().id()))
                        .as("the provider received the exported file byte for byte")
                        .isEqualTo(bytes);
                List<String> lines = Files.readAllLines(exported);
                assertThat(lines).hasSize(train.size());
                String marker = exportFormat().isGemini() ? "\"contents\":[" : "\"messages\":[";
                assertThat(lines).allMatch(l -> l.contains(marker));
                assertThat(launch.job().baseModel()).isEqualTo(baseModel());
                assertThat(launch.job().trainingFileId())
                        .isEqualTo(launch.trainingFile().id());
                assertThat(launch.job().isTerminal()).isFalse();
                checkCreateRequest(launch);

                // ------------------------------------------------------------ watch until the job succeeds
                assertThat(watcher.watching()).containsExactly(launch.job().id());
                scheduler.runUntilIdle(50);
                assertThat(changes)
                        .as("the watcher saw the provider's job advance")
                        .containsExactlyElementsOf(expectedStatusChanges());
                FineTuneJob done = store.jobs().find(launch.job().id()).orElseThrow();
                assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
                String fineTuned = done.model().orElseThrow();
                assertThat(fineTuned).isNotEqualTo(baseModel());

                // ------------------------------------------------------------ the registry entry and its lineage
                ModelVersion v1 = store.registry().getVersion("v1");
                assertThat(v1.jobId()).isEqualTo(done.id());
                assertThat(v1.fineTunedModel()).isEqualTo(fineTuned);
                assertThat(v1.baseModel()).isEqualTo(baseModel());
                assertThat(v1.provider()).isEqualTo(client().provider());
                assertThat(v1.dataset().contentSha256()).isEqualTo(DatasetSnapshot.sha256(exported));
                assertThat(v1.dataset().exampleIds())
                        .as("every approved TRAIN example, no holdout example")
                        .containsExactlyInAnyOrderElementsOf(
                                train.stream().map(TrainingExample::id).toList());
                assertThat(v1.exampleCount()).isEqualTo(train.size());
                assertThat(v1.weightsUri())
                        .as("where the weights download from, as the provider's client says")
                        .isEqualTo(client().weights(done).map(Object::toString).orElse(null));
                checkRegistryEntry(v1, done);

                // ------------------------------------------------------------ evaluation on the holdout
                int baseRight = (int) holdout.stream()
                        .filter(e -> byQuestion.get(e.userMessage()).baseKnows())
                        .count();
                answeredModels.clear();
                EvaluationReport report = Evaluator.builder()
                        .examples(store.examples())
                        .base(baseModel(), chatModel())
                        .candidate(fineTuned, chatModel())
                        .scorer(Scorer.keyFacts())
                        .concurrency(2)
                        .recordTo(store.registry(), "v1")
                        .clock(clock)
                        .build()
                        .run();
                EvaluationReport.ModelSummary base = report.model(baseModel());
                EvaluationReport.ModelSummary tuned = report.model(fineTuned);
                assertThat(base.cases()).isEqualTo(holdout.size());
                assertThat(tuned.cases()).isEqualTo(holdout.size());
                assertThat(tuned.meanScore()).isEqualTo(1.0);
                assertThat(tuned.accuracy()).isEqualTo(1.0);
                assertThat(base.meanScore()).isCloseTo((double) baseRight / holdout.size(), within(1e-9));
                assertThat(base.accuracy()).isCloseTo((double) baseRight / holdout.size(), within(1e-9));
                EvaluationReport.Comparison c = report.primaryComparison();
                assertThat(c.wins()).isEqualTo(holdout.size() - baseRight);
                assertThat(c.ties()).isEqualTo(baseRight);
                assertThat(c.losses()).isZero();
                assertThat(c.regressions()).isEmpty();
                assertThat(answeredModels)
                        .as("every holdout question asked of both models at the provider")
                        .hasSize(2 * holdout.size())
                        .containsOnly(baseModel(), fineTuned);

                // ------------------------------------------------------------ promotion verdict
                assertThat(report.verdict().decision()).isEqualTo(EvaluationReport.Decision.PROMOTE);
                assertThat(report.promote()).isTrue();
                ModelVersion evaluated = store.registry().getVersion("v1");
                assertThat(evaluated.evaluated()).hasValueSatisfying(e -> {
                    assertThat(e.candidateModel()).isEqualTo(fineTuned);
                    assertThat(e.candidateMeanScore()).isEqualTo(1.0);
                    assertThat(e.baseMeanScore()).isCloseTo((double) baseRight / holdout.size(), within(1e-9));
                    assertThat(e.promote()).isTrue();
                });

                // ------------------------------------------------------------ routing to the provider's endpoint
                store.registry().markDeployed("v1", clock.instant());
                RoutingPlan deployed =
                        RoutingPlan.fromDeployed(store.registry(), baseModel(), FINE_TUNED_BASIS_POINTS, SALT);
                List<Arm> arms = new ArrayList<>();
                deployed.arms().forEach(a -> arms.add(a.servedAt(endpoint())));
                try (AbRouter router = tuneloop.router(RoutingPlan.of(SALT, arms))) {
                    int onFineTuned = 0;
                    Set<String> asked = new HashSet<>();
                    for (int u = 0; u < 1_000; u++) {
                        String user = "user-" + u;
                        ModelEndpoint target = router.endpointFor(user);
                        assertThat(target.model()).isEqualTo(router.modelFor(user));
                        assertThat(target.endpoint()).isEqualTo(endpoint());
                        boolean fineTunedArm = router.assign(user).arm().equals(RoutingPlan.FINE_TUNED_ARM);
                        assertThat(target.model()).isEqualTo(fineTunedArm ? fineTuned : baseModel());
                        if (fineTunedArm) {
                            onFineTuned++;
                        }
                        if (u < 6) {
                            // a request as the host makes it: the model and the endpoint the router names
                            Item item = items.get(u);
                            String text = chatModel()
                                    .complete(
                                            target.model(),
                                            List.of(
                                                    ChatMessage.system(SYSTEM_PROMPT),
                                                    ChatMessage.user(item.question())))
                                    .text();
                            assertThat(text).isEqualTo(fineTunedArm ? item.reference() : item.baseAnswer());
                            asked.add(target.model());
                        }
                    }
                    assertThat(onFineTuned)
                            .as("the fine-tuned arm's share of 1 000 users")
                            .isBetween(750, 850);
                    assertThat(asked).contains(fineTuned);
                    Figures f = new Figures(
                            train.size(), holdout.size(), baseRight, base.meanScore(), tuned.meanScore(), onFineTuned);
                    lastFigures = f;
                    System.out.println("e2e " + client().provider() + ": " + f);
                }
            }
        }
    }

    /** What the last run measured, for a subclass that prints it. */
    protected @Nullable Figures lastFigures;

    /**
     * The figures of one run.
     *
     * @param train       approved TRAIN examples, the lines of the training file
     * @param holdout     approved HOLDOUT examples, the evaluation's cases
     * @param baseRight   holdout questions the base model answers with the reference
     * @param baseMean    the base model's mean key-fact score
     * @param tunedMean   the fine-tuned model's mean key-fact score
     * @param onFineTuned of 1 000 users, those routed to the fine-tuned model
     */
    public record Figures(int train, int holdout, int baseRight, double baseMean, double tunedMean, int onFineTuned) {}

    private static List<TrainingExample> examples(Store store, Split split) {
        List<TrainingExample> out = new ArrayList<>();
        store.examples().scan(ExampleQuery.approved().withSplit(split), out::add);
        return out;
    }

    /**
     * One question of the dataset.
     *
     * @param category  one of the seed's eight categories
     * @param question  the user's question
     * @param reference the expert answer, with figures (the key facts)
     * @param vague     an answer without figures (what the base model said before an edit)
     * @param baseKnows whether the base model answers with the reference
     */
    public record Item(String category, String question, String reference, String vague, boolean baseKnows) {
        /**
         * What the base model answers.
         *
         * @return the reference when it knows the answer, else the vague answer
         */
        public String baseAnswer() {
            return baseKnows ? reference : vague;
        }
    }

    private static final String[][] COMPANIES = {
        {"NVIDIA", "NVDA"}, {"Apple", "AAPL"}, {"Microsoft", "MSFT"}, {"Alphabet", "GOOGL"}, {"Amazon", "AMZN"},
        {"Meta", "META"}, {"Tesla", "TSLA"}, {"Broadcom", "AVGO"}, {"Salesforce", "CRM"}, {"Adobe", "ADBE"},
        {"Oracle", "ORCL"}, {"Netflix", "NFLX"}, {"Intel", "INTC"}
    };

    /**
     * {@code n} distinct questions with figures, the same on every run (synthetic figures, not real filings).
     *
     * @param n how many, at most 416
     * @return the items; the base model knows two in five
     */
    public static List<Item> items(int n) {
        List<Item> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String[] c = COMPANIES[k % COMPANIES.length];
            int template = (k / COMPANIES.length) % 8;
            int year = 2021 + k / (COMPANIES.length * 8);
            int q = 1 + (k * 7) % 4;
            double a = 5 + (k * 37 % 900) / 10.0;
            double b = 1 + (k * 53 % 400) / 10.0;
            String name = c[0];
            String t = c[1];
            String p = "Q" + q + " FY" + year;
            Item item = switch (template) {
                case 0 ->
                    new Item(
                            "sec_10q",
                            "How much revenue did " + t + " report in its " + p + " 10-Q?",
                            name + "'s " + p + " 10-Q reports revenue of $" + f(a) + "B, up " + f(b) + "% year"
                                    + " over year.",
                            "Revenue grew compared with the prior year, per the quarterly filing.",
                            k % 5 < 2);
                case 1 ->
                    new Item(
                            "sbc_breakdown",
                            "Break down " + name + "'s stock-based compensation for fiscal " + year + ".",
                            "For FY" + year + ", " + t + " recorded SBC of $" + f(b) + "B: R&D $" + f(b * 0.6)
                                    + "B, SG&A $" + f(b * 0.4) + "B.",
                            "Most of the stock-based compensation sits in research and development.",
                            k % 5 < 2);
                case 2 ->
                    new Item(
                            "gaap_reconciliation",
                            "Reconcile " + t + "'s GAAP and non-GAAP operating income, " + p + ".",
                            "GAAP operating income of $" + f(a) + "B plus SBC of $" + f(b) + "B gives non-GAAP"
                                    + " operating income of $" + f(a + b) + "B (" + p + ").",
                            "Non-GAAP adds back stock-based compensation and amortization.",
                            k % 5 < 2);
                case 3 ->
                    new Item(
                            "sec_10k",
                            "Which risk factors does " + name + " list first in its FY" + year + " 10-K, and how"
                                    + " large is its backlog?",
                            "The FY" + year + " 10-K lists competition first; backlog stood at $" + f(a) + "B, " + f(b)
                                    + "% of it due within a year.",
                            "The annual report lists competition and regulation among its risks.",
                            k % 5 < 2);
                case 4 ->
                    new Item(
                            "sec_8k",
                            "What did " + t + "'s 8-K in " + p + " disclose about buybacks?",
                            "The 8-K announced a $" + f(a) + "B repurchase authorization, " + f(b)
                                    + "% of market value.",
                            "It announced a share repurchase program.",
                            k % 5 < 2);
                case 5 ->
                    new Item(
                            "analyst_estimates",
                            "Did " + name + " beat consensus EPS in " + p + "?",
                            "Yes: EPS of $" + f(b / 10) + " against a consensus of $" + f(b / 10 - 0.05)
                                    + ", on revenue of $" + f(a) + "B.",
                            "Results came in around what analysts expected.",
                            k % 5 < 2);
                case 6 ->
                    new Item(
                            "financial_metrics",
                            "What free cash flow margin did " + t + " post for " + p + "?",
                            "Free cash flow was $" + f(b) + "B on revenue of $" + f(a) + "B, a margin of "
                                    + f(100 * b / a) + "%.",
                            "Free cash flow stayed healthy this quarter.",
                            k % 5 < 2);
                default ->
                    new Item(
                            "comparison",
                            "Compare " + t + "'s gross margin in " + p + " with a year earlier.",
                            "Gross margin was " + f(40 + b) + "% in " + p + " against " + f(38 + b / 2)
                                    + "% a year earlier.",
                            "Gross margin improved slightly year over year.",
                            k % 5 < 2);
            };
            out.add(item);
        }
        return out;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
