package dev.tuneloop.tune;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.export.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@link TrainingDataSource} on the {@link JsonlExporter}: one fresh file (pair) per launch in a directory, each with
 * its example-id manifest ({@link TrainingFiles}).
 */
final class ExporterTrainingDataSource implements TrainingDataSource {
    private final JsonlExporter exporter;
    private final Path directory;
    private final Consumer<ExportOptions.Builder> options;

    ExporterTrainingDataSource(JsonlExporter exporter, Path directory, Consumer<ExportOptions.Builder> options) {
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public PreparedDataset prepare(int minQualityScore, FineTuneMethod method) {
        ExportOptions.Builder b = ExportOptions.builder();
        options.accept(b);
        // the launch request decides quality and the kind of examples, whatever the customizer set; the ids of the
        // examples written to the training file become the model version's lineage
        List<ExampleId> trained = new ArrayList<>();
        List<ExampleId> validated = new ArrayList<>();
        b.minQuality(minQualityScore).format(format(method)).onWritten((id, toValidation) -> {
            (toValidation ? validated : trained).add(id);
        });
        ExportOptions opts = b.build();
        String name = (method == FineTuneMethod.DPO ? "dpo-" : "sft-") + UUID.randomUUID();
        Path train = directory.resolve(name + ".jsonl");
        Path validation = opts.validationShare() > 0 ? directory.resolve(name + "-validation.jsonl") : null;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ValidationException("directory " + directory + " must be creatable, but "
                    + e.getClass().getSimpleName() + " was raised");
        }
        ExportReport report =
                validation == null ? exporter.export(opts, train) : exporter.export(opts, train, validation);
        // manifests name the example on each line, so erasure can remove a user's lines from these files later
        if (Files.isRegularFile(train)) {
            String datasetSha256 = DatasetSnapshot.sha256(train);
            TrainingFiles.writeManifest(train, trained, datasetSha256);
            if (validation != null && Files.isRegularFile(validation)) {
                TrainingFiles.writeManifest(validation, validated, datasetSha256);
            }
        }
        List<String> problems = new ArrayList<>();
        DatasetProblems.addErrors(problems, train, report.validation(), Long.MAX_VALUE);
        ValidationResult validationResult = report.validationFileValidation();
        if (validation != null && validationResult != null) {
            DatasetProblems.addErrors(problems, validation, validationResult, Long.MAX_VALUE);
        }
        return new PreparedDataset(train, validation, trained, problems);
    }

    /** The customizer's format when it holds the method's kind of examples, else the method's OpenAI format. */
    @Override
    public ExportFormat format(FineTuneMethod method) {
        ExportFormat openAi = openAiFormat(method);
        ExportOptions.Builder b = ExportOptions.builder();
        options.accept(b);
        ExportFormat chosen = b.build().format();
        return fits(chosen, method) ? chosen : openAi;
    }

    /** Whether lines of {@code format} hold the examples {@code method} trains on. */
    static boolean fits(ExportFormat format, FineTuneMethod method) {
        return switch (format) {
            case SUPERVISED, TRL_SFT, GEMINI_SFT -> method == FineTuneMethod.SUPERVISED;
            case PREFERENCE, TRL_DPO, GEMINI_PREFERENCE, CHAT_PREFERENCE -> method == FineTuneMethod.DPO;
            case TRL_KTO, CHAT_KTO -> false;
        };
    }

    /** Looks among the {@code .jsonl} training files in the directory (not validation files) for the snapshot's bytes. */
    @Override
    public Optional<PreparedDataset> reproduce(DatasetSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(directory)) {
            candidates = files.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.endsWith(".jsonl") && !n.endsWith("-validation.jsonl") && Files.isRegularFile(f);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ValidationException("directory " + directory + " must be readable, but "
                    + e.getClass().getSimpleName() + " was raised");
        }
        for (Path f : candidates) {
            if (DatasetSnapshot.sha256(f).equals(snapshot.contentSha256())) {
                return Optional.of(PreparedDataset.of(f, snapshot.exampleIds()));
            }
        }
        return Optional.empty();
    }

    /**
     * OpenAI's export format of a method's examples.
     *
     * @throws ValidationException for REINFORCEMENT, which has no export format
     */
    static ExportFormat openAiFormat(FineTuneMethod method) {
        return switch (method) {
            case SUPERVISED -> ExportFormat.SUPERVISED;
            case DPO -> ExportFormat.PREFERENCE;
            case REINFORCEMENT ->
                throw new ValidationException(
                        "method must be SUPERVISED or DPO to export training data, but was " + method);
        };
    }
}
