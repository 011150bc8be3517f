package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A deadline interrupts only the phase it was armed for, and never leaves an interrupt behind. */
class ReadDeadlinesTest {

    @Test
    void an_expired_phase_reports_it_and_leaves_no_interrupt_behind() {
        try (ReadDeadlines deadlines = new ReadDeadlines(Duration.ofMillis(1), Duration.ofMillis(1))) {
            ReadDeadlines.Guard g = deadlines.enter();
            g.arm(Duration.ofMillis(1));
            boolean interrupted = false;
            try {
                new CountDownLatch(1).await(20, TimeUnit.SECONDS); // stands for a blocking read
            } catch (InterruptedException e) {
                interrupted = true;
            }
            assertThat(interrupted)
                    .as("the deadline interrupts the waiting thread")
                    .isTrue();
            assertThat(g.disarm()).as("and the phase says it expired").isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            deadlines.leave(g);
        }
    }

    @Test
    void a_phase_ended_in_time_is_never_interrupted_later() throws InterruptedException {
        try (ReadDeadlines deadlines = new ReadDeadlines(Duration.ofMillis(1), Duration.ofMillis(1))) {
            ReadDeadlines.Guard g = deadlines.enter();
            for (int i = 0; i < 200; i++) {
                g.arm(Duration.ofMillis(50));
                boolean expired = g.disarm();
                assertThat(expired).isFalse();
            }
            Thread.sleep(300); // past every deadline that was armed and ended: none may fire now
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            deadlines.leave(g);
        }
    }

    @Test
    void without_an_exchange_the_helpers_just_run() throws Exception {
        assertThat(ReadDeadlines.readBody(() -> "read")).isEqualTo("read");
        boolean[] ran = {false};
        ReadDeadlines.drain(() -> ran[0] = true);
        assertThat(ran[0]).isTrue();
    }
}
