package dev.tuneloop.curate;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's pre-training checklist, evaluated ({@link ReadinessChecklist}). Plain data, JSON-friendly (records, enums,
 * strings, numbers, maps and lists). Never holds a prompt or answer text.
 *
 * @param overall   the worst status of the items
 * @param checkedAt when the checklist was evaluated
 * @param items     one per {@link Check} (MODEL_LIFECYCLE only when configured), in the enum's order
 */
public record ReadinessReport(Status overall, Instant checkedAt, List<Item> items) {
    /**
     * Checks the parts and copies the list.
     *
     * @param overall   the worst status of the items
     * @param checkedAt when the checklist was evaluated
     * @param items     one per {@link Check} (MODEL_LIFECYCLE only when configured), in the enum's order
     * @throws NullPointerException when a part is null, or the list holds null
     */
    public ReadinessReport {
        Objects.requireNonNull(overall, "overall");
        Objects.requireNonNull(checkedAt, "checkedAt");
        items = List.copyOf(items);
    }

    /** How an item came out, from best to worst. */
    public enum Status {
        /** Nothing to do. */
        PASS,
        /** Worth a look; does not block a training. */
        WARN,
        /** Blocks a training ({@link #isReady()} is false). */
        FAIL;

        /**
         * The worse of the two.
         *
         * @param other another status
         * @return {@code other} when it is worse than this one, else this one
         */
        public Status worst(Status other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /** The checklist's items. */
    public enum Check {
        /** Enough approved exportable TRAIN examples (the seed: at least 50, 100+ preferred). */
        TRAINING_SET_SIZE,
        /** Every approved example reviewed recently (the seed: in the past 2 weeks). */
        REVIEW_FRESHNESS,
        /** No exact or near-duplicate examples. */
        DUPLICATES,
        /** Categories balanced, as far as possible. */
        CATEGORY_BALANCE,
        /** One consistent system prompt ("finalized"). */
        SYSTEM_PROMPT,
        /** No training example is a near-duplicate of a holdout example. */
        HOLDOUT_LEAKS,
        /** Enough held-out examples to evaluate on (the seed: 20-50). */
        HOLDOUT_SIZE,
        /**
         * The deployed model or its base does not retire, and job creation on its base does not close, soon (only
         * when the checklist was given {@link LifecycleWarnings}).
         */
        MODEL_LIFECYCLE
    }

    /**
     * One item.
     *
     * @param check      which
     * @param status     how it came out
     * @param detail     a sentence with the figures and the rule
     * @param counts     the figures by name (e.g. per category, per system-prompt fingerprint); never null
     * @param exampleIds the offending examples; empty when none
     */
    public record Item(
            Check check, Status status, String detail, Map<String, Long> counts, List<ExampleId> exampleIds) {
        /**
         * Checks the parts and copies the collections (the map keeps its order).
         *
         * @param check      which
         * @param status     how it came out
         * @param detail     a sentence with the figures and the rule
         * @param counts     the figures by name (e.g. per category, per system-prompt fingerprint); never null
         * @param exampleIds the offending examples; empty when none
         * @throws NullPointerException when a part is null, or a collection holds null
         */
        public Item {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            exampleIds = List.copyOf(exampleIds);
        }
    }

    /**
     * The item for {@code check}.
     *
     * @param check which item
     * @return the item; empty when the report has none for it
     */
    public Optional<Item> item(Check check) {
        return items.stream().filter(i -> i.check() == check).findFirst();
    }

    /**
     * The failed items as sentences ({@code "TRAINING_SET_SIZE: 12 approved TRAIN examples …"}), in item order.
     *
     * @return one sentence per failed item; empty when none failed
     */
    public List<String> failures() {
        return sentences(Status.FAIL);
    }

    /**
     * The items that warn, as sentences, in item order.
     *
     * @return one sentence per warning item; empty when none warns
     */
    public List<String> warnings() {
        return sentences(Status.WARN);
    }

    private List<String> sentences(Status status) {
        return items.stream()
                .filter(i -> i.status() == status)
                .map(i -> i.check() + ": " + i.detail())
                .toList();
    }

    /**
     * Whether a training may go ahead: warnings do not block it.
     *
     * @return true unless an item failed
     */
    public boolean isReady() {
        return overall != Status.FAIL;
    }
}
