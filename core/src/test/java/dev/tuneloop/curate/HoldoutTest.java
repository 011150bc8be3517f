package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.Fixtures.record;
import static dev.tuneloop.curate.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class HoldoutTest {

    @Test
    void bucketMatchesTheDocumentedVectors() {
        // SHA-256("00000000-0000-7000-8000-000000000000"), first 8 bytes big-endian unsigned, mod 10 000
        assertThat(Holdout.bucket(ExampleId.parse("00000000-0000-7000-8000-000000000000")))
                .isEqualTo(Holdout.VECTOR_BUCKET)
                .isEqualTo(106);
        assertThat(Holdout.bucket(ExampleId.parse("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b")))
                .isEqualTo(8043);
        assertThat(Holdout.split(ExampleId.parse("00000000-0000-7000-8000-000000000000"), 0.0107))
                .isEqualTo(Split.HOLDOUT);
        assertThat(Holdout.split(ExampleId.parse("00000000-0000-7000-8000-000000000000"), 0.0106))
                .isEqualTo(Split.TRAIN);
    }

    @Test
    void shareIsHonouredWithinToleranceOver100000Ids() {
        Random rnd = new Random(42);
        int n = 100_000;
        int held = 0;
        int[] perDecile = new int[10];
        for (int i = 0; i < n; i++) {
            ExampleId id = new ExampleId(new UUID(rnd.nextLong(), rnd.nextLong()));
            int b = Holdout.bucket(id);
            assertThat(b).isBetween(0, Holdout.BUCKETS - 1);
            perDecile[b / 1_000]++;
            if (Holdout.split(id, 0.10) == Split.HOLDOUT) {
                held++;
            }
        }
        // binomial sd at p=0.1, n=100 000 is ~95: 1% tolerance is > 10 sd
        assertThat(held / (double) n).isCloseTo(0.10, within(0.01));
        for (int count : perDecile) {
            assertThat(count / (double) n).isCloseTo(0.10, within(0.01));
        }
    }

    @Property(tries = 500)
    void splitIsStableAndMonotoneInShare(
            @ForAll long msb, @ForAll long lsb, @ForAll @DoubleRange(min = 0.01, max = 0.98) double share) {
        ExampleId id = new ExampleId(new UUID(msb, lsb));
        ExampleId same = ExampleId.parse(id.toString());
        assertThat(Holdout.bucket(same)).isEqualTo(Holdout.bucket(id));
        assertThat(Holdout.split(same, share)).isEqualTo(Holdout.split(id, share));
        if (Holdout.split(id, share) == Split.HOLDOUT) {
            assertThat(Holdout.split(id, share + 0.01)).isEqualTo(Split.HOLDOUT);
        }
    }

    @Test
    void bootstrapShareReachesTheMinimumHoldoutEarlyThenTheShareApplies() {
        HoldoutSettings s = HoldoutSettings.DEFAULT;
        Random rnd = new Random(7);
        int sequences = 200;
        long approvalsToMinimum = 0;
        for (int seq = 0; seq < sequences; seq++) {
            int held = 0;
            int approved = 0;
            while (held < s.minHoldout()) {
                ExampleId id = new ExampleId(new UUID(rnd.nextLong(), rnd.nextLong()));
                if (Holdout.assign(id, s, held) == Split.HOLDOUT) {
                    held++;
                }
                approved++;
            }
            approvalsToMinimum += approved;
        }
        // at a 30% bootstrap share 20 held-out examples take ~67 approvals (at the plain 10%: ~200)
        assertThat(approvalsToMinimum / (double) sequences).isCloseTo(20 / 0.3, within(5.0));
        int heldAfter = 0;
        for (int i = 0; i < 10_000; i++) {
            if (Holdout.assign(new ExampleId(new UUID(rnd.nextLong(), rnd.nextLong())), s, 20) == Split.HOLDOUT) {
                heldAfter++;
            }
        }
        assertThat(heldAfter / 10_000.0).isCloseTo(0.10, within(0.02));
    }

    @Test
    void curatorAssignsEachApprovalByTheRuleAndNeverReassigns() {
        Store store = Store.inMemory();
        TestClock clock = TestClock.at(NOW);
        HoldoutSettings settings = HoldoutSettings.builder()
                .share(0.1)
                .minHoldout(5)
                .bootstrapShare(0.5)
                .build();
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(clock).holdout(settings).build());
        List<TrainingExample> approved = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            InteractionId id = record(store, spec().at(NOW.minusSeconds(10 + i)));
            approved.add(curator.approve(
                    id, Review.by("ann").category("sec_10k").quality(7).build()));
            clock.advance(Duration.ofMillis(3));
        }
        int held = 0;
        for (TrainingExample e : approved) {
            assertThat(e.split()).as("example %s", e.id()).isEqualTo(Holdout.assign(e.id(), settings, held));
            if (e.split() == Split.HOLDOUT) {
                held++;
            }
        }
        for (TrainingExample e : approved) {
            TrainingExample again =
                    curator.reReview(e.id(), Review.by("bob").quality(9).build());
            assertThat(again.split()).isEqualTo(e.split());
        }
        List<TrainingExample> stored = new ArrayList<>();
        store.examples().scan(ExampleQuery.approved(), stored::add);
        assertThat(stored)
                .extracting(TrainingExample::split)
                .containsExactlyElementsOf(
                        approved.stream().map(TrainingExample::split).toList());
    }

    @Test
    void similarityTextIsQuestionSpaceTrainingResponse() {
        Store store = Store.inMemory();
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(TestClock.at(NOW)).build());
        InteractionId id = record(store, spec().question("Q?").answer("A.").edit("Edited."));
        TrainingExample e = curator.approve(
                id, Review.by("ann").category("sec_10k").quality(7).build());
        assertThat(Holdout.similarityText(e)).isEqualTo("Q? Edited.");
        TrainingExample better = curator.reReview(
                e.id(), Review.by("ann").improvedResponse("Best.").build());
        assertThat(Holdout.similarityText(better)).isEqualTo("Q? Best.");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> HoldoutSettings.builder()
                        .share(0)
                        .minHoldout(-1)
                        .bootstrapShare(1.5)
                        .build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .containsExactly(
                                "holdout share must be > 0 and < 1, but was 0.0",
                                "minHoldout must be >= 0, but was -1",
                                "bootstrapShare must be >= share (0.0) and < 1, but was 1.5"));
        assertThat(HoldoutSettings.DEFAULT.withShare(0.4).bootstrapShare()).isEqualTo(0.4);
        assertThat(HoldoutSettings.DEFAULT.withMinHoldout(0).minHoldout()).isZero();
    }

    @Test
    void settingsStartAtTheirDefaultsAndCopyThroughToBuilder() {
        HoldoutSettings d = HoldoutSettings.DEFAULT;
        assertThat(d.share()).isEqualTo(HoldoutSettings.DEFAULT_SHARE);
        assertThat(d.minHoldout()).isEqualTo(HoldoutSettings.DEFAULT_MIN_HOLDOUT);
        assertThat(d.bootstrapShare()).isEqualTo(HoldoutSettings.DEFAULT_BOOTSTRAP_SHARE);
        assertThat(HoldoutSettings.builder().build()).isEqualTo(d).hasSameHashCodeAs(d);

        HoldoutSettings custom = HoldoutSettings.builder()
                .share(0.2)
                .minHoldout(7)
                .bootstrapShare(0.4)
                .build();
        assertThat(custom.toBuilder().build()).isEqualTo(custom).hasSameHashCodeAs(custom);
        assertThat(custom).isNotEqualTo(d);
        assertThat(custom.toBuilder().minHoldout(8).build()).isNotEqualTo(custom);
        assertThat(custom).hasToString("HoldoutSettings[share=0.2, minHoldout=7, bootstrapShare=0.4]");
    }
}
