package dev.tuneloop.curate;

import static dev.tuneloop.curate.DiffOp.Kind.DELETE;
import static dev.tuneloop.curate.DiffOp.Kind.EQUAL;
import static dev.tuneloop.curate.DiffOp.Kind.INSERT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class WordDiffTest {

    @Test
    void showsAReplacedWordKeepingWhitespace() {
        List<DiffOp> ops = WordDiff.between("Revenue was $35.1B in Q3.", "Revenue was $35.08B in Q3.");
        assertThat(ops)
                .containsExactly(
                        new DiffOp(EQUAL, "Revenue was "),
                        new DiffOp(DELETE, "$35.1B"),
                        new DiffOp(INSERT, "$35.08B"),
                        new DiffOp(EQUAL, " in Q3."));
    }

    @Test
    void showsInsertedAndDeletedWordsAndLineBreaks() {
        List<DiffOp> ops = WordDiff.between("a b c d", "a c d\ne");
        assertThat(ops)
                .containsExactly(
                        new DiffOp(EQUAL, "a "),
                        new DiffOp(DELETE, "b "),
                        new DiffOp(EQUAL, "c d"),
                        new DiffOp(INSERT, "\ne"));
    }

    @Test
    void equalAndEmptyTexts() {
        assertThat(WordDiff.between("same text", "same text")).containsExactly(new DiffOp(EQUAL, "same text"));
        assertThat(WordDiff.between("", "")).isEmpty();
        assertThat(WordDiff.between("", "new")).containsExactly(new DiffOp(INSERT, "new"));
        assertThat(WordDiff.between("old", "")).containsExactly(new DiffOp(DELETE, "old"));
    }

    @Test
    void unrelatedLongTextsFallBackToOneReplacement() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1_200; i++) {
            a.append("a").append(i).append(' ');
            b.append("b").append(i).append(' ');
        }
        List<DiffOp> ops = WordDiff.between("start " + a, "start " + b);
        assertThat(ops).extracting(DiffOp::kind).containsExactly(EQUAL, DELETE, INSERT, EQUAL);
        assertThat(DiffOp.original(ops)).isEqualTo("start " + a);
        assertThat(DiffOp.edited(ops)).isEqualTo("start " + b);
    }

    @Property(tries = 300)
    void reconstructsBothTexts(@ForAll("texts") String original, @ForAll("texts") String edited) {
        List<DiffOp> ops = WordDiff.between(original, edited);
        assertThat(DiffOp.original(ops)).isEqualTo(original);
        assertThat(DiffOp.edited(ops)).isEqualTo(edited);
        for (int i = 1; i < ops.size(); i++) {
            DiffOp.Kind prev = ops.get(i - 1).kind();
            DiffOp.Kind cur = ops.get(i).kind();
            assertThat(cur)
                    .as("runs are merged; a deletion comes before its insertion")
                    .isNotEqualTo(prev);
            assertThat(prev == INSERT && cur == DELETE).isFalse();
        }
    }

    @Property(tries = 300)
    void keepsALongestCommonSubsequenceOfTokens(@ForAll("texts") String original, @ForAll("texts") String edited) {
        List<DiffOp> ops = WordDiff.between(original, edited);
        int kept = ops.stream()
                .filter(o -> o.kind() == EQUAL)
                .mapToInt(o -> WordDiff.tokens(o.text()).size())
                .sum();
        assertThat(kept).isEqualTo(lcs(WordDiff.tokens(original), WordDiff.tokens(edited)));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> word = Arbitraries.of("a", "b", "c", "revenue", "$35.1B", "é", "😀", "Q3.");
        Arbitrary<String> space = Arbitraries.of(" ", "  ", "\n", "\t ");
        return Arbitraries.oneOf(word, space).list().ofMaxSize(25).map(l -> String.join("", l));
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[a.size()][b.size()];
    }
}
