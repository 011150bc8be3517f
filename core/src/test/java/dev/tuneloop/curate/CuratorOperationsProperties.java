package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.Fixtures.record;
import static dev.tuneloop.curate.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random sequences of approve / reject / re-review calls, valid and invalid, against a plain model: each call
 * either succeeds as the model says or throws the predicted exception and changes nothing.
 */
class CuratorOperationsProperties {
    private static final String[] CATEGORIES = {"sec_10k", "comparison", "crypto"}; // crypto is not in the taxonomy

    /** What the model expects of one stored example. */
    private record Expected(
            ExampleId id,
            ExampleStatus status,
            int version,
            String category,
            Integer quality,
            String improved,
            Split split) {}

    @Property(tries = 80)
    void everyCallSucceedsAsModelledOrChangesNothing(@ForAll long seed) {
        Random rnd = new Random(seed);
        Store store = Store.inMemory();
        TestClock clock = TestClock.at(NOW);
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(clock).taxonomy(Taxonomy.SEED).build());
        List<InteractionId> interactions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            interactions.add(record(store, spec().at(NOW.minusSeconds(60 + i))));
        }
        interactions.add(InteractionId.next()); // never recorded
        Map<InteractionId, Expected> model = new HashMap<>();

        for (int step = 0; step < 25; step++) {
            clock.advance(Duration.ofSeconds(1 + rnd.nextInt(100)));
            InteractionId target = interactions.get(rnd.nextInt(interactions.size()));
            String category = rnd.nextInt(4) == 0 ? null : CATEGORIES[rnd.nextInt(CATEGORIES.length)];
            Integer quality = rnd.nextInt(4) == 0 ? null : 1 + rnd.nextInt(10);
            String improved = rnd.nextBoolean() ? null : "Improved answer " + rnd.nextInt(3) + ".";
            Review review = new Review("reviewer-" + rnd.nextInt(3), improved, category, quality, null);
            boolean known = !target.equals(interactions.get(4));
            boolean inTaxonomy = category == null || !category.equals("crypto");
            Expected before = model.get(target);
            Class<? extends TuneloopException> expectedFailure;
            Runnable call;
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    expectedFailure = category == null || quality == null || !inTaxonomy
                            ? ValidationException.class
                            : !known ? NotFoundException.class : before != null ? ConflictException.class : null;
                    call = () -> {
                        TrainingExample e = curator.approve(target, review);
                        model.put(
                                target,
                                new Expected(
                                        e.id(), ExampleStatus.APPROVED, 1, category, quality, improved, e.split()));
                    };
                }
                case 1 -> {
                    expectedFailure =
                            !known ? NotFoundException.class : before != null ? ConflictException.class : null;
                    call = () -> {
                        TrainingExample e = curator.reject(target, "not useful", "reviewer-0");
                        model.put(target, new Expected(e.id(), ExampleStatus.REJECTED, 1, null, null, null, e.split()));
                    };
                }
                default -> {
                    boolean stale = rnd.nextInt(3) == 0;
                    ExampleId id = before != null ? before.id() : ExampleId.next(clock.millis());
                    int expectedVersion = before == null ? 1 : stale ? before.version() - 1 : before.version();
                    expectedFailure = !inTaxonomy
                            ? ValidationException.class
                            : before == null ? NotFoundException.class : stale ? ConflictException.class : null;
                    call = () -> {
                        TrainingExample e = curator.reReview(id, review, expectedVersion);
                        model.put(
                                target,
                                new Expected(
                                        e.id(),
                                        before.status(),
                                        before.version() + 1,
                                        category != null ? category : before.category(),
                                        quality != null ? quality : before.quality(),
                                        improved != null ? improved : before.improved(),
                                        before.split()));
                    };
                }
            }
            List<TrainingExample> stateBefore = all(store);
            if (expectedFailure == null) {
                call.run();
            } else {
                try {
                    call.run();
                    throw new AssertionError("expected " + expectedFailure.getSimpleName() + " at step " + step);
                } catch (TuneloopException e) {
                    assertThat(e).isInstanceOf(expectedFailure);
                }
                assertThat(all(store)).as("a failing call changes nothing").isEqualTo(stateBefore);
            }
            for (Map.Entry<InteractionId, Expected> m : model.entrySet()) {
                TrainingExample stored =
                        store.examples().findBySource(m.getKey()).orElseThrow();
                Expected x = m.getValue();
                assertThat(stored.id()).isEqualTo(x.id());
                assertThat(stored.status()).isEqualTo(x.status());
                assertThat(stored.version()).isEqualTo(x.version());
                assertThat(stored.category() == null ? null : stored.category().name())
                        .isEqualTo(x.category());
                assertThat(stored.quality() == null ? null : stored.quality().value())
                        .isEqualTo(x.quality());
                assertThat(stored.improvedResponse()).isEqualTo(x.improved());
                assertThat(stored.split()).isEqualTo(x.split());
                assertThat(store.examples().history(x.id()))
                        .extracting(ExampleRevision::version)
                        .containsExactlyElementsOf(
                                IntStream.rangeClosed(1, x.version()).boxed().toList());
            }
            assertThat(all(store)).hasSize(model.size());
        }
    }

    private static List<TrainingExample> all(Store store) {
        List<TrainingExample> out = new ArrayList<>();
        store.examples().scan(ExampleQuery.all(), out::add);
        return out;
    }
}
