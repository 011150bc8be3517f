package dev.tuneloop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    private static double only(String text) {
        List<Quantities.Quantity> q = Quantities.parse(text);
        assertThat(q).as("quantities in '%s'", text).hasSize(1);
        return q.get(0).value();
    }

    @Test
    void magnitudesAndUnitsNormalizeToOneValue() {
        assertThat(only("$1.4B")).isCloseTo(1.4e9, within(1.0));
        assertThat(only("$1.40 billion")).isCloseTo(1.4e9, within(1.0));
        assertThat(only("1.4 billion")).isCloseTo(1.4e9, within(1.0));
        assertThat(only("1,400 million")).isCloseTo(1.4e9, within(1.0));
        assertThat(only("$1,400mn")).isCloseTo(1.4e9, within(1.0));
        assertThat(only("1.4 bn")).isCloseTo(1.4e9, within(1.0));
        assertThat(only("$47m")).isCloseTo(47e6, within(1.0));
        assertThat(only("$5MM")).isCloseTo(5e6, within(1.0));
        assertThat(only("250K")).isCloseTo(250e3, within(1e-6));
        assertThat(only("3 thousand")).isCloseTo(3e3, within(1e-6));
        assertThat(only("$2.1T")).isCloseTo(2.1e12, within(1e3));
        assertThat(only("2.1 trillion")).isCloseTo(2.1e12, within(1e3));
        assertThat(only("1,234,567")).isCloseTo(1_234_567, within(1e-6));
    }

    @Test
    void kindsAreCurrencyPercentOrPlain() {
        assertThat(Quantities.parse("$2.35").get(0).kind()).isEqualTo(Quantities.Kind.CURRENCY);
        assertThat(Quantities.parse("4.0%").get(0).kind()).isEqualTo(Quantities.Kind.PERCENT);
        assertThat(Quantities.parse("4 percent").get(0).kind()).isEqualTo(Quantities.Kind.PERCENT);
        assertThat(Quantities.parse("1.4 billion").get(0).kind()).isEqualTo(Quantities.Kind.NUMBER);
    }

    @Test
    void fiscalLabelsAndFilingFormsAreNotNumbers() {
        assertThat(Quantities.parse("Q3 FY2025 10-Q and 8-K")).isEmpty();
    }

    @Test
    void aRangeSharesTheUnitOfItsSecondNumber() {
        List<Quantities.Quantity> q = Quantities.parse("~$121-125B");
        assertThat(q).extracting(Quantities.Quantity::value).containsExactly(121e9, 125e9);
        List<Quantities.Quantity> p = Quantities.parse("between 3 to 5%");
        assertThat(p).extracting(Quantities.Quantity::kind).containsOnly(Quantities.Kind.PERCENT);
    }

    @Test
    void percentDoesNotMatchAPlainNumberButCurrencyMatchesPlain() {
        Quantities.Quantity pct = Quantities.parse("4%").get(0);
        Quantities.Quantity plain = Quantities.parse("4").get(0);
        Quantities.Quantity dollars = Quantities.parse("$4").get(0);
        assertThat(pct.sameAs(plain, 0.01)).isFalse();
        assertThat(dollars.sameAs(plain, 0.01)).isTrue();
    }

    @Property(tries = 200)
    void anAmountWrittenInBillionsOrMillionsIsTheSameFact(@ForAll @IntRange(min = 1, max = 99_999) int tenths) {
        double billions = tenths / 10.0;
        String a = String.format(Locale.ROOT, "$%.1fB", billions);
        String b = String.format(Locale.ROOT, "%,d million", Math.round(billions * 1000));
        assertThat(Quantities.factPresent(
                        a, "it was " + b + " last year", Quantities.parse("it was " + b + " last year"), 0.01))
                .as("%s vs %s", a, b)
                .isTrue();
    }

    @Property(tries = 200)
    void aValueOffByMoreThanTheToleranceIsNotTheSameFact(
            @ForAll @DoubleRange(min = 1, max = 1000) double v,
            @ForAll @DoubleRange(min = 0.05, max = 0.5) double off) {
        String fact = String.format(Locale.ROOT, "$%.2f million", v);
        String predicted = String.format(Locale.ROOT, "$%.2f million", v * (1 + off));
        assertThat(Quantities.factPresent(fact, predicted, Quantities.parse(predicted), 0.01))
                .isFalse();
    }
}
