package dev.tuneloop.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tuneloop.Tuneloop;
import dev.tuneloop.admin.AdminServer;
import dev.tuneloop.curate.AgreementReport;
import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.DiffOp;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ReadinessReport;
import dev.tuneloop.curate.ReviewOutcome;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.SuggestionAgreement;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.eval.EvaluationReport;
import dev.tuneloop.eval.Evaluator;
import dev.tuneloop.eval.PreReviewer;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlValidator;
import dev.tuneloop.export.PriceTable;
import dev.tuneloop.export.SkipReason;
import dev.tuneloop.export.TrainerSidecars;
import dev.tuneloop.export.ValidationResult;
import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.metrics.ArmReport;
import dev.tuneloop.metrics.ArmStats;
import dev.tuneloop.metrics.FlywheelMetric;
import dev.tuneloop.metrics.Guardrail;
import dev.tuneloop.metrics.GuardrailDecision;
import dev.tuneloop.metrics.ProportionTest;
import dev.tuneloop.metrics.Rate;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.openai.OpenAiChatModel;
import dev.tuneloop.openai.OpenAiClients;
import dev.tuneloop.openai.OpenAiFineTuneClient;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecorderStats;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.Assignment;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.testing.ScriptedChatModel;
import dev.tuneloop.testing.TestClock;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.FineTuningUnavailableException;
import dev.tuneloop.tune.JobListener;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.JobWatcher;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.ReadinessGate;
import dev.tuneloop.tune.TrainingDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The whole flywheel on the embedded default (an H2 file database), runnable with no database and no API key:
 * record → curate → readiness → export → fine-tune → evaluate → route. Each phase prints a short summary.
 *
 * <p>Offline (no {@code OPENAI_API_KEY} / {@code OPENAI_BASE_URL}), the chat model is a {@link ScriptedChatModel}
 * answering from a bundled synthetic dataset, and the fine-tuning provider is a {@link FakeFineTuneClient}; both are
 * labelled SIMULATED in the output. With a key or base URL set, the chat model is the real one and the job is really
 * submitted (the demo does not wait for it to finish).
 *
 * <p>Flags: {@code --serve} keeps the admin API and review console up on localhost afterwards; {@code --data-dir DIR}
 * (default {@code ./tuneloop-demo-data}); {@code --keep} keeps the previous run's database instead of starting afresh;
 * {@code --provider openai|azure|together|vertex} says which provider it would use and what the model lifecycle
 * calendar says about it (default: simulated).
 */
public final class Demo {
    static final String BASE_MODEL = "gpt-4o-mini-2024-07-18";
    static final int INTERACTIONS = 240;
    static final int USERS = 40;
    /** The share of candidates two reviewers review blind. */
    static final double BLIND_SHARE = 0.20;
    /** The model id the simulated pre-reviewer stands in for (priced by {@link PriceTable#standard()}). */
    static final String PRE_REVIEW_MODEL = "gpt-4o-mini";

    private final Path dir;
    private final boolean online;
    private final Map<String, SigmaSightDataset.Item> byQuestion = new LinkedHashMap<>();
    // moved by hand, so that a week of traffic happens in a few seconds
    private final TestClock clock = TestClock.at(Instant.now().minus(Duration.ofDays(6)));

    private ProviderChoice provider = ProviderChoice.SIMULATED;
    /** The simulated pre-reviewer of phase 2, kept for the console's Pre-review box ({@code --serve}). */
    private @Nullable PreReviewer preReviewer;

    private Demo(Path dir, boolean online) {
        this.dir = dir;
        this.online = online;
    }

    /**
     * Runs the demo (see the class comment for the flags).
     *
     * @param args {@code --serve}, {@code --data-dir DIR}, {@code --keep}, {@code --provider NAME}
     * @throws Exception when a phase fails; the demo is a program, it reports and stops
     */
    public static void main(String[] args) throws Exception {
        // the JDK HTTP server otherwise delays small responses by ~40 ms (Nagle); an application may set this
        // JVM-wide property, a library should not
        System.setProperty("sun.net.httpserver.nodelay", "true");
        boolean serve = false;
        boolean keep = false;
        Path dir = Path.of("tuneloop-demo-data");
        ProviderChoice provider = ProviderChoice.SIMULATED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--serve" -> serve = true;
                case "--keep" -> keep = true;
                case "--provider" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--provider needs openai, azure, together or vertex");
                    }
                    provider = ProviderChoice.parse(args[++i]);
                }
                case "--data-dir" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--data-dir needs a folder");
                    }
                    dir = Path.of(args[++i]);
                }
                default ->
                    throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; use --serve, --keep, --data-dir DIR or --provider openai|azure|together|vertex");
            }
        }
        dir = dir.toAbsolutePath().normalize();
        if (!keep) {
            deleteDemoFiles(dir);
        }
        Files.createDirectories(dir);
        boolean online = System.getenv("OPENAI_API_KEY") != null || System.getenv("OPENAI_BASE_URL") != null;
        Demo demo = new Demo(dir, online && (provider == ProviderChoice.SIMULATED || provider.real(online)));
        demo.provider = provider;
        demo.run(serve);
    }

    private void run(boolean serve) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("tuneloop") + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setMaximumPoolSize(4);
        config.setPoolName("tuneloop-demo");
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcStore store = JdbcStore.create(dataSource);
            try (Tuneloop tuneloop = Tuneloop.builder()
                    .store(store)
                    .clock(clock)
                    .taxonomy(Taxonomy.SEED)
                    .build()) {
                title("Tuneloop demo", "embedded H2 database at " + dir.resolve("tuneloop.mv.db"));
                System.out.println(
                        online
                                ? "  OpenAI mode: OPENAI_API_KEY or OPENAI_BASE_URL is set; chat and fine-tuning calls are real."
                                : "  Offline mode: no OPENAI_API_KEY. The chat model and the fine-tuning provider are SIMULATED\n"
                                        + "  (ScriptedChatModel over a bundled synthetic dataset; FakeFineTuneClient). Everything else is real.");
                SigmaSightDataset.items(INTERACTIONS).forEach(item -> byQuestion.put(item.question(), item));

                ChatModel chat = online ? OpenAiChatModel.create(OpenAiClients.fromEnv()) : scriptedModels();
                AbRouter router = tuneloop.router(RoutingPlan.of(
                        "sigmasight", Arm.of("base", BASE_MODEL, 10_000), Arm.of("fine-tuned", BASE_MODEL, 0)));
                FilingTool filings = new FilingTool(List.copyOf(byQuestion.values()));
                ChatController controller = new ChatController(
                        router,
                        chat,
                        tuneloop.recorder(),
                        SigmaSightDataset.SYSTEM_PROMPT,
                        clock,
                        List.of(FilingTool.DEFINITION),
                        filings::run);

                phase1(tuneloop, controller, store);
                clock.set(Instant.now());
                phase2(tuneloop, store);
                readiness(tuneloop);
                title("Provider", "--provider " + provider.id());
                provider.describe(tuneloop.lifecycle(), clock.instant(), BASE_MODEL, online)
                        .forEach(line -> System.out.println("  " + line));
                FineTuneClient client = online ? OpenAiFineTuneClient.fromEnv() : simulatedProvider();
                FineTuneLauncher launcher = launcher(tuneloop, client);
                phase3(tuneloop);
                ModelVersion version = fineTune(tuneloop, client, launcher);
                EvaluationReport report = version == null ? null : phase4(tuneloop, chat, version);
                phase5(tuneloop, store, controller, router, report, version);
                files();
                if (serve) {
                    serve(tuneloop, store, launcher, client);
                }
            }
        }
    }

    // ------------------------------------------------------------------ Phase 1

    private void phase1(Tuneloop tuneloop, ChatController controller, JdbcStore store) {
        title("Phase 1: data collection", INTERACTIONS + " chats from " + USERS + " users over 6 days");
        SimulatedUsers users = new SimulatedUsers();
        Map<SimulatedUsers.Reaction, Integer> reactions = new LinkedHashMap<>();
        int k = 0;
        int withTools = 0;
        for (SigmaSightDataset.Item item : byQuestion.values()) {
            clock.advance(Duration.ofMinutes(6 * 24 * 60 / INTERACTIONS));
            String userId = String.format(Locale.ROOT, "user-%02d", 1 + k % USERS);
            ChatController.ChatReply reply = controller.chat(userId, item.question());
            if (reply.toolCalls() > 0) {
                withTools++;
            }
            String id = reply.interactionId(); // null when the answer was not recorded: no feedback buttons
            SimulatedUsers.Reaction reaction = id == null
                    ? SimulatedUsers.Reaction.NOTHING
                    : users.react(reply.answer().equals(item.reference()));
            reactions.merge(reaction, 1, Integer::sum);
            if (id != null) {
                switch (reaction) {
                    case THUMBS_UP -> controller.rate(id, true);
                    case THUMBS_DOWN -> controller.rate(id, false);
                    case EDIT -> controller.edit(id, item.reference());
                    case FOLLOW_UP -> controller.followUp(id, "Can you cite the filing?");
                    case NOTHING -> {}
                }
            }
            progress("recording", ++k, INTERACTIONS);
        }
        InteractionRecorder recorder = tuneloop.recorder();
        boolean flushed = recorder.flush(Duration.ofSeconds(30));
        RecorderStats stats = recorder.stats();
        System.out.printf(
                Locale.ROOT,
                "  recorded %d interactions (%s), feedback: %s%n",
                store.interactions().count(ScanQuery.all()),
                flushed ? "all written" : "NOT all written yet",
                reactions);
        System.out.printf(
                Locale.ROOT,
                "  %d of them called the %s tool before answering (questions about a 10-Q, 10-K or 8-K): "
                        + "recorded with the call, the result and the tool's definition%n",
                withTools,
                FilingTool.NAME);
        System.out.printf(
                Locale.ROOT,
                "  recorder: %d items enqueued, %d persisted, %d dropped, %d failed batches%n",
                stats.enqueued(),
                stats.persisted(),
                stats.dropped(),
                stats.failedBatches());
    }

    // ------------------------------------------------------------------ Phase 2

    private void phase2(Tuneloop tuneloop, JdbcStore store) {
        title(
                "Phase 2: weekly curation",
                "the seed's candidate rule, reviewed by two rule-based reviewers standing in for experts");
        Curator curator = tuneloop.curator();
        List<Candidate> candidates = curator.candidates(CurationPolicy.seedDefault());
        long edited = candidates.stream().filter(Candidate::isEdited).count();
        System.out.printf(
                Locale.ROOT,
                "  %d candidates (created in the last 7 days, 👍 or edited, no follow-up): "
                        + "%d edited first, then %d 👍%n",
                candidates.size(),
                edited,
                candidates.size() - edited);
        candidates.stream()
                .filter(Candidate::isEdited)
                .findFirst()
                .ifPresent(
                        c -> System.out.println("  word diff of the first edited answer ([-removed-] {+added+}):\n    "
                                + abbreviate(diff(c.diff()), 220)));
        Map<String, String> categories = new HashMap<>();
        Map<String, String> references = new HashMap<>();
        byQuestion.values().forEach(i -> {
            categories.put(i.question(), i.category());
            references.put(i.question(), i.reference());
        });
        preReview(store, candidates, references);

        // two reviewers take turns; a share of the candidates goes to both, blind, and disagreements are settled
        RuleBasedReviewer alice = new RuleBasedReviewer(categories, references);
        RuleBasedReviewer bob = RuleBasedReviewer.strict(categories, references);
        ReviewQueue queue = ReviewQueue.builder(curator, store.claims())
                .clock(clock)
                .blindDoubleReview(store.blindReviews(), BLIND_SHARE)
                .build();
        Map<InteractionId, Candidate> byId = new HashMap<>();
        int approved = 0;
        int rejected = 0;
        int blind = 0;
        int agreed = 0;
        int done = 0;
        for (Candidate c : candidates) {
            byId.put(c.interactionId(), c);
            RuleBasedReviewer first = done % 2 == 0 ? alice : bob;
            RuleBasedReviewer second = first == alice ? bob : alice;
            ReviewOutcome outcome = submit(queue, first, c);
            if (outcome.state() == ReviewOutcome.State.AWAITING_SECOND_REVIEW) {
                blind++;
                outcome = submit(queue, second, c); // blind: the second never sees the first decision
                if (outcome.state() != ReviewOutcome.State.DISAGREEMENT) {
                    agreed++;
                }
            }
            switch (outcome.state()) {
                case PROMOTED -> approved++;
                case REJECTED -> rejected++;
                case AWAITING_SECOND_REVIEW, DISAGREEMENT -> {}
            }
            progress("reviewing", ++done, candidates.size());
        }
        List<BlindCase> disagreements = queue.disagreements();
        int settled = 0;
        for (BlindCase open : disagreements) {
            // alice leads the team and settles: her own reading, with the reason kept beside both blind decisions
            Candidate c = Objects.requireNonNull(byId.get(open.interactionId()), "a reviewed candidate");
            RuleBasedReviewer.Decision d = alice.review(c);
            String reason = "lead's call: " + alice.name() + " reads the taxonomy strictly; both blind reviews kept";
            if (d.approve().isPresent()) {
                queue.settle(c.interactionId(), d.approve().get(), reason);
                approved++;
            } else {
                queue.settleByRejecting(c.interactionId(), alice.name(), reason);
                rejected++;
            }
            settled++;
        }
        System.out.printf(
                Locale.ROOT,
                "  two reviewers, %s and %s, taking turns; blind double review on %.0f%% of candidates: "
                        + "%d reviewed twice blind, %d agreed, %d disagreements settled by %s with a reason%n",
                alice.name(),
                bob.name(),
                BLIND_SHARE * 100,
                blind,
                agreed,
                settled,
                alice.name());
        AgreementReport agreement = queue.agreement();
        for (AgreementReport.PairAgreement p : agreement.pairs()) {
            System.out.printf(
                    Locale.ROOT,
                    "  reviewer agreement %s + %s: %d items, Cohen's kappa on category %s, "
                            + "score mean |diff| %s, r %s%n",
                    p.first(),
                    p.second(),
                    p.items(),
                    figure(p.categoryKappa()),
                    figure(p.qualityMeanAbsoluteDifference()),
                    figure(p.qualityCorrelation()));
        }
        SuggestionAgreement trust = SuggestionAgreement.of(store.suggestions(), store.examples());
        System.out.printf(
                Locale.ROOT,
                "  pre-review suggestions vs the reviewers' decisions: %d items, same label %s, kappa %s; "
                        + "score mean |diff| %s over %d approved, r %s%n",
                trust.items(),
                trust.categoryAgreement() == null
                        ? "n/a"
                        : String.format(Locale.ROOT, "%.0f%%", trust.categoryAgreement() * 100),
                figure(trust.categoryKappa()),
                figure(trust.qualityMeanAbsoluteDifference()),
                trust.approvedItems(),
                figure(trust.qualityCorrelation()));
        long holdout = countExamples(store, ExampleQuery.approved().withSplit(Split.HOLDOUT));
        System.out.printf(
                Locale.ROOT,
                "  approved %d, rejected %d; frozen split: %d TRAIN, %d HOLDOUT (never trained on)%n",
                approved,
                rejected,
                approved - holdout,
                holdout);
        System.out.printf(
                Locale.ROOT,
                "  candidates left for next week: %d (reviewed ones never come back)%n",
                curator.candidates(CurationPolicy.seedDefault()).size());
    }

    /**
     * The SIMULATED pre-reviewer: a deterministic model answering in {@link PreReviewer}'s format suggests a category,
     * a score with a reason and an improved answer for every candidate, before anyone reviews; cost estimated first.
     */
    private void preReview(JdbcStore store, List<Candidate> candidates, Map<String, String> references) {
        SimulatedPreReviewModel model = new SimulatedPreReviewModel(references);
        PreReviewer preReviewer = PreReviewer.builder(model, PRE_REVIEW_MODEL, store.suggestions())
                .taxonomy(Taxonomy.SEED)
                .prices(PriceTable.standard())
                .clock(clock)
                .build();
        this.preReviewer = preReviewer;
        PreReviewer.CostEstimate cost = preReviewer.estimate(candidates);
        System.out.printf(
                Locale.ROOT,
                "  pre-review by %s (SIMULATED offline by a rule-based model): estimate before it starts: %d calls "
                        + "(%d cached), %d prompt tokens + at most %d output tokens, at most $%s%n",
                PRE_REVIEW_MODEL,
                cost.calls(),
                cost.cached(),
                cost.promptTokens(),
                cost.maxOutputTokens(),
                cost.usd() == null ? "n/a" : cost.usd().toPlainString());
        try {
            PreReviewer.Progress p = preReviewer.run(candidates);
            System.out.printf(
                    Locale.ROOT,
                    "  pre-reviewed %d candidates: %d suggestions stored beside them (%d model calls, %d cached, "
                            + "%d unparseable, %d failed); suggestions approve nothing%n",
                    p.total(),
                    p.suggested() + p.cached(),
                    model.calls(),
                    p.cached(),
                    p.unparseable(),
                    p.failed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pre-reviewing", e);
        }
    }

    private static ReviewOutcome submit(ReviewQueue queue, RuleBasedReviewer reviewer, Candidate c) {
        RuleBasedReviewer.Decision d = reviewer.review(c);
        return d.approve().isPresent()
                ? queue.submit(c.interactionId(), d.approve().get())
                : queue.submitRejection(c.interactionId(), Objects.requireNonNull(d.rejectReason()), reviewer.name());
    }

    private static String figure(@Nullable Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private void readiness(Tuneloop tuneloop) {
        title("Pre-training checklist", null);
        ReadinessReport report = tuneloop.readiness().evaluate(tuneloop.store().examples());
        for (ReadinessReport.Item item : report.items()) {
            System.out.printf(
                    Locale.ROOT, "  %-5s %-18s %s%n", item.status(), item.check(), abbreviate(item.detail(), 110));
        }
        System.out.println("  overall: " + report.overall());
    }

    // ------------------------------------------------------------------ Phase 3

    private void phase3(Tuneloop tuneloop) {
        title("Phase 3: training data", "JSONL exports, validated, token-counted, redacted");
        ExportReport sft = tuneloop.exporter()
                .export(
                        ExportOptions.builder()
                                .minQuality(6)
                                .baseModel(BASE_MODEL)
                                .progress(p -> progress("exporting SFT", (int) p.scanned(), (int) p.scanned()), 50)
                                .build(),
                        dir.resolve("training_data.jsonl"));
        printExport("supervised", dir.resolve("training_data.jsonl"), sft);
        ExportReport dpo = tuneloop.exporter()
                .export(
                        ExportOptions.builder()
                                .minQuality(6)
                                .baseModel(BASE_MODEL)
                                .format(ExportFormat.PREFERENCE)
                                .minExamples(0)
                                .build(),
                        dir.resolve("preference_data.jsonl"));
        printExport("preference (DPO, from user edits)", dir.resolve("preference_data.jsonl"), dpo);
        presets(tuneloop);
    }

    /**
     * The presets every trainer needs, with their dataset cards; the OpenAI SFT file and the chat-preference pairs get
     * Axolotl/LLaMA-Factory sidecars, the chat KTO lines LLaMA-Factory's.
     */
    private void presets(Tuneloop tuneloop) {
        System.out.println("  every trainer preset (file: lines, skipped, verdict of the preset's validator):");
        writeSidecar(
                "training_data.axolotl.yml", TrainerSidecars.axolotl(ExportFormat.SUPERVISED, "training_data.jsonl"));
        writeSidecar(
                "training_data.dataset_info.json",
                TrainerSidecars.llamaFactory(ExportFormat.SUPERVISED, "training_data.jsonl"));
        for (ExportFormat preset : PRESETS) {
            Path file = dir.resolve(preset.fileStem() + ".jsonl");
            ExportReport r = tuneloop.exporter()
                    .export(
                            ExportOptions.builder()
                                    .format(preset)
                                    .minQuality(6)
                                    .baseModel(BASE_MODEL)
                                    .minExamples(0)
                                    // 👍/👎 nobody reviewed are KTO signal too
                                    .includeRatedInteractions(preset.isKto())
                                    .build(),
                            file);
            ValidationResult check = JsonlValidator.builder()
                    .format(preset)
                    .baseModel(BASE_MODEL)
                    .minExamples(0)
                    .build()
                    .validate(file);
            Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
            r.skipped().forEach((reason, n) -> {
                if (n > 0) {
                    skipped.put(reason, n);
                }
            });
            System.out.printf(
                    Locale.ROOT,
                    "    %-24s %4d lines, skipped %s; %s (%d errors, %d warnings)%s%n",
                    preset.fileStem() + ".jsonl",
                    check.lines(),
                    skipped.isEmpty() ? "none" : skipped,
                    check.ok() ? "valid" : "INVALID",
                    check.errors(),
                    check.warnings(),
                    preset.isKto()
                            ? String.format(
                                    Locale.ROOT,
                                    "; %d desirable / %d undesirable, of which %d / %d from unreviewed 👍/👎",
                                    check.desirable(),
                                    check.undesirable(),
                                    r.rated().desirable(),
                                    r.rated().undesirable())
                            : "");
            writeSidecar(preset.fileStem() + ".README.md", TrainerSidecars.datasetCard(r, "demo", "en", sha256(file)));
            if (preset == ExportFormat.CHAT_PREFERENCE) { // the pairs for Axolotl DPO and LLaMA-Factory
                String name = preset.fileStem() + ".jsonl";
                writeSidecar(preset.fileStem() + ".axolotl.yml", TrainerSidecars.axolotlChatPreference(name));
                writeSidecar(
                        preset.fileStem() + ".dataset_info.json", TrainerSidecars.llamaFactoryChatPreference(name));
            }
            if (preset == ExportFormat.CHAT_KTO) { // the KTO lines for LLaMA-Factory
                writeSidecar(
                        preset.fileStem() + ".dataset_info.json",
                        TrainerSidecars.llamaFactoryChatKto(preset.fileStem() + ".jsonl"));
            }
        }
    }

    /** The presets written besides the two OpenAI files, each to {@code <fileStem>.jsonl}. */
    static final List<ExportFormat> PRESETS = List.of(
            ExportFormat.TRL_SFT,
            ExportFormat.TRL_DPO,
            ExportFormat.TRL_KTO,
            ExportFormat.GEMINI_SFT,
            ExportFormat.GEMINI_PREFERENCE,
            ExportFormat.CHAT_PREFERENCE,
            ExportFormat.CHAT_KTO);

    private void writeSidecar(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void printExport(String what, Path file, ExportReport r) {
        System.out.printf(
                Locale.ROOT,
                "  %s: %d examples written to %s (%d bytes); skipped %s%n",
                what,
                r.written(),
                dir.relativize(file),
                r.bytesWritten(),
                r.skipped());
        System.out.printf(
                Locale.ROOT,
                "    tokens %d (%.0f per example, max %d) × %d epochs%s = %d training tokens → "
                        + "estimated $%s, %d-%d minutes%n",
                r.tokens().total(),
                r.tokens().mean(),
                r.tokens().max(),
                r.epochs(),
                r.autoEpochs() ? " (auto)" : "",
                r.estimatedTrainingTokens(),
                String.valueOf(r.estimatedCostUsd()),
                r.estimatedTrainingTime().minMinutes(),
                r.estimatedTrainingTime().maxMinutes());
        System.out.printf(
                Locale.ROOT,
                "    validation: %d errors, %d warnings; PII redactions: %s%n",
                r.validation().errors(),
                r.validation().warnings(),
                r.redactions().isEmpty() ? "none" : r.redactions());
    }

    private FineTuneLauncher launcher(Tuneloop tuneloop, FineTuneClient client) {
        return FineTuneLauncher.builder(
                        client,
                        tuneloop.store().jobs(),
                        tuneloop.store().registry(),
                        TrainingDataSource.fromExporter(
                                tuneloop.exporter(), dir.resolve("jobs"), o -> o.baseModel(BASE_MODEL)),
                        ReadinessGate.fromChecklist(
                                tuneloop.readiness(), tuneloop.store().examples()))
                .clock(tuneloop.clock())
                .build();
    }

    private @Nullable ModelVersion fineTune(Tuneloop tuneloop, FineTuneClient client, FineTuneLauncher launcher)
            throws InterruptedException {
        title("Phase 3: fine-tuning job", online ? "submitting to the provider" : "SIMULATED provider (no API key)");
        LaunchRequest request = LaunchRequest.builder(BASE_MODEL)
                .minQualityScore(6)
                .suffix("sigmasight-v1")
                .notes("first training: "
                        + countExamples(tuneloop, ExampleQuery.approved().withSplit(Split.TRAIN))
                        + " approved TRAIN examples")
                .build();
        if (!online) {
            System.out.println(
                    "  without OPENAI_API_KEY nothing is sent to OpenAI. It would submit: base model " + BASE_MODEL
                            + ", method supervised, hyperparameters auto, suffix sigmasight-v1, file jobs/sft-<uuid>.jsonl");
            System.out.println(
                    "  the demo goes on with a FakeFineTuneClient so lineage, evaluation and routing can be shown.");
        }
        Launch launch;
        try {
            launch = launcher.launch(request);
        } catch (FineTuningUnavailableException e) {
            System.out.println("  the provider refused: " + e.getMessage());
            return null;
        } catch (dev.tuneloop.tune.NotReadyException e) {
            System.out.println("  not submitted: " + e.getMessage());
            return null;
        }
        System.out.printf(
                Locale.ROOT,
                "  job %s created (%s); registry version %s with %d examples, dataset sha256 %s…%n",
                launch.job().id(),
                launch.job().rawStatus(),
                launch.version().version(),
                launch.version().exampleCount(),
                launch.version().dataset().contentSha256().substring(0, 12));
        if (online) {
            System.out.println(
                    "  the job now runs at the provider (the seed: ~30-60 minutes). Watch it with the admin API "
                            + "(--serve, GET /admin/fine-tune/" + launch.job().id()
                            + "/status). The demo evaluates and routes "
                            + "only a finished model, so it stops its fine-tuning part here.");
            return null;
        }
        CountDownLatch finished = new CountDownLatch(1);
        try (JobWatcher watcher = JobWatcher.builder(
                        client, tuneloop.store().jobs(), tuneloop.store().registry())
                .initialInterval(Duration.ofMillis(50))
                .maxInterval(Duration.ofMillis(200))
                .listener(new JobListener() {
                    @Override
                    public void onStatusChange(FineTuneJob job, @Nullable JobStatus previous) {
                        System.out.println("    status: " + previous + " → " + job.status());
                    }

                    @Override
                    public void onFinished(FineTuneJob job) {
                        finished.countDown();
                    }
                })
                .build()) {
            watcher.watch(launch.job());
            if (!finished.await(30, TimeUnit.SECONDS)) {
                System.out.println("  the simulated job did not finish in 30 s");
                return null;
            }
        }
        ModelVersion version =
                tuneloop.store().registry().getVersion(launch.version().version());
        System.out.println("  fine-tuned model: " + version.fineTunedModel() + " (SIMULATED)");
        return version;
    }

    // ------------------------------------------------------------------ Phase 4

    private EvaluationReport phase4(Tuneloop tuneloop, ChatModel chat, ModelVersion version) {
        title("Phase 4: evaluation", "base vs fine-tuned on the frozen holdout (examples never used in training)");
        String candidate = Objects.requireNonNull(version.fineTunedModel(), "phase 3 returns a finished version");
        EvaluationReport report = Evaluator.builder()
                .examples(tuneloop.store().examples())
                .base(BASE_MODEL, chat)
                .candidate(candidate, chat)
                .recordTo(tuneloop.store().registry(), version.version())
                .progress(p -> progress("evaluating " + p.phase(), p.done(), p.total()))
                .clock(tuneloop.clock())
                .build()
                .run();
        report.writeJson(dir.resolve("evaluation.json"));
        report.writeHtml(dir.resolve("evaluation.html"));
        EvaluationReport.Comparison c = report.primaryComparison();
        EvaluationReport.ModelSummary base = report.model(BASE_MODEL);
        EvaluationReport.ModelSummary cand = report.model(candidate);
        System.out.printf(
                Locale.ROOT,
                "  %d holdout cases; mean score base %.3f vs fine-tuned %.3f (difference %+.3f, "
                        + "95%% CI %+.3f..%+.3f)%n",
                base.cases(),
                c.baseMean(),
                c.candidateMean(),
                c.meanDifference(),
                c.interval().lower(),
                c.interval().upper());
        System.out.printf(
                Locale.ROOT,
                "  accuracy (score ≥ pass threshold): base %.0f%%, fine-tuned %.0f%% (seed target >85%%); "
                        + "wins/ties/losses %d/%d/%d; regressions %d%n",
                base.accuracy() * 100,
                cand.accuracy() * 100,
                c.wins(),
                c.ties(),
                c.losses(),
                c.regressions().size());
        System.out.println("  verdict: " + report.verdict().decision() + " — "
                + String.join("; ", report.verdict().reasons()));
        return report;
    }

    // ------------------------------------------------------------------ Phase 5

    private void phase5(
            Tuneloop tuneloop,
            JdbcStore store,
            ChatController controller,
            AbRouter router,
            @Nullable EvaluationReport report,
            @Nullable ModelVersion version) {
        title("Phase 5: deployment", "the router sends users to the deployed version, sticky per user");
        if (version == null || report == null || !report.promote()) {
            System.out.println(
                    "  nothing deployed: " + (version == null ? "no finished model" : "the evaluation said HOLD")
                            + "; everyone stays on " + BASE_MODEL);
        } else {
            tuneloop.store().registry().markDeployed(version.version(), clock.instant());
            RoutingPlan plan =
                    RoutingPlan.fromDeployed(tuneloop.store().registry(), BASE_MODEL, 8_000, "sigmasight-v1");
            router.update(plan);
            System.out.println("  deployed " + version.version() + " = " + version.fineTunedModel()
                    + "; plan 80% fine-tuned / 20% base (the seed's split), salt sigmasight-v1");
            for (int u = 1; u <= 4; u++) {
                String user = String.format(Locale.ROOT, "user-%02d", u);
                Assignment a = router.assign(user);
                System.out.printf(
                        Locale.ROOT, "    %s → bucket %4d → %-10s %s%n", user, a.bucket(), a.arm(), a.model());
            }
            Map<String, Integer> share = new LinkedHashMap<>();
            for (int u = 0; u < 10_000; u++) {
                share.merge(router.assign("synthetic-" + u).arm(), 1, Integer::sum);
            }
            System.out.println("    10 000 synthetic users: " + share);

            Instant since = clock.instant();
            SimulatedUsers users = new SimulatedUsers();
            List<SigmaSightDataset.Item> items = new ArrayList<>(byQuestion.values());
            for (int k = 0; k < 400; k++) {
                clock.advance(Duration.ofMinutes(5));
                SigmaSightDataset.Item item = items.get(k % items.size());
                ChatController.ChatReply reply = controller.chat("live-user-" + (k % 97), item.question());
                String id = reply.interactionId(); // null when the answer was not recorded: no feedback buttons
                SimulatedUsers.Reaction reaction = id == null
                        ? SimulatedUsers.Reaction.NOTHING
                        : users.react(reply.answer().equals(item.reference()));
                if (id != null) {
                    switch (reaction) {
                        case THUMBS_UP -> controller.rate(id, true);
                        case THUMBS_DOWN -> controller.rate(id, false);
                        case EDIT -> controller.edit(id, item.reference());
                        case FOLLOW_UP -> controller.followUp(id, "Which filing is that from?");
                        case NOTHING -> {}
                    }
                }
                progress("live traffic", k + 1, 400);
            }
            tuneloop.recorder().flush(Duration.ofSeconds(30));
            ArmReport arms = ArmReport.collect(store.interactions(), new ScanQuery(since, null, null, null), plan);
            for (ArmStats s : arms.arms().values()) {
                System.out.printf(
                        Locale.ROOT,
                        "    arm %-10s %3d chats, 👍 %.0f%%, 👎 %.0f%%, edited %.0f%%, follow-up %.0f%%%n",
                        s.arm(),
                        s.count(),
                        pct(s.thumbsUp(), s.count()),
                        pct(s.thumbsDown(), s.count()),
                        pct(s.edited(), s.count()),
                        pct(s.followedUp(), s.count()));
            }
            ProportionTest down = arms.compare("fine-tuned", "base", Rate.THUMBS_DOWN);
            System.out.printf(
                    Locale.ROOT,
                    "    👎 rate fine-tuned − base = %+.1f points (95%% CI %+.1f..%+.1f, p = %.3f)%n",
                    down.difference() * 100,
                    down.low() * 100,
                    down.high() * 100,
                    down.pValueTwoSided());
            GuardrailDecision guard = Guardrail.builder("fine-tuned", "base")
                    .minSamplesPerArm(50)
                    .build()
                    .evaluate(arms);
            System.out.println(
                    "    guardrail: " + (guard.rollback() ? "ROLL BACK to base" : "keep the fine-tuned model"));
        }
        System.out.println("  the seed's key metrics:");
        for (FlywheelMetric m : tuneloop.flywheelMetrics().measure().metrics()) {
            System.out.printf(
                    Locale.ROOT, "    %-20s %10.2f  %-8s (target: %s)%n", m.kind(), m.value(), m.status(), m.target());
        }
    }

    private void files() throws IOException {
        title("Files", dir.toString());
        try (Stream<Path> s = Files.walk(dir, 2)) {
            s.filter(Files::isRegularFile).sorted().forEach(p -> {
                try {
                    System.out.printf(Locale.ROOT, "  %-52s %9d bytes%n", dir.relativize(p), Files.size(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void serve(Tuneloop tuneloop, JdbcStore store, FineTuneLauncher launcher, FineTuneClient client)
            throws InterruptedException {
        String token = AdminServer.randomToken();
        AdminServer.Builder admin = AdminServer.builder()
                .token(token)
                .workDirectory(dir)
                .curation(tuneloop.curator(), CurationPolicy.seedDefault(), Taxonomy.SEED)
                .export(tuneloop.exporter())
                .fineTuning(
                        launcher,
                        client,
                        tuneloop.store().jobs(),
                        tuneloop.store().registry())
                .readiness(tuneloop.readiness(), store.examples())
                .metrics(tuneloop.flywheelMetrics())
                .reviewQueue(ReviewQueue.builder(tuneloop.curator(), store.claims())
                        .blindDoubleReview(store.blindReviews(), BLIND_SHARE)
                        .build())
                .suggestions(store.suggestions(), store.examples());
        if (preReviewer != null) {
            admin.preReview(preReviewer); // the console's Pre-review box: estimate, confirm, progress
        }
        AdminServer server = admin.start();
        title("Admin API and review console", null);
        System.out.println("  console: " + server.uri().resolve("/admin/console/"));
        System.out.println("  token:   " + token);
        System.out.println("  e.g.     curl -H 'Authorization: Bearer " + token + "' '"
                + server.uri().resolve("/admin/export/jsonl?min_quality=6") + "'");
        System.out.println("  Ctrl-C to stop.");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }

    // ------------------------------------------------------------------ the simulated parts

    /**
     * The SIMULATED chat models. The base model gives the expert answer to 40% of questions and a weaker one to the
     * rest; the "fine-tuned" model gives the expert answer (it learned from the users' edits).
     */
    private ChatModel scriptedModels() {
        List<String> questions = new ArrayList<>(byQuestion.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            index.put(questions.get(i), i);
        }
        ScriptedChatModel answers = ScriptedChatModel.answering((ChatRequest r) -> {
            String question = r.messages().stream()
                    .filter(m -> m.role() == dev.tuneloop.record.Role.USER)
                    .reduce((a, b) -> b)
                    .map(ChatMessage::content)
                    .orElse("");
            SigmaSightDataset.Item item = byQuestion.get(question);
            Integer i = index.get(question); // the index holds every bundled question: both null or neither
            if (item == null || i == null) {
                return "I don't have that in my bundled data.";
            }
            if (r.model().startsWith("ft:")) {
                // learned from the curated answers, every one of which is the expert answer (the users' edits and
                // the reviewer's fixes): so it never does worse than the base on a holdout case, whichever examples
                // the frozen split (a hash of fresh ids) happened to hold out, and the verdict is the same every run
                return item.reference();
            }
            return i % 5 < 2 ? item.reference() : item.weak();
        });
        // offered the get_filing tool, the model first calls it for questions about one filing (10-Q, 10-K, 8-K),
        // then answers as above once the result is back
        return (ChatRequest r) -> {
            List<ChatMessage> m = r.messages();
            ChatMessage last = m.get(m.size() - 1);
            SigmaSightDataset.Item item = byQuestion.get(last.content());
            if (!r.tools().isEmpty() && last.role() == dev.tuneloop.record.Role.USER && item != null) {
                Optional<ToolCall> call = FilingTool.callFor(item, "call_" + Integer.toHexString(item.hashCode()));
                if (call.isPresent()) {
                    return new ChatResponse("", r.model(), new TokenUsage(120, 18), Duration.ZERO, List.of(call.get()));
                }
            }
            return answers.complete(r);
        };
    }

    private FineTuneClient simulatedProvider() {
        // openai and azure are simulated under their own id, so the lifecycle calendar applies; the others run as the
        // plain fake (their modules are separate)
        boolean calendar = provider == ProviderChoice.OPENAI || provider == ProviderChoice.AZURE;
        return (calendar ? FakeFineTuneClient.create(clock, provider.id()) : FakeFineTuneClient.create(clock))
                .scriptNextJobs("validating_files", "queued", "running", "running", "succeeded");
    }

    // ------------------------------------------------------------------ output helpers

    private static long countExamples(JdbcStore store, ExampleQuery q) {
        long[] n = {0};
        store.examples().scan(q, e -> n[0]++);
        return n[0];
    }

    private static long countExamples(Tuneloop tuneloop, ExampleQuery q) {
        long[] n = {0};
        tuneloop.store().examples().scan(q, (TrainingExample e) -> n[0]++);
        return n[0];
    }

    private static void title(String title, @Nullable String detail) {
        System.out.println();
        System.out.println("== " + title + (detail == null ? "" : " — " + detail));
    }

    // on Java 17-21 console() is null exactly when the output is not a terminal; on 22+ (which added isTerminal())
    // the progress line would also reach a pipe, where it is only noise
    @SuppressWarnings("SystemConsoleNull") // isTerminal() does not exist on Java 17, this module's release
    private static void progress(String what, int done, int total) {
        if (System.console() != null) {
            System.out.print(
                    "\r  " + what + " " + done + "/" + total + (done >= total ? "\r" + " ".repeat(60) + "\r" : ""));
        }
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static String diff(List<DiffOp> ops) {
        StringBuilder b = new StringBuilder();
        for (DiffOp op : ops) {
            switch (op.kind()) {
                case EQUAL -> b.append(op.text());
                case DELETE -> b.append("[-").append(op.text()).append("-]");
                case INSERT -> b.append("{+").append(op.text()).append("+}");
            }
        }
        return b.toString().replace('\n', ' ');
    }

    private static String abbreviate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Deletes what an earlier run wrote (the database, JSONL files, reports), and nothing else. */
    private static void deleteDemoFiles(Path dir) throws IOException {
        for (Path folder : List.of(dir, dir.resolve("jobs"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (Files.isRegularFile(p)
                            && (name.startsWith("tuneloop.")
                                    || name.endsWith(".jsonl")
                                    || name.startsWith("evaluation."))) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
