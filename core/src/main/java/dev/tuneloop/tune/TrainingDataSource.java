package dev.tuneloop.tune;

/**
 * Produces the training file for a launch: exports the approved training-split examples with at least the given
 * quality score, in the format of the given method. The JSONL exporter is the usual implementation; a test can
 * return a prepared file.
 *
 * <p>Failures are request/response failures: throw a {@link dev.tuneloop.TuneloopException} subclass; report
 * per-line problems in {@link PreparedDataset#problems()} instead of throwing.
 */
@FunctionalInterface
public interface TrainingDataSource {

    /**
     * @param minQualityScore the lowest quality score (1-10) to include
     * @param method          supervised (chat transcripts) or DPO (preference pairs)
     */
    PreparedDataset prepare(int minQualityScore, FineTuneMethod method);
}
