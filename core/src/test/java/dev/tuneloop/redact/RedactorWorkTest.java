package dev.tuneloop.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linear time, measured without a clock: the redactor reads its text through a view that counts the characters read
 * (the regex engine, the shared start scan, the anchor searches and the validators all read through it), so the work
 * of a redaction is a deterministic number. Four times the text must cost about four times the reads; a rule that
 * rescans the rest of the text from every candidate (as the anchor search once did for ':' without '=') costs sixteen.
 */
class RedactorWorkTest {
    /** Linear work is 4x for 4x the text; the slack covers the fixed cost of the first and last units. */
    private static final double MAX_GROWTH = 4.4;
    /** Reads per character of text: the adversarial units measure 3-107; a budget against a large constant factor. */
    private static final double MAX_READS_PER_CHAR = 400;

    private final StandardRedactor redactor = StandardRedactor.ALL;

    /** Counts every character read through {@link #charAt} and every character copied out. */
    static final class CountingText implements CharSequence {
        private final String text;
        long reads;

        CountingText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            reads += text.length();
            return text;
        }
    }

    /** The characters read by redacting {@code text}, over all passes. */
    long reads(String text) {
        long[] total = {0};
        CountingText[] current = {null};
        UnaryOperator<CharSequence> view = s -> {
            if (current[0] != null) {
                total[0] += current[0].reads;
            }
            current[0] = new CountingText(s.toString());
            return current[0];
        };
        Redaction counted = redactor.redact(text, view);
        total[0] += current[0].reads;
        // the view changes how the text is read, never what is found
        assertThat(counted).isEqualTo(redactor.redact(text));
        return total[0];
    }

    @ParameterizedTest
    @MethodSource("dev.tuneloop.redact.RedactorCorpusTest#adversarialUnits")
    void adversarialInputsCostWorkLinearInTheirLength(String unit, int ignoredFindings) {
        String quarter = unit.repeat((1 << 15) / unit.length());
        String whole = unit.repeat((1 << 17) / unit.length());
        long small = reads(quarter);
        long large = reads(whole);
        assertThat((double) large / small)
                .as("reads for 128 KiB / 32 KiB of %s (%d / %d)", unit, large, small)
                .isLessThanOrEqualTo(MAX_GROWTH);
        assertThat((double) large / whole.length())
                .as("reads per character of %s", unit)
                .isLessThanOrEqualTo(MAX_READS_PER_CHAR);
    }

    /**
     * Any short unit repeated: units are drawn from the characters the rules care about (digits, hex letters,
     * separators, anchors, key prefixes), so the search covers the shapes a careless rule would be quadratic on.
     */
    @Property(tries = 150)
    void anyRepeatedUnitCostsWorkLinearInItsLength(@ForAll("units") String unit) {
        String quarter = unit.repeat((1 << 14) / unit.length());
        String whole = unit.repeat((1 << 16) / unit.length());
        long small = reads(quarter);
        long large = reads(whole);
        assertThat((double) large / small)
                .as("reads for 64 KiB / 16 KiB of [%s] (%d / %d)", unit, large, small)
                .isLessThanOrEqualTo(MAX_GROWTH);
    }

    @Provide
    Arbitrary<String> units() {
        Arbitrary<String> pieces = Arbitraries.of(
                "1",
                "0",
                "9",
                "a",
                "f",
                "x",
                "Z",
                ":",
                "::",
                ".",
                "-",
                " ",
                "@",
                "+",
                "(",
                ")",
                "[",
                "]",
                "=",
                "_",
                "/",
                "'",
                "\"",
                "\n",
                "DE89",
                "sk-",
                "eyJ",
                "hf_",
                "glpat-",
                "Basic ",
                "Bearer ",
                "://",
                "password",
                "key",
                "(0",
                "+1 ",
                "001-",
                "x5",
                "é");
        return pieces.list().ofMinSize(1).ofMaxSize(6).map(p -> String.join("", p));
    }
}
