package dev.tuneloop.eval;

import java.util.Objects;

/**
 * What a {@link PairwiseJudge} decided about answers A and B, over the orders it asked in.
 *
 * @param outcome     A or B when it won more orders than the other, TIE when the orders tie or disagree (a win that
 *                    flips with the order is position bias), INVALID when no order gave a well-formed verdict
 * @param aWins       orders in which A was judged better
 * @param ties        orders judged a tie
 * @param bWins       orders in which B was judged better
 * @param validOrders orders with a well-formed verdict ({@code aWins + ties + bWins})
 */
public record JudgeResult(Outcome outcome, int aWins, int ties, int bWins, int validOrders) {

    /** The combined verdict. */
    public enum Outcome {
        /** A won more orders than B. */
        A,
        /** B won more orders than A. */
        B,
        /** As many wins each (ties, or one win each way: position bias), with at least one valid order. */
        TIE,
        /** No order gave a well-formed verdict. */
        INVALID
    }

    /**
     * Checks the counts.
     *
     * @param outcome     A or B when it won more orders than the other, TIE when the orders tie or disagree (a win that
     *                    flips with the order is position bias), INVALID when no order gave a well-formed verdict
     * @param aWins       orders in which A was judged better
     * @param ties        orders judged a tie
     * @param bWins       orders in which B was judged better
     * @param validOrders orders with a well-formed verdict ({@code aWins + ties + bWins})
     * @throws NullPointerException                    when outcome is null
     * @throws dev.tuneloop.errors.ValidationException when a count is negative or they do not add up to validOrders
     */
    public JudgeResult {
        Objects.requireNonNull(outcome, "outcome");
        if (aWins < 0 || ties < 0 || bWins < 0 || validOrders != aWins + ties + bWins) {
            throw new dev.tuneloop.errors.ValidationException(
                    "judge counts must be >= 0 and add up to validOrders, but were a=" + aWins + ", ties=" + ties
                            + ", b=" + bWins + ", valid=" + validOrders);
        }
    }

    /**
     * Combines per-order verdicts (already mapped back to A/B).
     *
     * @param aWins orders in which A was judged better
     * @param ties  orders judged a tie
     * @param bWins orders in which B was judged better
     * @return the result, with the outcome those counts give
     * @throws dev.tuneloop.errors.ValidationException when a count is negative
     */
    public static JudgeResult of(int aWins, int ties, int bWins) {
        int valid = aWins + ties + bWins;
        Outcome o = valid == 0 ? Outcome.INVALID : aWins > bWins ? Outcome.A : bWins > aWins ? Outcome.B : Outcome.TIE;
        return new JudgeResult(o, aWins, ties, bWins, valid);
    }

    /**
     * How often A was at least as good as B.
     *
     * @return the share of valid orders in which A won or tied; 0 when none was valid
     */
    public double atLeastAsGoodShareA() {
        return validOrders == 0 ? 0 : (double) (aWins + ties) / validOrders;
    }
}
