package dev.tuneloop.export;

/**
 * How far an export has come, given to {@link ExportOptions.Builder#progress} every so many examples and once at the
 * end.
 *
 * @param scanned examples read from the store so far
 * @param written lines written so far (training and validation files together)
 * @param skipped examples skipped so far
 * @param bytes   bytes written so far
 * @param done    true for the last call, after everything was written
 */
public record ExportProgress(long scanned, long written, long skipped, long bytes, boolean done) {}
