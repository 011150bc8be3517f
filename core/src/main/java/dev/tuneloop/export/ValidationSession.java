package dev.tuneloop.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the checked lines of one file, in order, and adds what needs the whole file: line numbers, the format mix,
 * system prompt consistency, the example count and token totals. Memory is bounded: the first system prompt, up to
 * 10 000 prompt hashes and up to {@code maxProblems} problems. Not thread-safe: one session per file, fed in line
 * order.
 */
final class ValidationSession {

    private static final int MAX_PROMPT_HASHES = 10_000;

    private final LineChecker checker;
    private final int tokenLimit;
    private final int minExamples;
    private final int maxProblems;
    private final @Nullable ExportFormat expected;

    private long line;
    private long examples;
    private long errors;
    private long warnings;
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private boolean truncated;
    private @Nullable ExportFormat format;
    private @Nullable String firstSystemPrompt;
    private boolean inconsistencyReported;
    private boolean crlfReported;
    private final Set<Long> promptHashes = new HashSet<>();
    private long tokenExamples;
    private long tokenTotal;
    private long tokenMin = Long.MAX_VALUE;
    private long tokenMax;
    private long billing;
    private @Nullable Boolean firstConversational;
    private long desirable;
    private long undesirable;

    /**
     * A session for one file.
     *
     * @param checker     checks the lines given with {@link #line}
     * @param minExamples the fewest examples before {@code too_few_examples}; 0 for no minimum
     * @param maxProblems the most problems kept (all are counted)
     * @param expected    the format every example must have ({@code unexpected_format} otherwise), or null to take
     *                    the first example's and report the others as {@code mixed_formats}
     */
    ValidationSession(LineChecker checker, int minExamples, int maxProblems, @Nullable ExportFormat expected) {
        this.checker = checker;
        this.tokenLimit = checker.tokenLimit();
        this.minExamples = minExamples;
        this.maxProblems = maxProblems;
        this.expected = expected;
    }

    LineChecker checker() {
        return checker;
    }

    /** The number of the last line given. */
    long lineNumber() {
        return line;
    }

    void byteOrderMark() {
        report(
                line + 1,
                ProblemCode.BOM,
                "the file starts with a UTF-8 byte order mark; providers expect UTF-8 without BOM");
    }

    void lineTooLong(int maxLineBytes) {
        line++;
        report(line, ProblemCode.LINE_TOO_LONG, "line is longer than " + maxLineBytes + " bytes and was not read");
    }

    /** Checks one line (without its {@code \n}) on this thread and adds it. */
    void line(byte[] b, int off, int len, boolean trustedUtf8) {
        add(checker.check(b, off, len, trustedUtf8));
    }

    /** Adds the next line, checked elsewhere. */
    void add(LineChecker.LineResult r) {
        line++;
        if (r.crlf() && !crlfReported) {
            crlfReported = true;
            report(
                    line,
                    ProblemCode.CRLF_LINE_ENDING,
                    "line ends with \\r\\n; providers expect \\n alone (reported for the first such line only)");
        }
        for (LineChecker.Finding f : r.findings()) {
            report(line, f.code(), f.message());
        }
        if (!r.example()) {
            return;
        }
        examples++;
        ExportFormat f = r.format();
        if (f != null) {
            ExportFormat first = format;
            if (first == null) {
                format = f;
            }
            if (expected != null) {
                if (f != expected) {
                    report(
                            line,
                            ProblemCode.UNEXPECTED_FORMAT,
                            "example is " + f.name().toLowerCase(Locale.ROOT) + " but the file must hold "
                                    + expected.name().toLowerCase(Locale.ROOT) + " examples");
                }
            } else if (first != null && first != f) {
                report(
                        line,
                        ProblemCode.MIXED_FORMATS,
                        "example is " + f.name().toLowerCase(Locale.ROOT) + " but the file started with "
                                + first.name().toLowerCase(Locale.ROOT) + " examples");
            }
        }
        Boolean conversational = r.conversational();
        if (conversational != null) {
            Boolean first = firstConversational;
            if (first == null) {
                firstConversational = conversational;
            } else if (!first.equals(conversational)) {
                report(
                        line,
                        ProblemCode.MIXED_DATASET_STYLES,
                        "row is " + style(conversational) + " but the file started with " + style(first)
                                + " rows; TRL decides the style from the first row");
            }
        }
        Boolean label = r.label();
        if (label != null) {
            if (label) {
                desirable++;
            } else {
                undesirable++;
            }
        }
        String prompt = r.systemPrompt();
        if (prompt != null) {
            systemPrompt(prompt);
        }
        if (r.tokens() >= 0) {
            long t = r.tokens();
            tokenExamples++;
            tokenTotal += t;
            tokenMin = Math.min(tokenMin, t);
            tokenMax = Math.max(tokenMax, t);
            billing += Math.min(tokenLimit, t);
        }
    }

    private static String style(boolean conversational) {
        return conversational ? "conversational" : "plain-string";
    }

    private void systemPrompt(String prompt) {
        if (promptHashes.size() < MAX_PROMPT_HASHES) {
            promptHashes.add(hash64(prompt));
        }
        if (firstSystemPrompt == null) {
            firstSystemPrompt = prompt;
        } else if (!inconsistencyReported && !firstSystemPrompt.equals(prompt)) {
            inconsistencyReported = true;
            report(
                    line,
                    ProblemCode.INCONSISTENT_SYSTEM_PROMPT,
                    "system prompt differs from the first example's; providers advise one consistent system prompt");
        }
    }

    private void report(long at, ProblemCode code, String message) {
        counts.merge(code.code(), 1L, Long::sum);
        if (code.severity() == Severity.ERROR) {
            errors++;
        } else {
            warnings++;
        }
        if (problems.size() < maxProblems) {
            problems.add(Problem.of(at, code, message));
        } else {
            truncated = true;
        }
    }

    /** Adds the whole-file checks and returns the result. The session must not be used afterwards. */
    ValidationResult finish() {
        if (examples < minExamples) {
            report(
                    Math.max(1, line),
                    ProblemCode.TOO_FEW_EXAMPLES,
                    "file has " + examples + " examples, fewer than the minimum of " + minExamples);
        }
        if (expected != null && expected.isKto() && examples > 0 && (desirable == 0 || undesirable == 0)) {
            report(
                    Math.max(1, line),
                    ProblemCode.KTO_UNBALANCED,
                    "file has " + desirable + " desirable and " + undesirable
                            + " undesirable examples; KTO needs both");
        }
        TokenStats stats = tokenExamples == 0
                ? TokenStats.NONE
                : new TokenStats(
                        tokenExamples, tokenTotal, tokenMin, tokenMax, (double) tokenTotal / tokenExamples, billing);
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingLong(Problem::line));
        return new ValidationResult(
                format,
                line,
                examples,
                errors,
                warnings,
                counts,
                sorted,
                truncated,
                promptHashes.size(),
                stats,
                desirable,
                undesirable);
    }

    private static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
