package dev.tuneloop.curate;

/** The outcome of reviewing a candidate. Both keep the interaction from coming back as a candidate. */
public enum ExampleStatus {
    /** Promoted to the training set (exported when its quality allows). */
    APPROVED,
    /** Reviewed and turned down; never exported. */
    REJECTED
}
