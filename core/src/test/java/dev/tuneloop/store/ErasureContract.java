package dev.tuneloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.eval.Evaluator;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.Role;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.testing.ScriptedChatModel;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.ReadinessVerdict;
import dev.tuneloop.tune.TrainingDataSource;
import dev.tuneloop.tune.TrainingFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure reaches every copy of a user's text, for every store: a full loop (recorded, rated, edited, followed up,
 * approved, held out, exported with a validation file, launched on the fake provider, evaluated with a scripted model
 * that echoes the question, deployed) for two users, then {@link Erasure#eraseUser} of one of them, then a search of
 * everything the store holds ({@link #storedTexts}: every text column of every table for SQL stores, found through
 * the schema so new columns are covered without touching this test), of every file under the export directory and of
 * the fake provider's files for the erased user's marker. None may be found; the other user's data must still be there.
 *
 * <p>Every text of a user carries the user's marker ({@code zqxgone…} or {@code zqxkept…}), and so does the user id.
 */
public abstract class ErasureContract {
    private static final String GONE = "zqxgone";
    private static final String KEPT = "zqxkept";
    private static final String BASE = "gpt-4o-mini-2024-07-18";

    @TempDir
    Path dir;

    /**
     * A fresh, empty store for one test.
     *
     * @return the store
     */
    protected abstract Store newStore();

    /**
     * Every text the store holds, by where it is held (e.g. {@code "table.column"}); each value one stored text.
     * SQL stores read every character column of every table they find in the schema's catalog.
     *
     * @param store the store made by {@link #newStore()}
     * @return the texts by place; a place may list many texts
     */
    protected abstract Map<String, List<String>> storedTexts(Store store);

    @Test
    void erasureLeavesNoTextOfTheUserInAnyTableFileOrProviderCopy() throws IOException {
        Store store = newStore();
        Path exportDir = dir.resolve("export");
        FakeFineTuneClient provider = FakeFineTuneClient.create();
        try (Tuneloop tuneloop =
                Tuneloop.builder().store(store).synchronousRecorder().build()) {
            Map<String, List<TrainingExample>> approved = new LinkedHashMap<>();
            for (String user : List.of(GONE, KEPT)) {
                approved.put(user, recordAndApprove(tuneloop, user));
            }
            // a marked preference pair across the two users: a kept example over the erased user's worse answer (the
            // pair copies the erased user's text; PreferencePairStoreContract covers the other direction)
            markWorse(tuneloop, approved.get(KEPT).get(0), GONE);

            Launch launch = FineTuneLauncher.builder(
                            provider,
                            store.jobs(),
                            store.registry(),
                            TrainingDataSource.fromExporter(
                                    tuneloop.exporter(),
                                    exportDir,
                                    o -> o.minExamples(1).validationShare(0.5)),
                            ReadinessVerdict::ready)
                    .build()
                    .launch(LaunchRequest.builder(BASE).minQualityScore(1).build());
            FineTuneJob job = launch.job();
            while (!job.isTerminal()) {
                job = provider.get(job.id());
            }
            store.jobs().save(job);
            String version = launch.version().version();
            store.registry().recordFineTunedModel(version, job.fineTunedModel());
            // both models echo the question, so the report holds each user's text in answers too
            ScriptedChatModel echo = ScriptedChatModel.answering(
                    r -> "echo: " + r.messages().get(r.messages().size() - 1).content());
            Evaluator.builder()
                    .examples(store.examples())
                    .forVersion(store.registry(), version, echo)
                    .build()
                    .run();
            store.registry().markDeployed(version, tuneloop.clock().instant());

            ModelVersion before = store.registry().getVersion(version);
            assertThat(before.evaluated().orElseThrow().reportJson())
                    .contains(GONE)
                    .contains(KEPT);
            assertThat(launch.validationFile()).isNotNull();
            Set<String> uploaded =
                    Set.of(launch.trainingFile().id(), launch.validationFile().id());
            // the search finds the user everywhere before erasure: it can fail
            Map<String, List<String>> storedBefore = storedTexts(store);
            assertThat(placesHolding(storedBefore, GONE)).hasSizeGreaterThanOrEqualTo(5);
            // … including the evaluation report kept with the model version
            assertThat(storedBefore.values().stream()
                            .flatMap(List::stream)
                            .anyMatch(v -> v != null && v.contains(GONE) && v.contains("\"caseId\"")))
                    .isTrue();
            assertThat(filesHolding(exportDir, GONE)).isNotEmpty();
            assertThat(provider.uploads()).anyMatch(u -> u.text().contains(GONE));

            ErasureReport report = Erasure.builder(store)
                    .exportDirectory(exportDir)
                    .client(provider)
                    .build()
                    .eraseUser("user-" + GONE);

            List<TrainingExample> gone = approved.get(GONE);
            long heldOut = gone.stream().filter(e -> e.split() == Split.HOLDOUT).count();
            // + the follow-up interaction and the worse answer marked on the kept example
            assertThat(report.interactions()).isEqualTo(gone.size() + 2);
            assertThat(report.preferencePairs()).isEqualTo(1);
            assertThat(report.examples()).isEqualTo(gone.size());
            assertThat(report.exampleIds())
                    .containsExactlyInAnyOrderElementsOf(
                            gone.stream().map(TrainingExample::id).toList());
            assertThat(report.evaluationCases()).isEqualTo(heldOut);
            assertThat(report.reportsAmended()).isEqualTo(1);
            assertThat(report.filesRewritten()).isNotEmpty();
            assertThat(report.providerFilesDeleted()).containsExactlyInAnyOrderElementsOf(uploaded);
            assertThat(report.remaining()).isEmpty();
            assertThat(report.complete()).isTrue();

            Map<String, List<String>> storedAfter = storedTexts(store);
            assertThat(placesHolding(storedAfter, GONE)).isEmpty();
            assertThat(placesHolding(storedAfter, KEPT)).hasSizeGreaterThanOrEqualTo(5);
            assertThat(filesHolding(exportDir, GONE)).isEmpty();
            assertThat(filesHolding(exportDir, KEPT)).isNotEmpty();
            assertThat(provider.uploads())
                    .noneMatch(u -> uploaded.contains(u.file().id()));
            assertThat(provider.deletedFiles()).containsExactlyInAnyOrderElementsOf(uploaded);

            // the lineage keeps the ids, the report says it was amended, the other user's cases are intact
            ModelVersion after = store.registry().getVersion(version);
            assertThat(after.dataset()).isEqualTo(before.dataset());
            assertThat(after.evaluated().orElseThrow().amended()).isTrue();
            assertThat(after.evaluated().orElseThrow().reportJson())
                    .contains("\"amended\"")
                    .contains(KEPT);
            assertThat(after.deployedAt()).isEqualTo(before.deployedAt());
            // the rewritten files still match their manifests line for line
            for (Path f : report.filesRewritten()) {
                List<String> ids = Files.readAllLines(TrainingFiles.manifestOf(f));
                assertThat(Files.readAllLines(f)).hasSize(ids.size() - 1);
                assertThat(ids.subList(1, ids.size()))
                        .doesNotContainAnyElementsOf(report.exampleIds().stream()
                                .map(ExampleId::toString)
                                .toList());
            }

            // a second erasure finds nothing left
            ErasureReport again = Erasure.builder(store)
                    .exportDirectory(exportDir)
                    .client(provider)
                    .build()
                    .eraseUser("user-" + GONE);
            assertThat(again).isEqualTo(ErasureReport.NONE);
        }
    }

    /**
     * Records interactions of {@code user} (rated, edited, one with a follow-up message) and approves them until the
     * user has at least one held-out and eight training examples.
     */
    private static List<TrainingExample> recordAndApprove(Tuneloop tuneloop, String user) {
        InteractionRecorder recorder = tuneloop.recorder();
        InteractionId followedUp = recorder.log(interaction(tuneloop, user, 0));
        recorder.followUp(followedUp, user + " follow-up: that is wrong");
        List<TrainingExample> approved = new ArrayList<>();
        for (int k = 1; k <= 200; k++) {
            long held =
                    approved.stream().filter(e -> e.split() == Split.HOLDOUT).count();
            // 8 training examples per user, 16 in all: with the validation share of one half, the chance that the
            // split leaves the training or the validation file empty is 2 x 0.5^16 (the ids are random)
            if (k > 6 && held >= 1 && approved.size() - held >= 8) {
                break;
            }
            InteractionId id = recorder.log(interaction(tuneloop, user, k));
            recorder.rate(id, Rating.up());
            recorder.edit(id, user + " edited answer " + k + words(k + 2000));
            approved.add(tuneloop.curator()
                    .approve(
                            id,
                            Review.by("reviewer-1")
                                    .improvedResponse(user + " improved answer " + k + words(k + 3000))
                                    .category("revenue")
                                    .quality(9)
                                    .notes(user + " note " + k)
                                    .build()));
        }
        return approved;
    }

    /** Records {@code user}'s worse answer to the question of {@code example} and marks it as the rejected one. */
    private static void markWorse(Tuneloop tuneloop, TrainingExample example, String user) {
        InteractionId worse = tuneloop.recorder()
                .log(tuneloop.interaction()
                        .userId("user-" + user)
                        .priorTurns(example.priorTurns())
                        .userMessage(example.userMessage())
                        .assistantResponse(user + " worse answer")
                        .modelUsed(BASE));
        tuneloop.pairMarker().mark(example.id(), worse, "reviewer-" + user, user + " marked note");
    }

    private static dev.tuneloop.record.Interaction interaction(Tuneloop tuneloop, String user, int k) {
        return tuneloop.interaction()
                .userId("user-" + user)
                .sessionId(user + "-session")
                .systemPrompt("You answer questions about " + user + " accounts.")
                .addPriorTurn(Role.USER, user + " earlier question " + k)
                .addPriorTurn(Role.ASSISTANT, user + " earlier answer " + k)
                .userMessage(user + " question " + k + words(k) + "?")
                .assistantResponse(user + " answer " + k + words(k + 1000))
                .addRetrievedDocument("doc-" + k, null, user + " retrieved passage " + k)
                .modelUsed(BASE)
                .putMetadata("account", user + "-account")
                .build();
    }

    private static Set<String> placesHolding(Map<String, List<String>> texts, String marker) {
        Set<String> places = new TreeSet<>();
        texts.forEach((place, values) -> {
            if (values.stream().anyMatch(v -> v != null && v.contains(marker))) {
                places.add(place);
            }
        });
        return places;
    }

    private static List<Path> filesHolding(Path root, String marker) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(marker)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** Words only case {@code k} has, so no two cases are near-duplicates (which the exporter would drop as leaks). */
    private static String words(int k) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < 6; j++) {
            b.append(" w").append(k).append('x').append(j);
        }
        return b.toString();
    }
}
