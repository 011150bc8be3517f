package dev.tuneloop.eval;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.TrainingExample;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the key facts of a held-out example come from.
 *
 * <ul>
 *   <li>{@link #fromNotes()}: a line {@code key facts: $1.40 billion; 4.0% of revenue; 10-Q} in the reviewer's notes
 *       (the example's only free-form field), facts separated by {@code ;} or {@code |};</li>
 *   <li>{@link #extracted()}: taken from the expected answer: every distinct quantity (number with its currency,
 *       percent and magnitude) and every SEC filing form it cites (10-K, 10-Q, 8-K, …);</li>
 *   <li>{@link #defaults()}: the notes when they list facts, else the extracted ones.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe and return a non-null list (empty when the example has no facts).
 */
@FunctionalInterface
public interface KeyFactSource {

    /**
     * The facts a good answer to an example states.
     *
     * @param example the held-out example
     * @return the facts; empty when there are none
     */
    List<String> keyFacts(TrainingExample example);

    /**
     * The notes' {@code key facts:} line when there is one, else the facts extracted from the expected answer.
     *
     * @return the source
     */
    static KeyFactSource defaults() {
        return e -> {
            List<String> noted = fromNotes().keyFacts(e);
            return noted.isEmpty() ? extracted().keyFacts(e) : noted;
        };
    }

    /**
     * The quantities and filing forms of the example's expected answer ({@link #extract(String)}).
     *
     * @return the source
     */
    static KeyFactSource extracted() {
        return e -> extract(e.trainingResponse());
    }

    /**
     * The facts listed on a {@code key facts:} line of the reviewer's notes (case-insensitive); else none.
     *
     * @return the source
     */
    static KeyFactSource fromNotes() {
        Pattern line = Pattern.compile("(?im)^\\s*key[ _-]?facts\\s*:\\s*(.+)$");
        Pattern separator = Pattern.compile("[;|]");
        return e -> {
            String notes = e.notes();
            if (notes == null) {
                return List.of();
            }
            Matcher m = line.matcher(notes);
            if (!m.find()) {
                return List.of();
            }
            return Arrays.stream(separator.split(m.group(1)))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        };
    }

    /**
     * Facts given per example id (e.g. from a file the evaluation team keeps); none for other examples.
     *
     * @param facts the facts by example id; copied
     * @return the source
     */
    static KeyFactSource of(Map<ExampleId, List<String>> facts) {
        Map<ExampleId, List<String>> copy = Map.copyOf(facts);
        return e -> copy.getOrDefault(e.id(), List.of());
    }

    /**
     * No key facts: the key-fact scorer then does not apply, and the composite's other weights are renormalized.
     *
     * @return the source
     */
    static KeyFactSource none() {
        return e -> List.of();
    }

    /**
     * The key facts of {@code text}: each distinct quantity as first written ("$1.40 billion", "4.0%"; equal values
     * are one fact) and each filing form cited, upper-cased ("10-Q"), in order of first appearance. Numbers glued to
     * letters ("FY2025", "Q3") are not quantities.
     *
     * @param text the text, e.g. an expected answer
     * @return the facts in order of first appearance; empty when there are none
     */
    static List<String> extract(String text) {
        return Quantities.extractFacts(Objects.requireNonNull(text, "text"));
    }
}
