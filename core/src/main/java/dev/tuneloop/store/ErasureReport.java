package dev.tuneloop.store;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.Checks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What erasing a user touched: {@link Store#eraseUser} fills the store's part (rows erased, evaluation reports
 * amended), {@link Erasure#eraseUser} adds the files Tuneloop wrote and the copies uploaded to the provider, and lists
 * every copy that still holds the user's data for the operator ({@link #remaining()}). Holds no user id and no text
 * (example ids and file names are not personal data), so it can be logged. Immutable.
 *
 * <p>Built with {@link #builder()}; stores in other modules fill it the same way.
 *
 * @param interactions         interactions erased
 * @param feedbackEvents       feedback events erased (ratings, edits, follow-ups), including events that had arrived
 *                             without their interaction
 * @param examples             reviewed examples erased
 * @param revisions            revisions of those examples erased
 * @param evaluationCases      holdout cases redacted in evaluation reports of model versions
 * @param reportsAmended       evaluation reports amended (each marked {@code amended})
 * @param preferencePairs      marked preference pairs erased (those of the user's examples and those whose rejected
 *                             answer was the user's)
 * @param exampleIds           the ids of the erased examples (lineage keeps them; they find the files that held them)
 * @param filesRewritten       local training files rewritten without the user's lines
 * @param filesDeleted         local training files deleted (with their id manifests)
 * @param providerFilesDeleted uploaded files deleted at the provider, by provider file id
 * @param remaining            copies that may still hold the user's data, for the operator; empty when erasure reached
 *                             every copy Tuneloop knows of
 */
public record ErasureReport(
        int interactions,
        int feedbackEvents,
        int examples,
        int revisions,
        int evaluationCases,
        int reportsAmended,
        int preferencePairs,
        List<ExampleId> exampleIds,
        List<Path> filesRewritten,
        List<Path> filesDeleted,
        List<String> providerFilesDeleted,
        List<RemainingCopy> remaining) {

    /** Nothing was erased. */
    public static final ErasureReport NONE = builder().build();

    /**
     * Validates the counts and copies the lists.
     *
     * @param interactions         interactions erased
     * @param feedbackEvents       feedback events erased
     * @param examples             reviewed examples erased
     * @param revisions            revisions of those examples erased
     * @param evaluationCases      holdout cases redacted in evaluation reports
     * @param reportsAmended       evaluation reports amended
     * @param preferencePairs      marked preference pairs erased
     * @param exampleIds           the ids of the erased examples
     * @param filesRewritten       local files rewritten without the user's lines
     * @param filesDeleted         local files deleted
     * @param providerFilesDeleted provider file ids deleted
     * @param remaining            copies that may still hold the user's data
     * @throws dev.tuneloop.errors.ValidationException when a count is negative or a list is null
     */
    public ErasureReport {
        Checks.start()
                .require(interactions >= 0, "interactions must be >= 0, but was " + interactions)
                .require(feedbackEvents >= 0, "feedbackEvents must be >= 0, but was " + feedbackEvents)
                .require(examples >= 0, "examples must be >= 0, but was " + examples)
                .require(revisions >= 0, "revisions must be >= 0, but was " + revisions)
                .require(evaluationCases >= 0, "evaluationCases must be >= 0, but was " + evaluationCases)
                .require(reportsAmended >= 0, "reportsAmended must be >= 0, but was " + reportsAmended)
                .require(preferencePairs >= 0, "preferencePairs must be >= 0, but was " + preferencePairs)
                .require(exampleIds != null, "exampleIds is required (use an empty list), but was null")
                .require(filesRewritten != null, "filesRewritten is required (use an empty list), but was null")
                .require(filesDeleted != null, "filesDeleted is required (use an empty list), but was null")
                .require(
                        providerFilesDeleted != null,
                        "providerFilesDeleted is required (use an empty list), but was null")
                .require(remaining != null, "remaining is required (use an empty list), but was null")
                .orThrow();
        exampleIds = List.copyOf(exampleIds);
        filesRewritten = List.copyOf(filesRewritten);
        filesDeleted = List.copyOf(filesDeleted);
        providerFilesDeleted = List.copyOf(providerFilesDeleted);
        remaining = List.copyOf(remaining);
    }

    /**
     * A builder with every count zero and every list empty.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this report's values, to add to it.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder()
                .interactions(interactions)
                .feedbackEvents(feedbackEvents)
                .examples(examples)
                .revisions(revisions)
                .evaluationCases(evaluationCases)
                .reportsAmended(reportsAmended)
                .preferencePairs(preferencePairs)
                .exampleIds(exampleIds);
        b.filesRewritten.addAll(filesRewritten);
        b.filesDeleted.addAll(filesDeleted);
        b.providerFilesDeleted.addAll(providerFilesDeleted);
        b.remaining.addAll(remaining);
        return b;
    }

    /**
     * Whether anything was erased or is listed.
     *
     * @return true when every count is zero and every list empty
     */
    public boolean isEmpty() {
        return interactions == 0
                && feedbackEvents == 0
                && examples == 0
                && revisions == 0
                && evaluationCases == 0
                && reportsAmended == 0
                && preferencePairs == 0
                && exampleIds.isEmpty()
                && filesRewritten.isEmpty()
                && filesDeleted.isEmpty()
                && providerFilesDeleted.isEmpty()
                && remaining.isEmpty();
    }

    /**
     * Whether erasure reached every copy Tuneloop knows of.
     *
     * @return true when {@link #remaining()} is empty
     */
    public boolean complete() {
        return remaining.isEmpty();
    }

    /** Where a copy that erasure could not remove is kept. */
    public enum Location {
        /** A file on this machine; {@link RemainingCopy#id()} is its path. */
        LOCAL_FILE,
        /** A file uploaded to the fine-tuning provider; {@link RemainingCopy#id()} is the provider's file id. */
        PROVIDER_FILE
    }

    /**
     * A copy that may still hold the erased user's data, for the operator to remove.
     *
     * @param location where it is kept; never null
     * @param id       the file's path or the provider's file id; never blank
     * @param reason   why erasure did not remove it (never the content); never blank
     */
    public record RemainingCopy(Location location, String id, String reason) {
        /**
         * Validates the parts.
         *
         * @param location where it is kept; never null
         * @param id       the file's path or the provider's file id; never blank
         * @param reason   why erasure did not remove it; never blank
         * @throws dev.tuneloop.errors.ValidationException when a part breaks its rule
         */
        public RemainingCopy {
            Checks.start()
                    .require(location != null, "location is required, but was null")
                    .text("id", id, true, 4096)
                    .text("reason", reason, true, 4096)
                    .orThrow();
        }
    }

    /** Builds an {@link ErasureReport}; counts start at zero, lists empty. Not thread-safe. */
    public static final class Builder {
        private int interactions;
        private int feedbackEvents;
        private int examples;
        private int revisions;
        private int evaluationCases;
        private int reportsAmended;
        private int preferencePairs;
        private List<ExampleId> exampleIds = List.of();
        private final List<Path> filesRewritten = new ArrayList<>();
        private final List<Path> filesDeleted = new ArrayList<>();
        private final List<String> providerFilesDeleted = new ArrayList<>();
        private final List<RemainingCopy> remaining = new ArrayList<>();

        private Builder() {}

        /**
         * Interactions erased.
         *
         * @param n the count, &ge; 0
         * @return this builder
         */
        public Builder interactions(int n) {
            this.interactions = n;
            return this;
        }

        /**
         * Feedback events erased.
         *
         * @param n the count, &ge; 0
         * @return this builder
         */
        public Builder feedbackEvents(int n) {
            this.feedbackEvents = n;
            return this;
        }

        /**
         * Reviewed examples erased.
         *
         * @param n the count, &ge; 0
         * @return this builder
         */
        public Builder examples(int n) {
            this.examples = n;
            return this;
        }

        /**
         * Example revisions erased.
         *
         * @param n the count, &ge; 0
         * @return this builder
         */
        public Builder revisions(int n) {
            this.revisions = n;
            return this;
        }

        /**
         * Holdout cases redacted in evaluation reports.
         *
         * @param n the count, &ge; 0
         * @return this builder
         */
        public Builder evaluationCases(int n) {
            this.evaluationCases = n;
            return this;
        }

        /**
         * Evaluation reports amended.
         *
         * @param n the count, &ge; 0
         * @return this builder
         */
        public Builder reportsAmended(int n) {
            this.reportsAmended = n;
            return this;
        }

        /**
         * Marked preference pairs erased.
         *
         * @param n the count, &ge; 0
         * @return this builder
         */
        public Builder preferencePairs(int n) {
            this.preferencePairs = n;
            return this;
        }

        /**
         * The ids of the erased examples.
         *
         * @param ids the ids; copied
         * @return this builder
         */
        public Builder exampleIds(List<ExampleId> ids) {
            this.exampleIds = List.copyOf(ids);
            return this;
        }

        /**
         * Adds a local file rewritten without the user's lines.
         *
         * @param file the file
         * @return this builder
         */
        public Builder fileRewritten(Path file) {
            filesRewritten.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Adds a local file deleted.
         *
         * @param file the file
         * @return this builder
         */
        public Builder fileDeleted(Path file) {
            filesDeleted.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Adds a file deleted at the provider.
         *
         * @param fileId the provider's file id
         * @return this builder
         */
        public Builder providerFileDeleted(String fileId) {
            providerFilesDeleted.add(Objects.requireNonNull(fileId, "fileId"));
            return this;
        }

        /**
         * Adds a copy that may still hold the user's data.
         *
         * @param copy the copy
         * @return this builder
         */
        public Builder remaining(RemainingCopy copy) {
            remaining.add(Objects.requireNonNull(copy, "copy"));
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report
         * @throws dev.tuneloop.errors.ValidationException when a count is negative
         */
        public ErasureReport build() {
            return new ErasureReport(
                    interactions,
                    feedbackEvents,
                    examples,
                    revisions,
                    evaluationCases,
                    reportsAmended,
                    preferencePairs,
                    exampleIds,
                    filesRewritten,
                    filesDeleted,
                    providerFilesDeleted,
                    remaining);
        }
    }
}
