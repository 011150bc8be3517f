package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written o200k splitter against the o200k regex itself, and counts against jtokkit counting whole texts. */
class O200kAsciiSplitterTest {

    /** o200k_base's pre-tokenization pattern, compiled the way jtokkit compiles it. */
    private static final Pattern O200K = Pattern.compile(
            String.join(
                    "|",
                    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
                    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
                    "\\p{N}{1,3}",
                    " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
                    "\\s*[\\r\\n]+",
                    "\\s+(?!\\S)",
                    "\\s+"),
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final JtokkitTokenCounter COUNTER = (JtokkitTokenCounter) TokenCounter.forModel("gpt-4o-mini");

    private static List<String> regexPieces(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = O200K.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static List<String> ourPieces(String s) {
        List<String> out = new ArrayList<>();
        O200kAsciiSplitter.split(s, (a, b) -> out.add(s.substring(a, b)));
        return out;
    }

    @Provide
    Arbitrary<String> ascii() {
        Arbitrary<Character> any = Arbitraries.chars().range((char) 0, (char) 127);
        Arbitrary<Character> tricky =
                Arbitraries.of("aAzZbQ09 5'sStTrReEvVmMlLdD\r\n\t\u000b\f  /.,$%-_!?\"()\u0000\u007f"
                        .chars()
                        .mapToObj(c -> (char) c)
                        .toArray(Character[]::new));
        Arbitrary<String> words = Arbitraries.of(
                "Hello",
                "HELLO",
                "hello",
                "I'm",
                "DON'T",
                "we'LL",
                "they're",
                "you've",
                "x'D",
                "'s",
                "2024",
                "12345",
                "$35.1B",
                " ",
                "  ",
                "\n",
                "\r\n",
                " \n ",
                "\t",
                "://",
                "...",
                "e.g.",
                "Q3",
                "FY2025",
                "NVIDIA's",
                "10-Q",
                "a/b",
                "/\n",
                "!!\r\n",
                "'",
                "''",
                "''s");
        Arbitrary<String> chars = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, any), net.jqwik.api.Tuple.of(3, tricky))
                .list()
                .ofMaxSize(60)
                .map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
        Arbitrary<String> mixed = Arbitraries.oneOf(words, chars.map(x -> x.length() > 6 ? x.substring(0, 6) : x))
                .list()
                .ofMaxSize(12)
                .map(l -> String.join("", l));
        return Arbitraries.oneOf(chars, mixed);
    }

    @Property(tries = 1500)
    void piecesEqualTheRegexs(@ForAll("ascii") String s) {
        assertThat(ourPieces(s)).isEqualTo(regexPieces(s));
    }

    @Property(tries = 1500)
    void countsEqualJtokkitsWholeTextCount(@ForAll("ascii") String s) {
        assertThat(COUNTER.count(s)).isEqualTo(COUNTER.countWhole(s));
    }

    @Property(tries = 300)
    void nonAsciiTextGoesToJtokkitWhole(@ForAll String s) {
        assertThat(COUNTER.count(s)).isEqualTo(COUNTER.countWhole(s));
    }

    @Example
    void knownSplits() {
        assertThat(ourPieces("Hello world")).containsExactly("Hello", " world");
        assertThat(ourPieces("I'M here  now\r\n\n  ok"))
                .containsExactly("I'M", " here", " ", " now", "\r\n\n", " ", " ok");
        assertThat(ourPieces("2 + 2 = 4")).isEqualTo(regexPieces("2 + 2 = 4"));
        assertThat(ourPieces("12345")).containsExactly("123", "45");
        assertThat(ourPieces("$35.1B")).isEqualTo(regexPieces("$35.1B"));
        assertThat(COUNTER.count("antidisestablishmentarianism")).isEqualTo(6);
        assertThat(COUNTER.count("2 + 2 = 4")).isEqualTo(7);
    }
}
