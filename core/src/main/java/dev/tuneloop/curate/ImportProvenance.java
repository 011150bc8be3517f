package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;

/**
 * Where an imported example came from: a golden example written by an expert and imported from a file (JSONL or CSV),
 * not reviewed from a recorded interaction. Kept with the example ({@link TrainingExample#provenance()}) so an export,
 * a table or a plain SQL query can tell imported examples from reviewed ones and trace each back to its file and line.
 *
 * @param importedBy who imported the file (also the example's reviewer); not blank, at most 1024 UTF-8 bytes
 * @param sourceName the imported file's name (no directory); not blank, at most 1024 UTF-8 bytes
 * @param sourceLine the line the example starts on in that file, from 1
 */
public record ImportProvenance(String importedBy, String sourceName, long sourceLine) {

    /**
     * Checks every part, reporting all problems at once.
     *
     * @param importedBy who imported the file; not blank
     * @param sourceName the imported file's name; not blank
     * @param sourceLine the line the example starts on, from 1
     * @throws dev.tuneloop.errors.ValidationException naming each invalid part and its rule
     */
    public ImportProvenance {
        Checks.start()
                .text("importedBy", importedBy, true, 1024)
                .text("sourceName", sourceName, true, 1024)
                .require(sourceLine >= 1, "sourceLine must be >= 1, but was " + sourceLine)
                .orThrow();
    }
}
