package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which candidates a reviewer may claim: the rule that turns one candidate list into per-reviewer queues. A
 * {@link ReviewQueue} offers a reviewer only the candidates this rule gives them; the {@link ClaimStore} then makes
 * sure that no two reviewers hold the same one.
 *
 * <p>Implementations are pure functions of their arguments (no clock, no randomness), so every app instance assigns
 * alike, and thread-safe.
 */
@FunctionalInterface
public interface ReviewAssignment {

    /**
     * Whether {@code reviewer} may claim {@code candidate}.
     *
     * @param reviewer  who asks for work
     * @param candidate the candidate
     * @return {@code true} when the candidate may go to this reviewer
     */
    boolean offers(String reviewer, Candidate candidate);

    /**
     * Every reviewer may claim every candidate, best first (the curation policy's order): a shared queue.
     *
     * @return the rule
     */
    static ReviewAssignment anyone() {
        return (reviewer, candidate) -> true;
    }

    /**
     * Round robin over a fixed team: candidate {@code c} belongs to {@code team.get(bucket(c))} with
     * {@code bucket = unsignedRemainder(leastSignificantBits(c.interactionId), team.size())} (the random bits of the
     * UUIDv7), so shares are even, every instance agrees, and a candidate never changes owner while the team stays
     * the same. Reviewers outside the team are offered nothing; the share of an absent member waits for them.
     *
     * @param team the reviewers, in a fixed order; not empty, no duplicates, none blank
     * @return the rule
     * @throws IllegalArgumentException when the team is empty, has a blank name or a duplicate
     * @throws NullPointerException when the team or a name is null
     */
    static ReviewAssignment roundRobin(List<String> team) {
        List<String> members = List.copyOf(team);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("team must name at least one reviewer, but was empty");
        }
        if (new LinkedHashSet<>(members).size() != members.size()) {
            throw new IllegalArgumentException("team must not name a reviewer twice, but was " + members);
        }
        if (members.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("team must not contain a blank reviewer name");
        }
        return (reviewer, candidate) ->
                members.get(bucket(candidate.interactionId(), members.size())).equals(reviewer);
    }

    /**
     * By category: a candidate the classifier places in a category goes to the reviewers who cover it; a candidate it
     * cannot place, or whose category nobody covers, goes to anyone. The classifier sees the candidate before review
     * (e.g. a keyword rule, or a pre-reviewer's suggestion).
     *
     * @param coverage   reviewer to the categories they review
     * @param classifier the candidate's likely category; empty when unknown; must not return null
     * @return the rule
     * @throws NullPointerException when an argument is null, or the classifier returns null
     */
    static ReviewAssignment byCategory(
            Map<String, Set<Category>> coverage, Function<Candidate, Optional<Category>> classifier) {
        Objects.requireNonNull(classifier, "classifier");
        Map<String, Set<Category>> byReviewer = new HashMap<>();
        coverage.forEach((k, v) -> byReviewer.put(Objects.requireNonNull(k, "reviewer"), Set.copyOf(v)));
        Set<Category> covered = new LinkedHashSet<>();
        byReviewer.values().forEach(covered::addAll);
        return (reviewer, candidate) -> {
            Optional<Category> guess =
                    Objects.requireNonNull(classifier.apply(candidate), "byCategory classifier returned null");
            if (guess.isEmpty() || !covered.contains(guess.get())) {
                return true;
            }
            return byReviewer.getOrDefault(reviewer, Set.of()).contains(guess.get());
        };
    }

    /**
     * The round-robin bucket of an interaction: its UUID's least significant 64 bits, unsigned, modulo {@code n}.
     *
     * @param id the interaction
     * @param n  the team size; at least 1
     * @return a bucket in {@code [0, n)}
     */
    static int bucket(InteractionId id, int n) {
        return (int) Long.remainderUnsigned(id.value().getLeastSignificantBits(), n);
    }
}
