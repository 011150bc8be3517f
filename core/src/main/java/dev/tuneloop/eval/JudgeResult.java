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
        A,
        B,
        TIE,
        INVALID
    }

    public JudgeResult {
        Objects.requireNonNull(outcome, "outcome");
        if (aWins < 0 || ties < 0 || bWins < 0 || validOrders != aWins + ties + bWins) {
            throw new dev.tuneloop.errors.ValidationException(
                    "judge counts must be >= 0 and add up to validOrders, but were a=" + aWins + ", ties=" + ties
                            + ", b=" + bWins + ", valid=" + validOrders);
        }
    }

    /** Combines per-order verdicts (already mapped back to A/B). */
    public static JudgeResult of(int aWins, int ties, int bWins) {
        int valid = aWins + ties + bWins;
        Outcome o = valid == 0 ? Outcome.INVALID : aWins > bWins ? Outcome.A : bWins > aWins ? Outcome.B : Outcome.TIE;
        return new JudgeResult(o, aWins, ties, bWins, valid);
    }

    /** The share of valid orders in which A was at least as good as B; 0 when none was valid. */
    public double atLeastAsGoodShareA() {
        return validOrders == 0 ? 0 : (double) (aWins + ties) / validOrders;
    }
}
