package dev.tuneloop.curate;

/** Which set a training example belongs to, assigned once and frozen: training, or the held-out evaluation set. */
public enum Split {
    TRAIN,
    HOLDOUT
}
