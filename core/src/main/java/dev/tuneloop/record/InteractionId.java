package dev.tuneloop.record;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The id of one interaction: a UUID, by default a time-ordered UUIDv7 (RFC 9562) made in-process, so a caller
 * gets the id for its feedback buttons without waiting for a database.
 *
 * <p>Ids made by {@link #next(Clock)} in one JVM are strictly increasing (the 12-bit {@code rand_a} field is a
 * counter within a millisecond, RFC 9562 method 1), so they also order events made in one process.
 * Thread-safe. Ordered by the UUID's unsigned value, which is the order of its canonical text.
 *
 * @param value the UUID; required
 */
public record InteractionId(UUID value) implements Comparable<InteractionId> {

    private static final AtomicLong LAST = new AtomicLong();

    /**
     * Wraps a UUID of any version.
     *
     * @param value the UUID; required
     * @throws NullPointerException when {@code value} is null
     */
    public InteractionId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new UUIDv7 id whose timestamp is {@code clock.millis()} (or later, to stay strictly increasing).
     *
     * @param clock the clock to read
     * @return a new id, greater than every id made before in this JVM
     */
    public static InteractionId next(Clock clock) {
        return new InteractionId(uuidV7(clock.millis()));
    }

    /**
     * A new UUIDv7 id using the system clock.
     *
     * @return a new id, greater than every id made before in this JVM
     */
    public static InteractionId next() {
        return new InteractionId(uuidV7(System.currentTimeMillis()));
    }

    /**
     * Parses the canonical 36-character UUID form.
     *
     * @param text the id's text, e.g. from a feedback button's URL
     * @return the id
     * @throws NullPointerException when {@code text} is null
     * @throws IllegalArgumentException naming the rule, when {@code text} is not a UUID
     */
    public static InteractionId parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            if (text.length() != 36) {
                throw new IllegalArgumentException();
            }
            return new InteractionId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "interaction id must be a UUID like 0190f3c2-7b1e-7c3a-9f2e-4d5c6b7a8e9f, but was '"
                            + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
    }

    /**
     * Wraps a UUID; the same as the constructor.
     *
     * @param value the UUID; required
     * @return the id
     */
    public static InteractionId of(UUID value) {
        return new InteractionId(value);
    }

    /**
     * A UUIDv7 for the given Unix millisecond. Strictly increasing within the JVM: when the clock stands still or
     * goes back, the previous (timestamp, counter) pair is advanced instead (so a clock far behind may yield ids whose
     * timestamp is later than {@code unixMillis}). The 62 bits after the variant are random.
     *
     * @param unixMillis milliseconds since the epoch; only the low 48 bits are used
     * @return a version-7, variant-2 UUID
     */
    public static UUID uuidV7(long unixMillis) {
        long stamp; // 48-bit millis << 12 | 12-bit counter
        while (true) {
            long last = LAST.get();
            long candidate = (unixMillis & 0xFFFF_FFFF_FFFFL) << 12;
            long next = candidate > last ? candidate : last + 1;
            if (LAST.compareAndSet(last, next)) {
                stamp = next;
                break;
            }
        }
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /**
     * The Unix millisecond embedded in a UUIDv7 id (meaningless for other versions).
     *
     * @return the top 48 bits of the UUID
     */
    public long unixMillis() {
        return value.getMostSignificantBits() >>> 16;
    }

    @Override
    public int compareTo(InteractionId o) {
        // unsigned comparison, so that the textual order and the numeric order agree
        int c = Long.compareUnsigned(value.getMostSignificantBits(), o.value.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(value.getLeastSignificantBits(), o.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
