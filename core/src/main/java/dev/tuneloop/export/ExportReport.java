package dev.tuneloop.export;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an export wrote, skipped and found, with the estimates the seed's Phase 3 asks for. JSON-serializable
 * (Jackson); maps are keyed by enum names or PII type names.
 *
 * @param format                  the lines' format
 * @param baseModel               the model the estimates are for
 * @param effectiveMinQuality     the minimum score applied: the one asked for, but never below 5
 * @param scanned                 approved examples read from the store (holdout ones included)
 * @param written                 lines written to the training output
 * @param validationWritten       lines written to the validation output (0 without a split)
 * @param skipped                 examples not written, by reason (every reason present, 0 when none)
 * @param bytesWritten            bytes written to all outputs
 * @param tokens                  token counts of the training output
 * @param epochs                  the epochs the estimate uses: as configured, or OpenAI's "auto" choice
 * @param autoEpochs              whether {@code epochs} is the "auto" choice
 * @param estimatedTrainingTokens billed tokens per epoch ({@link TokenStats#billing()}) × epochs
 * @param estimatedCostUsd        estimated training cost in dollars; null when the price table has no price for the
 *                                base model
 * @param estimatedTrainingTime   rough job duration from the seed's table
 * @param redacted                whether PII redaction was applied
 * @param redactions              redactions made, by PII type
 * @param validation              what validating the training output found (the exporter validates every line it
 *                                writes)
 * @param validationFileValidation what validating the validation output found; null without a split
 * @param rated                   the rated, never-reviewed interactions a KTO export added
 *                                ({@link ExportOptions#includeRatedInteractions()}); all zero otherwise
 * @param marked                  the reviewer-marked pairs a preference export wrote and left out
 *                                ({@link ExportOptions#includeMarkedPairs()}); all zero otherwise
 */
public record ExportReport(
        ExportFormat format,
        String baseModel,
        int effectiveMinQuality,
        long scanned,
        long written,
        long validationWritten,
        Map<SkipReason, Long> skipped,
        long bytesWritten,
        TokenStats tokens,
        int epochs,
        boolean autoEpochs,
        long estimatedTrainingTokens,
        @Nullable BigDecimal estimatedCostUsd,
        TimeEstimate estimatedTrainingTime,
        boolean redacted,
        Map<String, Long> redactions,
        ValidationResult validation,
        @Nullable ValidationResult validationFileValidation,
        RatedInteractions rated,
        MarkedPairs marked) {
    /**
     * Copies the maps.
     *
     * @param format                  the lines' format
     * @param baseModel               the model the estimates are for
     * @param effectiveMinQuality     the minimum score applied: the one asked for, but never below 5
     * @param scanned                 approved examples read from the store (holdout ones included)
     * @param written                 lines written to the training output
     * @param validationWritten       lines written to the validation output (0 without a split)
     * @param skipped                 examples not written, by reason (every reason present, 0 when none)
     * @param bytesWritten            bytes written to all outputs
     * @param tokens                  token counts of the training output
     * @param epochs                  the epochs the estimate uses: as configured, or OpenAI's "auto" choice
     * @param autoEpochs              whether {@code epochs} is the "auto" choice
     * @param estimatedTrainingTokens billed tokens per epoch ({@link TokenStats#billing()}) × epochs
     * @param estimatedCostUsd        estimated training cost in dollars; null when the price table has no price for the
     *                                base model
     * @param estimatedTrainingTime   rough job duration from the seed's table
     * @param redacted                whether PII redaction was applied
     * @param redactions              redactions made, by PII type
     * @param validation              what validating the training output found (the exporter validates every line it
     *                                writes)
     * @param validationFileValidation what validating the validation output found; null without a split
     * @param rated                   the rated interactions a KTO export added; all zero otherwise
     * @param marked                  the reviewer-marked pairs written and left out; all zero otherwise
     * @throws NullPointerException when a component other than estimatedCostUsd and validationFileValidation is null
     */
    public ExportReport {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(baseModel, "baseModel");
        skipped = Map.copyOf(skipped);
        redactions = Map.copyOf(redactions);
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(estimatedTrainingTime, "estimatedTrainingTime");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(rated, "rated");
        Objects.requireNonNull(marked, "marked");
    }

    /**
     * How many examples were skipped for a reason.
     *
     * @param reason the reason
     * @return the count; 0 when none
     */
    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    /**
     * The 👍/👎 signal a KTO export took from interactions nobody reviewed. Lines written are also counted in
     * {@link ExportReport#written()} and in the validation's {@link ValidationResult#desirable()} and
     * {@link ValidationResult#undesirable()}, which give the whole file's balance.
     *
     * @param desirable       lines written for interactions whose latest rating is 👍 (label {@code true})
     * @param undesirable     lines written for interactions whose latest rating is 👎 (label {@code false})
     * @param alreadyReviewed rated interactions left out because they have an example (their example is exported
     *                        by its own rules, so no interaction is counted twice)
     * @param leaks           rated interactions left out as near-duplicates of a holdout example (also counted in
     *                        {@link SkipReason#HOLDOUT_NEAR_DUPLICATE})
     */
    public record RatedInteractions(long desirable, long undesirable, long alreadyReviewed, long leaks) {
        /** No rated interaction added (the option is off). */
        public static final RatedInteractions NONE = new RatedInteractions(0, 0, 0, 0);
    }

    /**
     * The pairs reviewers marked ({@link dev.tuneloop.curate.PreferencePair}) that a preference export took. Each is
     * written as one line beside its example's edit pair, so lines written are also counted in
     * {@link ExportReport#written()} (or {@link ExportReport#validationWritten()}); a pair whose example is not written
     * (held out, filtered, a leak) is neither written nor counted here.
     *
     * @param written    lines written for marked pairs
     * @param leaks      marked pairs left out although their example was written: the rejected answer came from a
     *                   holdout example's interaction, or the prompt with the chosen or the rejected answer is a
     *                   near-duplicate of a holdout example (also counted in {@link SkipReason#HOLDOUT_NEAR_DUPLICATE})
     * @param duplicates marked pairs left out because the example's line already holds the same two answers (its edit
     *                   pair, or an earlier marked pair with answers equal to this one's)
     */
    public record MarkedPairs(long written, long leaks, long duplicates) {
        /** No marked pair taken (the option is off). */
        public static final MarkedPairs NONE = new MarkedPairs(0, 0, 0);
    }
}
