package dev.tuneloop.tune;

import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.JsonlExporter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Produces the training file for a launch: exports the approved training-split examples with at least the given
 * quality score, in the format of the given method. The JSONL exporter is the usual implementation; a test can
 * return a prepared file.
 *
 * <p>Failures are request/response failures: throw a {@link dev.tuneloop.errors.TuneloopException} subclass; report
 * per-line problems in {@link PreparedDataset#problems()} instead of throwing.
 */
@FunctionalInterface
public interface TrainingDataSource {

    /**
     * Writes the training file (and optionally a validation file) for one launch.
     *
     * @param minQualityScore the lowest quality score (1-10) to include
     * @param method          supervised (chat transcripts) or DPO (preference pairs)
     * @return the file(s), the example ids in line order when known, and the problems found
     * @throws dev.tuneloop.errors.TuneloopException when the data cannot be produced
     */
    PreparedDataset prepare(int minQualityScore, FineTuneMethod method);

    /**
     * The training file of an earlier launch, for {@link FineTuneLauncher#relaunch}: a file whose SHA-256 is the
     * snapshot's, with the snapshot's example ids. The default has none; {@link #fromExporter} looks among the files it
     * wrote in its directory.
     *
     * @param snapshot the dataset of a model version
     * @return the file and ids; empty when this source no longer has it
     * @throws dev.tuneloop.errors.TuneloopException when the files cannot be read
     */
    default Optional<PreparedDataset> reproduce(DatasetSnapshot snapshot) {
        return Optional.empty();
    }

    /**
     * The format of the lines {@link #prepare} writes for a method; the launcher checks every line of the file against
     * that format's rules. The default is OpenAI's format of the method ({@link ExportFormat#SUPERVISED} or
     * {@link ExportFormat#PREFERENCE}); {@link #fromExporter} answers the preset its options chose when that preset holds
     * the method's kind of examples (e.g. {@link ExportFormat#GEMINI_SFT} for a supervised job on Vertex AI).
     *
     * @param method supervised or DPO
     * @return the format of the training file
     * @throws dev.tuneloop.errors.ValidationException for a method that has no export format (REINFORCEMENT)
     */
    default ExportFormat format(FineTuneMethod method) {
        return ExporterTrainingDataSource.openAiFormat(method);
    }

    /**
     * Exports with {@code exporter} into a new file in {@code directory} at every launch ({@code sft-<uuid>.jsonl}
     * or {@code dpo-<uuid>.jsonl}, plus {@code -validation.jsonl} when the options ask for a validation share).
     * {@code options} sets everything else (base model, system prompt, categories, redaction, validation share…); the
     * launch request's minimum quality and method always win: a format set in {@code options} is kept when it holds the
     * method's kind of examples ({@link ExportFormat#GEMINI_SFT} or {@link ExportFormat#TRL_SFT} for SUPERVISED,
     * {@link ExportFormat#GEMINI_PREFERENCE} or {@link ExportFormat#TRL_DPO} for DPO), else the method's OpenAI format
     * is written. The exporter's errors become the dataset's problems, so
     * the launcher refuses the file.
     *
     * <p>The model version's snapshot gets the file's SHA-256 and the ids of the examples written to the training file
     * (in file order), so a version can name exactly what it was trained on. Beside each file it writes a manifest
     * of the example on each line ({@link TrainingFiles}), so that erasing a user can rewrite the files later.
     *
     * @param exporter  the exporter
     * @param directory where the files are written (created when missing)
     * @param options   sets the export options other than minimum quality and format
     * @return the data source
     * @throws NullPointerException when an argument is null
     */
    static TrainingDataSource fromExporter(
            JsonlExporter exporter, Path directory, Consumer<ExportOptions.Builder> options) {
        return new ExporterTrainingDataSource(exporter, directory, options);
    }

    /**
     * {@link #fromExporter(JsonlExporter, Path, Consumer)} with the exporter's default options.
     *
     * @param exporter  the exporter
     * @param directory where the files are written (created when missing)
     * @return the data source
     * @throws NullPointerException when an argument is null
     */
    static TrainingDataSource fromExporter(JsonlExporter exporter, Path directory) {
        return new ExporterTrainingDataSource(exporter, directory, b -> {});
    }
}
