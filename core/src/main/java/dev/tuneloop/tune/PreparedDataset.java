package dev.tuneloop.tune;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.Checks;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A training file ready to upload, as a {@link TrainingDataSource} produced it (typically from the JSONL exporter).
 *
 * @param trainingFile   the JSONL file, one example per line; never null
 * @param validationFile an optional validation JSONL file; null when none
 * @param exampleIds     the examples in the training file, in line order (one line each); empty when the producer
 *                       cannot tell which examples it wrote (then only the content hash identifies the data); never
 *                       null
 * @param problems       problems the producer found (with line numbers, never content); empty when clean; never null
 */
public record PreparedDataset(
        Path trainingFile, @Nullable Path validationFile, List<ExampleId> exampleIds, List<String> problems) {
    /**
     * Validates the parts and copies the lists.
     *
     * @param trainingFile   the JSONL file, one example per line; never null
     * @param validationFile an optional validation JSONL file; null when none
     * @param exampleIds     the examples in the training file, in line order (one line each); empty when the producer
     *                       cannot tell which examples it wrote (then only the content hash identifies the data); never
     *                       null
     * @param problems       problems the producer found (with line numbers, never content); empty when clean; never null
     * @throws dev.tuneloop.errors.ValidationException listing every problem with the arguments
     */
    public PreparedDataset {
        Checks.start()
                .require(trainingFile != null, "trainingFile is required, but was null")
                .require(exampleIds != null, "exampleIds is required, but was null")
                .require(problems != null, "problems is required (use an empty list), but was null")
                .orThrow();
        exampleIds = List.copyOf(exampleIds);
        problems = List.copyOf(problems);
        Checks.start()
                .require(
                        new HashSet<>(exampleIds).size() == exampleIds.size(), "exampleIds must not contain duplicates")
                .orThrow();
    }

    /**
     * A clean dataset without a validation file.
     *
     * @param trainingFile the JSONL file, one example per line
     * @param exampleIds   the examples in the file, in line order; empty when unknown
     * @return the dataset
     * @throws dev.tuneloop.errors.ValidationException when an argument breaks a rule
     */
    public static PreparedDataset of(Path trainingFile, List<ExampleId> exampleIds) {
        return new PreparedDataset(trainingFile, null, exampleIds, List.of());
    }
}
