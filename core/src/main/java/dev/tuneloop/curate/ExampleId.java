package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.Objects;
import java.util.UUID;

/**
 * The id of a training example: a UUIDv7 made in-process, so ids sort by creation time (ties by the random part).
 * Immutable; compared as unsigned 128-bit numbers, the order every store returns examples in.
 *
 * @param value the UUID
 */
public record ExampleId(UUID value) implements Comparable<ExampleId> {
    /**
     * Checks the value.
     *
     * @param value the UUID
     * @throws NullPointerException when {@code value} is null
     */
    public ExampleId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new id for an example made at {@code unixMillis}; ids made in one JVM strictly increase, even when the clock
     * stands still or goes back.
     *
     * @param unixMillis the time, in milliseconds since the epoch
     * @return a new UUIDv7 id
     */
    public static ExampleId next(long unixMillis) {
        return new ExampleId(InteractionId.uuidV7(unixMillis));
    }

    /**
     * Parses an id written by {@link #toString()}.
     *
     * @param text a UUID in its canonical form
     * @return the id
     * @throws IllegalArgumentException naming the rule, when {@code text} is not a UUID
     * @throws NullPointerException     when {@code text} is null
     */
    public static ExampleId parse(String text) {
        try {
            return new ExampleId(InteractionId.parse(text).value());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(
                    message == null ? "example id must be a UUID" : message.replace("interaction id", "example id"));
        }
    }

    /**
     * Compares as unsigned 128-bit numbers, so UUIDv7 ids sort by time and the order agrees with the textual order.
     *
     * @param o the other id
     * @return negative, zero or positive as this id sorts before, with or after {@code o}
     */
    @Override
    public int compareTo(ExampleId o) {
        int c = Long.compareUnsigned(value.getMostSignificantBits(), o.value.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(value.getLeastSignificantBits(), o.value.getLeastSignificantBits());
    }

    /**
     * The canonical UUID string, as {@link #parse} reads it.
     *
     * @return the lower-case {@code 8-4-4-4-12} form
     */
    @Override
    public String toString() {
        return value.toString();
    }
}
