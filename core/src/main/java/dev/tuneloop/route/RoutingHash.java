package dev.tuneloop.route;

import dev.tuneloop.errors.ValidationException;
import java.util.Objects;

/**
 * The routing hash, specified so that any runtime can reproduce an assignment (Python, JavaScript, SQL):
 *
 * <pre>
 *   hash   = murmur3_x86_32(UTF-8 bytes of salt + ":" + userId, seed 0), read as an unsigned 32-bit integer
 *   bucket = hash mod 10 000
 * </pre>
 *
 * A plan's arms own cumulative bucket ranges in declared order: with weights 8000 and 2000 (basis points) the first
 * arm owns buckets 0-7999 and the second 8000-9999. Reference vectors: {@code "exp:user-1"} hashes to 3979417560
 * (bucket 7560) and {@code "exp:user-2"} to 1204850794 (bucket 794). In Python:
 * {@code mmh3.hash(salt + ":" + user_id, 0, signed=False) % 10000}.
 *
 * <p>Text is encoded as {@link String#getBytes(java.nio.charset.Charset) String.getBytes(UTF_8)} does: an unpaired
 * surrogate becomes {@code '?'} (Python's {@code encode("utf-8", "replace")} does the same). Static and thread-safe.
 */
public final class RoutingHash {

    /** The number of buckets, {@value}; weights are in basis points of it. */
    public static final int BUCKETS = 10_000;

    private RoutingHash() {}

    /**
     * murmur3_x86_32 of the UTF-8 bytes of {@code text} with seed 0, as an unsigned value in [0, 2^32).
     *
     * @param text the text
     * @return the unsigned hash
     * @throws NullPointerException when {@code text} is null
     */
    public static long murmur3(String text) {
        return Integer.toUnsignedLong(Murmur3.SEED_0.finish(Objects.requireNonNull(text, "text")));
    }

    /**
     * murmur3_x86_32 of the UTF-8 bytes of {@code text} with {@code seed}, as an unsigned value in [0, 2^32).
     *
     * @param text the text
     * @param seed the seed
     * @return the unsigned hash
     * @throws NullPointerException when {@code text} is null
     */
    public static long murmur3(String text, int seed) {
        return Integer.toUnsignedLong(Murmur3.seeded(seed).finish(Objects.requireNonNull(text, "text")));
    }

    /**
     * The unsigned hash of {@code salt + ":" + userId}.
     *
     * @param salt   the experiment's salt
     * @param userId the user
     * @return the unsigned hash, in [0, 2^32)
     * @throws ValidationException when {@code salt} or {@code userId} is null or empty
     */
    public static long hash(String salt, String userId) {
        check(salt, userId);
        return murmur3(salt + ":" + userId);
    }

    /**
     * The bucket of {@code userId} under {@code salt}: the hash mod {@value #BUCKETS}.
     *
     * @param salt   the experiment's salt
     * @param userId the user
     * @return the bucket, in [0, 10 000)
     * @throws ValidationException when {@code salt} or {@code userId} is null or empty
     */
    public static int bucket(String salt, String userId) {
        return (int) (hash(salt, userId) % BUCKETS);
    }

    private static void check(String salt, String userId) {
        if (salt == null || salt.isEmpty()) {
            throw new ValidationException(
                    "salt must not be null or empty, but was " + (salt == null ? "null" : "empty"));
        }
        if (userId == null || userId.isEmpty()) {
            throw new ValidationException(
                    "userId must not be null or empty, but was " + (userId == null ? "null" : "empty"));
        }
    }
}
