package dev.tuneloop.tune;

import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.JsonlValidator;
import dev.tuneloop.export.TokenLimits;
import dev.tuneloop.export.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link FineTuneLauncher} flow, step by step. */
final class DefaultFineTuneLauncher implements FineTuneLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultFineTuneLauncher.class);
    /** The most line problems listed per file; the rest are counted in one more line. */
    private static final int MAX_LISTED_PROBLEMS = 50;
    /**
     * The export validator, for structure only: the minimum example count is the readiness checklist's and the token
     * limits are the exporter's (with the host's table) and the provider's, so neither refuses a launch here.
     */
    private static final JsonlValidator STRUCTURE = JsonlValidator.builder()
            .minExamples(0)
            .tokenLimits(TokenLimits.builder().fallback(Integer.MAX_VALUE).build())
            .build();

    /** As {@link #STRUCTURE}, with a TRL or Gemini preset's rules. */
    private static JsonlValidator structure(ExportFormat preset) {
        return JsonlValidator.builder()
                .minExamples(0)
                .tokenLimits(TokenLimits.builder().fallback(Integer.MAX_VALUE).build())
                .format(preset)
                .build();
    }

    private final FineTuneClient client;
    private final JobStore jobs;
    private final ModelRegistry registry;
    private final TrainingDataSource data;
    private final ReadinessGate readiness;
    private final Clock clock;
    private final ModelLifecycle lifecycle;
    private final @Nullable JobWatcher watcher;

    DefaultFineTuneLauncher(FineTuneLauncher.Builder b) {
        this.client = b.client;
        this.jobs = b.jobs;
        this.registry = b.registry;
        this.data = b.data;
        this.readiness = b.readiness;
        this.clock = b.clock;
        this.lifecycle = b.lifecycle;
        this.watcher = b.watcher;
    }

    @Override
    public Launch launch(LaunchRequest request) {
        Objects.requireNonNull(request, "request");
        // validate the settings (suffix, beta with method, …) before any work
        request.toRequest("file-pending", null);
        // a provider that no longer takes jobs on the base model refuses before anything is exported or uploaded
        lifecycle.checkJobCreation(client.provider(), request.baseModel(), clock.instant());

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
        long lines = validate(dataset, request.method(), data.format(request.method()));
        DatasetSnapshot snapshot = new DatasetSnapshot(
                DatasetSnapshot.sha256(dataset.trainingFile()), Math.toIntExact(lines), dataset.exampleIds());

        UploadedFile training = client.upload(dataset.trainingFile());
        Path validationFile = dataset.validationFile();
        UploadedFile validation = validationFile == null ? null : client.upload(validationFile);
        FineTuneJob job = client.create(request.toRequest(training.id(), validation == null ? null : validation.id()));

        ModelVersion version = record(job, request, snapshot, client.provider(), null);
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

    @Override
    public Launch relaunch(String version, FineTuneClient target, LaunchRequest request) {
        Objects.requireNonNull(version, "version");
        ModelVersion parent = registry.getVersion(version);
        DatasetSnapshot snapshot = parent.dataset();
        PreparedDataset dataset = data.reproduce(snapshot)
                .orElseThrow(() -> new NotFoundException("the training file of model version " + version + " (sha256 "
                        + snapshot.contentSha256() + ", " + snapshot.exampleCount() + " examples) is no longer"
                        + " available from the training data source; pass the file to relaunch(version, target,"
                        + " request, trainingFile)"));
        return relaunch(parent, target, request, dataset.trainingFile());
    }

    @Override
    public Launch relaunch(String version, FineTuneClient target, LaunchRequest request, Path trainingFile) {
        Objects.requireNonNull(version, "version");
        return relaunch(registry.getVersion(version), target, request, trainingFile);
    }

    private Launch relaunch(ModelVersion parent, FineTuneClient target, LaunchRequest request, Path trainingFile) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(trainingFile, "trainingFile");
        request.toRequest("file-pending", null);
        lifecycle.checkJobCreation(target.provider(), request.baseModel(), clock.instant());
        DatasetSnapshot snapshot = parent.dataset();
        if (!Files.isRegularFile(trainingFile)) {
            throw new ValidationException("trainingFile must be an existing file, but " + trainingFile + " is not");
        }
        String sha256 = DatasetSnapshot.sha256(trainingFile);
        if (!sha256.equals(snapshot.contentSha256())) {
            throw new ValidationException("trainingFile " + trainingFile.getFileName() + " must hold model version "
                    + parent.version() + "'s exact dataset (sha256 " + snapshot.contentSha256()
                    + "), but its sha256 is "
                    + sha256);
        }
        validate(
                new PreparedDataset(trainingFile, null, snapshot.exampleIds(), List.of()),
                request.method(),
                data.format(request.method()));

        UploadedFile training = target.upload(trainingFile);
        FineTuneJob job = target.create(request.toRequest(training.id(), null));
        ModelVersion version = record(job, request, snapshot, target.provider(), parent.version());
        LOG.info(
                "relaunched model version {}'s dataset at {} as job {} for model version {}",
                parent.version(),
                target.provider(),
                job.id(),
                version.version());
        ReadinessVerdict verdict = new ReadinessVerdict(
                List.of(),
                List.of("relaunch of model version " + parent.version() + "'s exact dataset: the readiness checklist"
                        + " was not run again"));
        return new Launch(job, version, training, null, verdict);
    }

    /** Saves the job and registers its version; says which job to record or cancel when that fails. */
    private ModelVersion record(
            FineTuneJob job,
            LaunchRequest request,
            DatasetSnapshot snapshot,
            String provider,
            @Nullable String parentVersion) {
        try {
            jobs.save(job);
            return registry.register(new NewModelVersion(
                    clock.instant(),
                    request.baseModel(),
                    snapshot,
                    job.id(),
                    request.notes(),
                    FineTuneClient.UNKNOWN_PROVIDER.equals(provider) ? null : provider,
                    parentVersion));
        } catch (RuntimeException e) {
            // the provider has the job; say so, so the caller can record or cancel it
            throw new TuneloopException(
                    "job " + job.id() + " was created at the provider but recording it in the"
                            + " model registry failed; record it or cancel it",
                    e);
        }
    }

    /** @return the training file's line count (one example each) */
    private static long validate(PreparedDataset dataset, FineTuneMethod method, ExportFormat format) {
        if (!ExporterTrainingDataSource.fits(format, method)) {
            throw new ValidationException("the training data source's format " + words(format) + " must hold "
                    + words(ExporterTrainingDataSource.openAiFormat(method)) + " examples for method " + method);
        }
        List<String> problems = new ArrayList<>(dataset.problems());
        // without example ids only the line count cannot be cross-checked; the file must still have lines
        int expectedLines =
                dataset.exampleIds().isEmpty() ? -1 : dataset.exampleIds().size();
        long lines = checkFile(dataset.trainingFile(), "trainingFile", method, format, expectedLines, problems);
        Path validationFile = dataset.validationFile();
        if (validationFile != null) {
            checkFile(validationFile, "validationFile", method, format, -1, problems);
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

    /** Checks one file with the export validator; adds what is wrong to {@code problems} and returns its lines. */
    private static long checkFile(
            Path file,
            String field,
            FineTuneMethod method,
            ExportFormat expected,
            int expectedLines,
            List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(field + " must be an existing file, but " + file + " is not");
            return 0;
        }
        ValidationResult r;
        try {
            r = (expected.isOpenAi() ? STRUCTURE : structure(expected)).validate(file);
        } catch (TuneloopException e) {
            // the validator throws only when the file cannot be read, never for its content
            @Nullable Throwable cause = e.getCause();
            Throwable why = cause == null ? e : cause;
            problems.add(field + " " + file.getFileName() + " must be a readable file, but reading failed: "
                    + why.getClass().getSimpleName());
            return 0;
        }
        DatasetProblems.addErrors(problems, file, r, MAX_LISTED_PROBLEMS);
        ExportFormat found = r.format();
        if (found != null && found != expected) {
            problems.add(field + " " + file.getFileName() + " holds " + words(found) + " examples, but method " + method
                    + " needs " + words(expected) + " examples");
        }
        if (r.lines() == 0) {
            problems.add(field + " " + file.getFileName() + " must not be empty");
        } else if (expectedLines >= 0 && r.lines() != expectedLines) {
            problems.add(field + " " + file.getFileName() + " has " + r.lines() + " lines but the dataset names "
                    + expectedLines + " examples (one line each)");
        }
        return r.lines();
    }

    private static String words(ExportFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }
}
