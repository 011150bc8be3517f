package dev.tuneloop.curate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a training example's history: who changed what, when. Immutable.
 *
 * @param exampleId     the example
 * @param version       the example's version after the change (1 for the first review)
 * @param at            when
 * @param reviewer      who; never null (may be "unknown")
 * @param changedFields the fields that changed, e.g. {@code ["quality", "improvedResponse"]}; for version 1 the
 *                      fields that were set
 * @param note          the reviewer's note for this change; may be null
 */
public record ExampleRevision(
        ExampleId exampleId,
        int version,
        Instant at,
        String reviewer,
        List<String> changedFields,
        @Nullable String note) {
    /**
     * Checks the parts and copies the list.
     *
     * @param exampleId     the example
     * @param version       the example's version after the change (1 for the first review)
     * @param at            when
     * @param reviewer      who; never null (may be "unknown")
     * @param changedFields the fields that changed, e.g. {@code ["quality", "improvedResponse"]}; for version 1 the
     *                      fields that were set
     * @param note          the reviewer's note for this change; may be null
     * @throws NullPointerException     when a part other than {@code note} is null, or the list holds null
     * @throws IllegalArgumentException when {@code version} is less than 1
     */
    public ExampleRevision {
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reviewer, "reviewer");
        changedFields = List.copyOf(changedFields);
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, but was " + version);
        }
    }
}
