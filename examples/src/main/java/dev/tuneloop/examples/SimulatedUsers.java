package dev.tuneloop.examples;

import java.util.Random;

/**
 * Simulated end users for the offline demo: given whether the answer they got was the expert-quality one, they click
 * 👍, 👎, edit the answer into the expert one, ask a follow-up, or do nothing, with fixed probabilities and a fixed
 * seed, so every run records the same feedback.
 */
final class SimulatedUsers {

    enum Reaction {
        THUMBS_UP,
        THUMBS_DOWN,
        EDIT,
        FOLLOW_UP,
        NOTHING
    }

    private final Random random = new Random(42);

    /** A good answer: mostly 👍; a weak one: often edited, sometimes 👎 or a follow-up. */
    Reaction react(boolean goodAnswer) {
        double r = random.nextDouble();
        if (goodAnswer) {
            return r < 0.70
                    ? Reaction.THUMBS_UP
                    : r < 0.75 ? Reaction.THUMBS_DOWN : r < 0.80 ? Reaction.FOLLOW_UP : Reaction.NOTHING;
        }
        return r < 0.45
                ? Reaction.EDIT
                : r < 0.60
                        ? Reaction.THUMBS_DOWN
                        : r < 0.75 ? Reaction.FOLLOW_UP : r < 0.82 ? Reaction.THUMBS_UP : Reaction.NOTHING;
    }
}
