package dev.tuneloop.store;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.store.ErasureReport.Location;
import dev.tuneloop.store.ErasureReport.RemainingCopy;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.TrainingFiles;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a user everywhere Tuneloop put their text: the store ({@link Store#eraseUser}: rows and evaluation reports,
 * in one transaction), the training files written for launches in the export directory, and the copies uploaded to
 * the fine-tuning provider.
 *
 * <pre>{@code
 * Erasure erasure = Erasure.builder(store)
 *         .exportDirectory(exportDir)      // where TrainingDataSource.fromExporter writes
 *         .client(fineTuneClient)          // to delete uploaded copies
 *         .build();
 * ErasureReport report = erasure.eraseUser("user-42");
 * report.remaining().forEach(copy -> log.warn("still to remove by hand: {}", copy));
 * }</pre>
 *
 * <p>Steps, in order: (1) the store erases the user and names the erased examples; (2) every training file in the
 * export directory whose manifest ({@link TrainingFiles}) names one of them is rewritten without those lines
 * (atomically), or deleted with {@link Builder#deleteFiles(boolean) deleteFiles(true)}; (3) every model version trained
 * on such a file, or whose dataset snapshot names one of the examples, has the training and validation files of its
 * job deleted at the provider through {@link FineTuneClient#deleteFile}. A file the provider cannot delete, a deletion
 * that fails, and a file that may hold the user's data but cannot be checked are listed in
 * {@link ErasureReport#remaining()} for the operator; later steps still run. The store's erasure is the only step that
 * throws: when it fails, nothing else is touched.
 *
 * <p>What it does not reach: copies outside Tuneloop (the host's own exports, backups, Kafka topics, provider-side
 * checkpoints and fine-tuned weights, which a provider cannot unlearn). A second call for the same user finds no
 * examples left in the store, so files listed as remaining are the operator's to remove (or retry with
 * {@link #deleteProviderFile}).
 *
 * <p>Thread-safe when the store and client are; do not run it while a launch writes into the same directory.
 */
public final class Erasure {
    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    private final Store store;
    private final @Nullable Path exportDirectory;
    private final @Nullable FineTuneClient client;
    private final boolean deleteFiles;

    private Erasure(Builder b) {
        this.store = b.store;
        this.exportDirectory = b.exportDirectory;
        this.client = b.client;
        this.deleteFiles = b.deleteFiles;
    }

    /**
     * A builder erasing from {@code store}; without an export directory or a client, only the store is erased and the
     * provider files found are listed as remaining.
     *
     * @param store the store
     * @return a new builder
     * @throws NullPointerException when {@code store} is null
     */
    public static Builder builder(Store store) {
        return new Builder(store);
    }

    /**
     * Erases the user from the store, the export directory and the provider (see the class comment).
     *
     * @param userId the host's user id, exactly as recorded
     * @return what was erased, with what remains for the operator
     * @throws dev.tuneloop.errors.ValidationException when {@code userId} is blank
     * @throws TuneloopException when the store's erasure fails (then nothing was erased), or the export directory
     *     cannot be listed (then the store's part is done; call again after fixing it: the files are found by the
     *     examples named in the lineage only on the first call, so prefer fixing permissions before erasing)
     */
    public ErasureReport eraseUser(String userId) {
        Checks.start().text("userId", userId, true, Integer.MAX_VALUE).orThrow();
        ErasureReport stored = store.eraseUser(userId);
        List<ExampleId> erased = stored.exampleIds();
        if (erased.isEmpty()) {
            return stored;
        }
        ErasureReport.Builder report = stored.toBuilder();
        Set<String> datasets = new HashSet<>();
        if (exportDirectory != null) {
            TrainingFiles.Result files = TrainingFiles.erase(exportDirectory, erased, deleteFiles);
            files.rewritten().forEach(report::fileRewritten);
            files.deleted().forEach(report::fileDeleted);
            datasets.addAll(files.datasetSha256s());
            for (Map.Entry<Path, String> e : files.unchecked().entrySet()) {
                report.remaining(
                        new RemainingCopy(Location.LOCAL_FILE, e.getKey().toString(), e.getValue()));
            }
        }
        for (String fileId : providerFiles(erased, datasets)) {
            providerFile(fileId, report);
        }
        ErasureReport done = report.build();
        LOG.info(
                "erased a user: {} interactions, {} examples, {} evaluation cases, {} files rewritten, {} deleted,"
                        + " {} provider files deleted, {} copies remaining",
                done.interactions(),
                done.examples(),
                done.evaluationCases(),
                done.filesRewritten().size(),
                done.filesDeleted().size(),
                done.providerFilesDeleted().size(),
                done.remaining().size());
        return done;
    }

    /**
     * Deletes one uploaded file at the provider, e.g. one that an earlier erasure listed as remaining.
     *
     * @param fileId the provider's file id
     * @return true when deleted, false when the provider has no such file
     * @throws IllegalStateException when this erasure has no client
     * @throws UnsupportedOperationException when the provider cannot delete files
     */
    public boolean deleteProviderFile(String fileId) {
        if (client == null) {
            throw new IllegalStateException("this Erasure has no FineTuneClient; build it with client(…)");
        }
        return client.deleteFile(fileId);
    }

    /** The uploaded training and validation files of every version trained on one of the erased examples. */
    private Set<String> providerFiles(List<ExampleId> erased, Set<String> datasets) {
        Set<ExampleId> ids = new HashSet<>(erased);
        Set<String> fileIds = new LinkedHashSet<>();
        for (ModelVersion v : store.registry().versions()) {
            boolean holds = datasets.contains(v.dataset().contentSha256())
                    || v.dataset().exampleIds().stream().anyMatch(ids::contains);
            String jobId = v.jobId();
            if (!holds || jobId == null) {
                continue;
            }
            Optional<FineTuneJob> job = store.jobs().find(jobId);
            if (job.isEmpty()) {
                continue;
            }
            fileIds.add(job.get().trainingFileId());
            String validation = job.get().validationFileId();
            if (validation != null) {
                fileIds.add(validation);
            }
        }
        return fileIds;
    }

    private void providerFile(String fileId, ErasureReport.Builder report) {
        FineTuneClient c = client;
        if (c == null) {
            report.remaining(
                    new RemainingCopy(Location.PROVIDER_FILE, fileId, "no FineTuneClient was given to delete it with"));
            return;
        }
        try {
            if (c.deleteFile(fileId)) {
                report.providerFileDeleted(fileId);
            }
            // false: the provider no longer has it (deleted earlier, or expired)
        } catch (UnsupportedOperationException e) {
            report.remaining(new RemainingCopy(
                    Location.PROVIDER_FILE, fileId, "the provider cannot delete uploaded files through its API"));
        } catch (TuneloopException e) {
            report.remaining(new RemainingCopy(
                    Location.PROVIDER_FILE,
                    fileId,
                    "deleting failed with " + e.getClass().getSimpleName()
                            + (e instanceof dev.tuneloop.errors.RetriableException ? "; retry later" : "")));
        }
    }

    @Override
    public String toString() {
        return "Erasure[store=" + store + ", exportDirectory=" + exportDirectory + ", client="
                + (client == null ? "none" : client.getClass().getSimpleName()) + ", deleteFiles=" + deleteFiles + "]";
    }

    /** Builds an {@link Erasure}. Setters throw {@link NullPointerException} for a null argument. Not thread-safe. */
    public static final class Builder {
        /** Rewrite affected files rather than delete them, unless told otherwise. */
        public static final boolean DEFAULT_DELETE_FILES = false;

        private final Store store;
        private @Nullable Path exportDirectory;
        private @Nullable FineTuneClient client;
        private boolean deleteFiles = DEFAULT_DELETE_FILES;

        private Builder(Store store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * The directory given to {@link dev.tuneloop.tune.TrainingDataSource#fromExporter} (default none: no local
         * files are touched).
         *
         * @param directory the export directory
         * @return this builder
         */
        public Builder exportDirectory(Path directory) {
            this.exportDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The provider the training files were uploaded to (default none: the files found are listed as remaining).
         *
         * @param client the fine-tuning client
         * @return this builder
         */
        public Builder client(FineTuneClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Whether affected local files are deleted with their manifests instead of rewritten without the user's lines
         * (default {@value #DEFAULT_DELETE_FILES}).
         *
         * @param deleteFiles delete instead of rewrite
         * @return this builder
         */
        public Builder deleteFiles(boolean deleteFiles) {
            this.deleteFiles = deleteFiles;
            return this;
        }

        /**
         * Builds the erasure.
         *
         * @return a new erasure
         */
        public Erasure build() {
            return new Erasure(this);
        }
    }
}
