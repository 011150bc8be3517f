package dev.tuneloop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TestClockTest {
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void standsStillUntilMovedAndIsInUtc() {
        TestClock clock = TestClock.at(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advanceMovesForwardAndReturnsTheNewTime() {
        TestClock clock = TestClock.at(START);
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
        assertThat(clock.advance(Duration.ZERO)).isEqualTo(START.plusSeconds(300));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));
    }

    @Test
    void setMovesEitherWay() {
        TestClock clock = TestClock.at(START);
        clock.set(START.minusSeconds(60));
        assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
        clock.set(START.plusSeconds(60));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void aNegativeAdvanceIsRejectedAndChangesNothing() {
        TestClock clock = TestClock.at(START);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be >= 0, but was PT-1S; use set(Instant) to move the clock back");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void nullsAreRejected() {
        TestClock clock = TestClock.at(START);
        assertThatThrownBy(() -> TestClock.at(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> clock.set(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> clock.withZone(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withZoneHonoursTheZoneAndSharesTheTime() {
        TestClock utc = TestClock.at(START);
        TestClock paris = utc.withZone(PARIS);
        assertThat(paris.getZone()).isEqualTo(PARIS);
        assertThat(ZonedDateTime.now(paris).getHour()).isEqualTo(10); // 09:00 UTC is 10:00 in Paris in January
        assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);

        utc.advance(Duration.ofHours(1));
        assertThat(paris.instant()).isEqualTo(START.plusSeconds(3600));
        paris.set(START);
        assertThat(utc.instant()).isEqualTo(START);

        assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
        assertThat(paris.withZone(ZoneOffset.UTC)).isEqualTo(utc).hasSameHashCodeAs(utc);
    }

    @Test
    void equalOnlyWhenSharingTheTimeAndTheZone() {
        TestClock a = TestClock.at(START);
        TestClock b = TestClock.at(START);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(a.withZone(PARIS));
        TestClock view = a.withZone(PARIS);
        TestClock otherView = a.withZone(PARIS);
        assertThat(view).isNotSameAs(otherView).isEqualTo(otherView).hasSameHashCodeAs(otherView);
        assertThat(a).hasToString("TestClock[2026-01-05T09:00:00Z, Z]");
    }

    @Test
    void concurrentAdvancesAreNeverLost() throws InterruptedException {
        TestClock clock = TestClock.at(START);
        int threads = 4;
        int steps = 10_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < steps; i++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(clock.instant()).isEqualTo(START.plusMillis((long) threads * steps));
    }
}
