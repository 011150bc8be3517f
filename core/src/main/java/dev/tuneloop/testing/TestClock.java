package dev.tuneloop.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Clock} the test moves by hand: it stands still until {@link #advance(Duration)} or {@link #set(Instant)}
 * moves it. Give it to {@code Tuneloop.builder().clock(...)}, a curator, a router or a {@link FakeFineTuneClient} to
 * test windows, timestamps and time-based rules without sleeping.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-01-05T09:00:00Z"));
 * Tuneloop tuneloop = Tuneloop.builder().store(Store.inMemory()).clock(clock).build();
 * clock.advance(Duration.ofDays(8));   // last week's interactions are now out of the curation window
 * }</pre>
 *
 * <p>The zone is UTC. {@link #withZone(ZoneId)} returns a clock in another zone that shares this clock's time:
 * moving either moves both. Two test clocks are equal when they share the time and have the same zone.
 *
 * <p>Thread-safe: a test thread may move it while the code under test reads it, and concurrent moves are never
 * lost.
 */
public final class TestClock extends Clock {
    private final Time time; // shared with the views withZone() makes
    private final ZoneId zone;

    private TestClock(Time time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    /**
     * A clock in UTC standing at {@code start}.
     *
     * @param start the instant it reads until moved
     * @return a new clock
     * @throws NullPointerException when {@code start} is null
     */
    public static TestClock at(Instant start) {
        return new TestClock(new Time(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far, {@code >= 0} (use {@link #set(Instant)} to move it back)
     * @return the instant the clock reads now
     * @throws IllegalArgumentException when {@code amount} is negative
     * @throws NullPointerException when {@code amount} is null
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException(
                    "amount must be >= 0, but was " + amount + "; use set(Instant) to move the clock back");
        }
        return time.advance(amount);
    }

    /**
     * Puts the clock at {@code instant}, earlier or later than now.
     *
     * @param instant the instant it reads from now on
     * @throws NullPointerException when {@code instant} is null
     */
    public void set(Instant instant) {
        time.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return time.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * A clock in {@code zone} that shares this clock's time: moving either moves both.
     *
     * @param zone the zone of the returned clock
     * @return this clock when the zone is the same, else a new view of the same time
     * @throws NullPointerException when {@code zone} is null
     */
    @Override
    public TestClock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(this.zone) ? this : new TestClock(time, zone);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TestClock c && time == c.time && zone.equals(c.zone);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(time) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return "TestClock[" + time.get() + ", " + zone + "]";
    }

    /** The time of a clock and of its zone views. */
    private static final class Time {
        private Instant now;

        Time(Instant now) {
            this.now = now;
        }

        synchronized Instant get() {
            return now;
        }

        synchronized void set(Instant instant) {
            now = instant;
        }

        synchronized Instant advance(Duration amount) {
            now = now.plus(amount);
            return now;
        }
    }
}
