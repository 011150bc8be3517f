package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.Objects;
import java.util.UUID;

/** The id of a training example: a UUIDv7 made in-process. */
public record ExampleId(UUID value) implements Comparable<ExampleId> {
    public ExampleId {
        Objects.requireNonNull(value, "value");
    }

    public static ExampleId next(long unixMillis) {
        return new ExampleId(InteractionId.uuidV7(unixMillis));
    }

    /** @throws IllegalArgumentException naming the rule, when {@code text} is not a UUID */
    public static ExampleId parse(String text) {
        try {
            return new ExampleId(InteractionId.parse(text).value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("interaction id", "example id"));
        }
    }

    @Override
    public int compareTo(ExampleId o) {
        int c = Long.compareUnsigned(value.getMostSignificantBits(), o.value.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(value.getLeastSignificantBits(), o.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
