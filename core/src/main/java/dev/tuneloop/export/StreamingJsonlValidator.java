package dev.tuneloop.export;

import dev.tuneloop.errors.TuneloopException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** {@link JsonlValidator} reading raw bytes line by line, so that bytes that are not UTF-8 are found, not replaced. */
final class StreamingJsonlValidator implements JsonlValidator {
    private final String baseModel;
    private final TokenLimits limits;
    private final int minExamples;
    private final int maxProblems;
    private final int maxLineBytes;
    private final @Nullable ExportFormat format;

    StreamingJsonlValidator(
            String baseModel,
            TokenLimits limits,
            int minExamples,
            int maxProblems,
            int maxLineBytes,
            @Nullable ExportFormat format) {
        this.baseModel = baseModel;
        this.limits = limits;
        this.minExamples = minExamples;
        this.maxProblems = maxProblems;
        this.maxLineBytes = maxLineBytes;
        this.format = format;
    }

    /** The per-example token limit: Vertex AI's for the Gemini presets, else the base model's. */
    static int tokenLimit(@Nullable ExportFormat format, TokenLimits limits, String baseModel) {
        return format != null && format.isGemini()
                ? JsonlValidator.GEMINI_MAX_TOKENS_PER_EXAMPLE
                : limits.limitFor(baseModel);
    }

    ValidationSession newSession() {
        return new ValidationSession(
                new LineChecker(
                        TokenCounter.forModel(baseModel), tokenLimit(format, limits, baseModel), maxLineBytes, format),
                minExamples,
                maxProblems,
                format);
    }

    @Override
    public ValidationResult validate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return validate(in);
        } catch (IOException e) {
            throw new TuneloopException(
                    "cannot read JSONL file " + file.getFileName() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    @Override
    public ValidationResult validate(InputStream in) {
        ValidationSession session = newSession();
        try {
            read(in, session);
        } catch (IOException e) {
            throw new TuneloopException(
                    "cannot read JSONL stream after line " + session.lineNumber() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
        return session.finish();
    }

    private void read(InputStream in, ValidationSession session) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        byte[] line = new byte[8 * 1024];
        int len = 0;
        boolean skipping = false;
        boolean pending = false; // bytes seen since the last \n
        int n;
        while ((n = in.read(chunk)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                int part = i - start;
                if (!skipping) {
                    line = append(line, len, chunk, start, part);
                    len += part;
                    if (len > maxLineBytes) {
                        session.lineTooLong(maxLineBytes);
                    } else {
                        lineDone(session, line, len);
                    }
                } else {
                    session.lineTooLong(maxLineBytes);
                }
                len = 0;
                skipping = false;
                pending = false;
                start = i + 1;
            }
            int rest = n - start;
            if (rest > 0) {
                pending = true;
                if (!skipping) {
                    if ((long) len + rest > maxLineBytes) {
                        skipping = true;
                        len = 0;
                    } else {
                        line = append(line, len, chunk, start, rest);
                        len += rest;
                    }
                }
            }
        }
        if (pending) {
            if (skipping) {
                session.lineTooLong(maxLineBytes);
            } else {
                lineDone(session, line, len);
            }
        }
    }

    private void lineDone(ValidationSession session, byte[] line, int len) {
        int off = 0;
        if (session.lineNumber() == 0
                && len >= 3
                && (line[0] & 0xFF) == 0xEF
                && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            session.byteOrderMark();
            off = 3;
        }
        session.line(line, off, len - off, false);
    }

    private static byte[] append(byte[] line, int len, byte[] src, int from, int count) {
        if (len + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, len + count));
        }
        System.arraycopy(src, from, line, len, count);
        return line;
    }
}
