package dev.tuneloop.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RedactorProperties {
    private final Redactor redactor = Redactor.standard();

    @Property(tries = 500)
    void redactingARedactedTextChangesNothing(@ForAll("mixedTexts") String text) {
        Redaction once = redactor.redact(text);
        Redaction twice = redactor.redact(once.text());
        assertThat(twice.text()).isEqualTo(once.text());
        assertThat(twice.changed()).isFalse();
    }

    @Property(tries = 500)
    void textWithoutDigitsAtSignsAssignmentsOrKeyPrefixesIsUnchanged(@ForAll("plainTexts") String text) {
        Redaction r = redactor.redact(text);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.counts()).isEmpty();
    }

    @Property(tries = 300)
    void everyPlantedValueIsMaskedAndNeverSurvives(@ForAll("seeds") long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (PiiType type : PiiType.values()) {
            String value = PiiCorpus.value(type, r);
            if (value.startsWith("ASSIGN:")) {
                continue; // the assignment forms keep their key; their masking is checked in RedactorCorpusTest
            }
            Redaction red = redactor.redact("Filed 2024-10-31 for Q3 FY2025; contact " + value + " about $35.1B.");
            assertThat(red.text()).doesNotContain(value).contains(type.placeholder());
            assertThat(red.counts()).containsEntry(type, 1);
        }
    }

    /** Fragments of PII, prose, numbers and separators glued in random order, to look for placeholder seams. */
    @Provide
    Arbitrary<String> mixedTexts() {
        Arbitrary<String> pii = Arbitraries.longs().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            PiiType type = PiiType.values()[r.nextInt(PiiType.values().length)];
            String v = PiiCorpus.value(type, r);
            return v.startsWith("ASSIGN:") ? v.substring(7).replace("\u0000", "") : v;
        });
        Arbitrary<String> other = Arbitraries.of(
                " ",
                "",
                ".",
                ",",
                "(",
                ")",
                "\n",
                "-",
                ":",
                "=",
                "[",
                "]",
                "+",
                "/",
                "revenue",
                "Q3 FY2025",
                "$35.1B",
                "4.7%",
                "10-K",
                "2024-10-31",
                "0001045810-24-000316",
                "NVDA",
                "password",
                "1",
                "12",
                "555",
                "0",
                "::",
                "@",
                "x",
                "[IP]",
                "[SECRET]",
                "[PHONE]",
                "sk-",
                "eyJ");
        return Arbitraries.oneOf(pii, other, other)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> plainTexts() {
        List<String> keyPrefixes = List.of(
                "sk-",
                "sk_",
                "rk_",
                "gh",
                "xox",
                "github_pat",
                "bearer",
                "AKIA",
                "ASIA",
                "ABIA",
                "ACCA",
                "AIza",
                "BEGIN");
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withChars(
                        ' ', '\n', '\t', '.', ',', ';', '!', '?', '(', ')', '\'', '"', '-', '_', '/', '[', ']', '+',
                        '%', '$', 'é', 'ü', 'ß', '中', '€')
                .ofMaxLength(300)
                .filter(s -> keyPrefixes.stream()
                        .noneMatch(p -> s.toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT))));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
