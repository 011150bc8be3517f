package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The validator must never throw on any input, and every problem it gives must be well-formed. */
class JsonlValidatorFuzzTest {

    private static final JsonlValidator V =
            JsonlValidator.builder().maxLineBytes(64 * 1024).build();

    private static void check(byte[] bytes) {
        ValidationResult r = V.validate(new ByteArrayInputStream(bytes));
        long newlines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                newlines++;
            }
        }
        boolean tail = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
        assertThat(r.lines()).isEqualTo(newlines + (tail ? 1 : 0));
        assertThat(r.errors() + r.warnings())
                .isEqualTo(r.countsByCode().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        assertThat(r.problems()).allSatisfy(p -> {
            assertThat(p.line()).isBetween(1L, Math.max(1, r.lines()));
            assertThat(p.severity()).isEqualTo(p.code().severity());
            assertThat(p.message()).isNotBlank();
        });
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 400) byte[] bytes) {
        check(bytes);
    }

    @Property(tries = 200)
    void randomStrings(@ForAll @Size(max = 300) String s) {
        check(s.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void mutatedGoodLines(@ForAll("mutations") byte[] bytes) {
        check(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        byte[] good = (JsonlValidatorTest.GOOD + "\n").repeat(3).getBytes(StandardCharsets.UTF_8);
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, good.length - 1);
        Arbitrary<Byte> val = Arbitraries.bytes();
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
        return Combinators.combine(pos.list().ofMaxSize(6), val.list().ofMaxSize(6), kind)
                .as((ps, vs, k) -> {
                    byte[] b = good.clone();
                    if (k == 0) { // truncate
                        return java.util.Arrays.copyOf(b, ps.isEmpty() ? 0 : ps.get(0));
                    }
                    for (int i = 0; i < Math.min(ps.size(), vs.size()); i++) {
                        b[ps.get(i)] = vs.get(i);
                    }
                    return b;
                });
    }

    @Property(tries = 100)
    void wrongTypesInEveryPlace(@ForAll("values") String a, @ForAll("values") String b, @ForAll("values") String c) {
        List<String> lines = List.of(
                "{\"messages\":" + a + "}",
                "{\"messages\":[{\"role\":" + a + ",\"content\":" + b + ",\"weight\":" + c + "}]}",
                "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":" + a + ",\"content\":" + b + "}]}",
                "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":" + a + ",\"type\":" + b
                        + ",\"function\":" + c + "}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[" + a + "," + b + "]}]}",
                "{\"input\":" + a + ",\"preferred_output\":" + b + ",\"non_preferred_output\":" + c + "}",
                "{\"input\":{\"messages\":" + a + "},\"preferred_output\":[" + b + "]}");
        check((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.of(
                "null",
                "1",
                "-0.5",
                "1e999999",
                "true",
                "\"\"",
                "\"assistant\"",
                "\"function\"",
                "[]",
                "{}",
                "[1]",
                "[{}]",
                "{\"name\":1}",
                "{\"name\":\"f\",\"arguments\":\"{}\"}",
                "[[[[[]]]]]",
                "\"\\u2028\"",
                "{\"type\":\"text\",\"text\":\"\"}",
                "{\"type\":\"image_url\",\"image_url\":{}}",
                "[{\"role\":\"assistant\",\"content\":\"x\"}]",
                "123456789012345678901234567890");
    }

    @Property(tries = 20)
    void deepNestingAndHugeStrings(
            @ForAll @IntRange(min = 1, max = 5000) int depth, @ForAll @IntRange(min = 0, max = 200_000) int length) {
        String deep = "{\"messages\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        String huge = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "é".repeat(length) + "\"}]}";
        check((deep + "\n" + huge + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
