package dev.tuneloop.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The fast path of {@link Texts#problem} answers exactly as the char-by-char walk does, on hostile texts. */
class TextsProperties {

    @Property(tries = 2000)
    void theFastPathAgreesWithTheExactWalk(
            @ForAll("texts") String s, @ForAll @IntRange(min = 1, max = 400) int maxUtf8Bytes) {
        assertThat(Texts.problem(s, maxUtf8Bytes)).isEqualTo(Texts.exactProblem(s, maxUtf8Bytes));
    }

    @Property(tries = 2000)
    void aTextPassesExactlyWhenItHasNoNulNoUnpairedSurrogateAndFitsItsSize(
            @ForAll("texts") String s, @ForAll @IntRange(min = 1, max = 400) int maxUtf8Bytes) {
        boolean wellFormed = s.indexOf('\u0000') < 0 && isWellFormedUtf16(s);
        boolean fits = wellFormed && s.getBytes(StandardCharsets.UTF_8).length <= maxUtf8Bytes;
        assertThat(Texts.problem(s, maxUtf8Bytes) == null).isEqualTo(wellFormed && fits);
    }

    private static boolean isWellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<String> texts() {
        // ASCII and Latin-1 (one-byte storage), other BMP chars, NUL, lone and paired surrogates
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.chars().range(' ', '~')),
                net.jqwik.api.Tuple.of(10, Arbitraries.chars().range('\u00a0', '\u00ff')),
                net.jqwik.api.Tuple.of(10, Arbitraries.chars().range('\u0100', '\u07ff')),
                net.jqwik.api.Tuple.of(10, Arbitraries.chars().range('\u0800', '\ud7ff')),
                net.jqwik.api.Tuple.of(3, Arbitraries.just('\u0000')),
                net.jqwik.api.Tuple.of(5, Arbitraries.chars().range('\ud800', '\udbff')),
                net.jqwik.api.Tuple.of(5, Arbitraries.chars().range('\udc00', '\udfff')),
                net.jqwik.api.Tuple.of(5, Arbitraries.chars().range('\ue000', '\uffff')));
        return Arbitraries.oneOf(
                chars.list().ofMaxSize(200).map(TextsProperties::join),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200),
                Arbitraries.strings().all().ofMaxLength(200));
    }

    private static String join(java.util.List<Character> cs) {
        StringBuilder b = new StringBuilder(cs.size());
        for (char c : cs) {
            b.append(c);
        }
        return b.toString();
    }
}
