package dev.tuneloop.tune;

import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link FineTuneLauncher} flow, step by step. */
final class DefaultFineTuneLauncher implements FineTuneLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultFineTuneLauncher.class);

    private final FineTuneClient client;
    private final JobStore jobs;
    private final ModelRegistry registry;
    private final TrainingDataSource data;
    private final ReadinessGate readiness;
    private final Clock clock;
    private final JobWatcher watcher;

    DefaultFineTuneLauncher(FineTuneLauncher.Builder b) {
        this.client = b.client;
        this.jobs = b.jobs;
        this.registry = b.registry;
        this.data = b.data;
        this.readiness = b.readiness;
        this.clock = b.clock;
        this.watcher = b.watcher;
    }

    @Override
    public Launch launch(LaunchRequest request) {
        Objects.requireNonNull(request, "request");
        // validate the settings (suffix, beta with method, …) before any work
        request.toRequest("file-pending", null);

        ReadinessVerdict verdict = Objects.requireNonNull(readiness.check(), "readiness verdict");
        if (!verdict.passed()) {
            if (!request.force()) {
                throw new NotReadyException(verdict.failures());
            }
            LOG.warn(
                    "launching despite {} failing readiness checks (forced)",
                    verdict.failures().size());
        }

        PreparedDataset dataset =
                Objects.requireNonNull(data.prepare(request.minQualityScore(), request.method()), "prepared dataset");
        long lines = validate(dataset, request.method());
        DatasetSnapshot snapshot = new DatasetSnapshot(
                DatasetSnapshot.sha256(dataset.trainingFile()), Math.toIntExact(lines), dataset.exampleIds());

        UploadedFile training = client.upload(dataset.trainingFile());
        UploadedFile validation = dataset.validationFile() == null ? null : client.upload(dataset.validationFile());
        FineTuneJob job = client.create(request.toRequest(training.id(), validation == null ? null : validation.id()));

        ModelVersion version;
        try {
            jobs.save(job);
            version = registry.register(
                    new NewModelVersion(clock.instant(), request.baseModel(), snapshot, job.id(), request.notes()));
        } catch (RuntimeException e) {
            // the provider has the job; say so, so the caller can record or cancel it
            throw new TuneloopException(
                    "job " + job.id() + " was created at the provider but recording it in the"
                            + " model registry failed; record it or cancel it",
                    e);
        }
        if (watcher != null) {
            watcher.watch(job);
        }
        LOG.info(
                "launched job {} for model version {} ({} examples)",
                job.id(),
                version.version(),
                snapshot.exampleCount());
        return new Launch(job, version, training, validation, verdict);
    }

    /** @return the training file's line count (one example each) */
    private static long validate(PreparedDataset dataset, FineTuneMethod method) {
        List<String> problems = new ArrayList<>(dataset.problems());
        // without example ids only the line count cannot be cross-checked; the file must still have lines
        int expectedLines =
                dataset.exampleIds().isEmpty() ? -1 : dataset.exampleIds().size();
        long lines = checkFile(dataset.trainingFile(), "trainingFile", method, expectedLines, problems);
        if (dataset.validationFile() != null) {
            checkFile(dataset.validationFile(), "validationFile", method, -1, problems);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (dataset.exampleIds().isEmpty()) {
            LOG.warn("the training data source did not name its examples; model version lineage keeps the"
                    + " file's SHA-256 and line count only");
        }
        return lines;
    }

    private static long checkFile(
            Path file, String field, FineTuneMethod method, int expectedLines, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(field + " must be an existing file, but " + file + " is not");
            return 0;
        }
        JsonlShape.Result r = JsonlShape.check(file, method);
        problems.addAll(r.problems());
        if (r.lines() == 0) {
            problems.add(field + " " + file.getFileName() + " must not be empty");
        } else if (expectedLines >= 0 && r.lines() != expectedLines) {
            problems.add(field + " " + file.getFileName() + " has " + r.lines() + " lines but the dataset names "
                    + expectedLines + " examples (one line each)");
        }
        return r.lines();
    }
}
