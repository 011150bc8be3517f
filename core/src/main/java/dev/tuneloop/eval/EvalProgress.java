package dev.tuneloop.eval;

/**
 * How far an evaluation is, reported after every answer (and every judged case).
 *
 * @param phase  {@code "answers"} while models answer, {@code "judge"} while the judge compares
 * @param done   units finished in this phase
 * @param total  units in this phase (cases × models for answers; cases for the judge)
 * @param cached answers served from the cache so far
 * @param failed units that failed after retries so far
 */
public record EvalProgress(String phase, int done, int total, int cached, int failed) {}
