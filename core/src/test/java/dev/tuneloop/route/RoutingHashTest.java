package dev.tuneloop.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingHashTest {

    @Test
    void specVectorsFromDesignDecision10() {
        assertThat(RoutingHash.hash("exp", "user-1")).isEqualTo(3979417560L);
        assertThat(RoutingHash.bucket("exp", "user-1")).isEqualTo(7560);
        assertThat(RoutingHash.hash("exp", "user-2")).isEqualTo(1204850794L);
        assertThat(RoutingHash.bucket("exp", "user-2")).isEqualTo(794);
    }

    /** Published murmur3_x86_32 vectors (SMHasher-compatible implementations agree on these). */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|0|0",
                "hello|0|613153351",
                "The quick brown fox jumps over the lazy dog|0|0x2e4ff723",
                "''|1|0x514e28b7",
                "''|0xffffffff|0x81f16f39",
                "'Hello, world!'|1234|0xfaf6cdb3",
                "aaaa|0x9747b28c|0x5a97808a",
                "abc|0|0xb3dd93fa",
                "test|0|0xba6bd213"
            })
    void publishedVectors(String text, String seed, String expected) {
        int s = (int) Long.decode(seed).longValue();
        long want = Long.decode(expected);
        assertThat(RoutingHash.murmur3(text, s)).isEqualTo(want);
        assertThat(Integer.toUnsignedLong(referenceMurmur3(text.getBytes(StandardCharsets.UTF_8), s)))
                .isEqualTo(want);
    }

    @Test
    void nonAsciiIsHashedAsUtf8() {
        // value computed with an independent Python implementation over "exp:ü-€-😀".encode("utf-8")
        assertThat(RoutingHash.hash("exp", "ü-€-\uD83D\uDE00")).isEqualTo(2491461877L);
    }

    @Test
    void unpairedSurrogateIsHashedAsQuestionMarkLikeGetBytes() {
        assertThat(RoutingHash.murmur3("a\uD800b")).isEqualTo(RoutingHash.murmur3("a?b"));
        assertThat(RoutingHash.murmur3("a\uDC00")).isEqualTo(RoutingHash.murmur3("a?"));
        assertThat(RoutingHash.murmur3("\uD83D")).isEqualTo(RoutingHash.murmur3("?"));
    }

    @Property(tries = 2000)
    void streamingHashEqualsByteArrayReference(@ForAll("texts") String text) {
        int want = referenceMurmur3(text.getBytes(StandardCharsets.UTF_8), 0);
        assertThat(RoutingHash.murmur3(text)).isEqualTo(Integer.toUnsignedLong(want));
    }

    /** Every prefix length mod 4 exercises a different alignment of the user id's chars against the blocks. */
    @Property(tries = 2000)
    void prefixStateThenUserIdEqualsHashOfConcatenation(@ForAll("texts") String salt, @ForAll("texts") String userId) {
        int want = referenceMurmur3((salt + ":" + userId).getBytes(StandardCharsets.UTF_8), 0);
        assertThat(Murmur3.SEED_0.absorb(salt + ":").finish(userId)).isEqualTo(want);
    }

    @Property(tries = 500)
    void bucketIsUnsignedHashModTenThousand(@ForAll("texts") String userId) {
        String id = "u" + userId;
        long h = Integer.toUnsignedLong(referenceMurmur3(("s:" + id).getBytes(StandardCharsets.UTF_8), 0));
        assertThat(RoutingHash.bucket("s", id)).isEqualTo((int) (h % 10_000)).isBetween(0, 9_999);
    }

    @Test
    void nullOrEmptyInputsAreRejectedByName() {
        assertThatThrownBy(() -> RoutingHash.bucket("exp", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> RoutingHash.bucket("exp", ""))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> RoutingHash.bucket("", "u"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("salt");
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(70),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("aé€\uD83D\uDE00\uD800\uDC00z").ofMaxLength(20));
    }

    /** Textbook murmur3_x86_32 over a byte array (little-endian blocks), written independently of {@link Murmur3}. */
    @SuppressWarnings("fallthrough") // the tail switch falls through on purpose, as in the reference implementation
    static int referenceMurmur3(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h1 = seed;
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k1 = buf.getInt(i * 4);
            k1 *= c1;
            k1 = (k1 << 15) | (k1 >>> 17);
            k1 *= c2;
            h1 ^= k1;
            h1 = (h1 << 13) | (h1 >>> 19);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int k1 = 0;
        int tail = blocks * 4;
        switch (data.length & 3) {
            case 3:
                k1 ^= (data[tail + 2] & 0xff) << 16;
            // fall through
            case 2:
                k1 ^= (data[tail + 1] & 0xff) << 8;
            // fall through
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= c1;
                k1 = (k1 << 15) | (k1 >>> 17);
                k1 *= c2;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= data.length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }
}
