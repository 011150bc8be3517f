package dev.tuneloop.curate;

/** Which set a training example belongs to, assigned once and frozen: training, or the held-out evaluation set. */
public enum Split {
    /** Exported for training (unless it is a near-duplicate of a holdout example). */
    TRAIN,
    /** Kept out of training, for evaluating base and fine-tuned models on the same frozen set. */
    HOLDOUT
}
