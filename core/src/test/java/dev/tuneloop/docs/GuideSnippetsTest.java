package dev.tuneloop.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.dedup.DuplicatePair;
import dev.tuneloop.dedup.NearDuplicateDetector;
import dev.tuneloop.metrics.ArmReport;
import dev.tuneloop.metrics.Guardrail;
import dev.tuneloop.metrics.GuardrailDecision;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.redact.PiiType;
import dev.tuneloop.redact.Redaction;
import dev.tuneloop.redact.Redactor;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Assignment;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Java blocks of docs/guide that have no test of their own, run here; each block is the region between its
 * {@code snippet:} markers (checked by the examples module's DocumentationSnippetsTest).
 */
class GuideSnippetsTest {

    record Example(String id, String answer) {}

    private final List<String> reviewed = new ArrayList<>();

    private void review(String first, String second, double jaccard) {
        reviewed.add(first + "~" + second + "@" + (jaccard >= 0.8));
    }

    @Test
    void nearDuplicates() {
        String base = "Stock-based compensation was 1,400 million in Q3 FY2025, up from 1,100 million a year earlier";
        Map<String, String> answersById = new LinkedHashMap<>();
        answersById.put("a", base + ", driven by new grants.");
        answersById.put("b", base + ", driven by new grants!");
        answersById.put("c", "Revenue guidance for the next quarter is 37.5 billion, plus or minus two percent.");
        List<Example> holdoutExamples = List.of(new Example("h1", base + ", driven by new grants."));
        String candidateAnswer = base + ", driven by new grants";

        // snippet:near-duplicates
        NearDuplicateDetector detector = NearDuplicateDetector.create(); // Jaccard >= 0.8, 3-word shingles, 21 x 6
        List<DuplicatePair<String>> pairs = detector.findPairs(answersById); // Map<String, String>: id -> text
        for (DuplicatePair<String> p : pairs) { // each pair once, first < second, sorted
            review(p.first(), p.second(), p.jaccard());
        }
        List<List<String>> groups = detector.groups(answersById); // connected components: keep one per group

        NearDuplicateDetector.Index<String> holdout = detector.newIndex(); // incremental: check new texts against a set
        holdoutExamples.forEach(e -> holdout.add(e.id(), e.answer()));
        boolean leaks = !holdout.matches(candidateAnswer).isEmpty(); // (indexed key, null, jaccard), best first
        // end-snippet:near-duplicates

        assertThat(reviewed).containsExactly("a~b@true");
        assertThat(groups).containsExactly(List.of("a", "b"));
        assertThat(leaks).isTrue();
        assertThat(holdout.matches(answersById.get("c"))).isEmpty();
    }

    @Test
    void redaction() {
        String text = "Contact ann@example.com or +1 415 555 0132; card 4111 1111 1111 1111";
        // a host's own rule: internal account codes; a redactor that changes the text reports what it masked
        Redactor myCustomRedactor = t -> t.contains("Contact")
                ? new Redaction(t.replace("Contact", "[SECRET]"), Map.of(PiiType.SECRET, 1))
                : Redaction.unchanged(t);

        // snippet:redaction
        Redaction r = Redactor.standard().redact(text); // thread-safe, linear time
        r.text(); // "Contact [EMAIL] or [PHONE]; card [CARD]"
        r.counts(); // {EMAIL=1, PHONE=1, PAYMENT_CARD=1}  (toString() never prints the text)
        Redactor.standard(EnumSet.of(PiiType.EMAIL, PiiType.SECRET)); // only some types
        Redactor.none(); // unchanged text, empty counts
        Redactor.standard().andThen(myCustomRedactor); // Redactor is a one-method SPI
        // end-snippet:redaction

        assertThat(r.text()).isEqualTo("Contact [EMAIL] or [PHONE]; card [CARD]");
        assertThat(r.counts())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(PiiType.EMAIL, 1, PiiType.PHONE, 1, PiiType.PAYMENT_CARD, 1));
        assertThat(r.toString()).doesNotContain("ann@example.com");
        assertThat(Redactor.standard(EnumSet.of(PiiType.EMAIL, PiiType.SECRET))
                        .redact(text)
                        .text())
                .isEqualTo("Contact [EMAIL] or +1 415 555 0132; card 4111 1111 1111 1111");
        assertThat(Redactor.none().redact(text).text()).isEqualTo(text);
        assertThat(Redactor.standard().andThen(myCustomRedactor).redact(text).text())
                .isEqualTo("[SECRET] [EMAIL] or [PHONE]; card [CARD]");
    }

    /** Stands in for the host's analytics client. */
    static final class Analytics {
        final List<String> logged = new CopyOnWriteArrayList<>();

        void log(String userId, Assignment assignment) {
            logged.add(userId + "=" + assignment.arm());
        }
    }

    @Test
    void routing() {
        Map<String, String> env = Map.of(RoutingPlan.ENV_FINE_TUNED_MODEL, "ft:gpt-4o-mini:acme:v1:abc");
        Analytics analytics = new Analytics();
        String userId = "user-1";

        // snippet:routing
        RoutingPlan plan = RoutingPlan.fromEnvironment(env); // env: System.getenv(); 80 % fine-tuned / 20 % base
        // or: RoutingPlan.fromDeployed(registry, "gpt-4o-mini", 8_000, "exp-2026-11")
        AbRouter router = AbRouter.builder(plan)
                .exposureListener(e -> analytics.log(e.userId(), e.assignment())) // optional, off the request thread
                .exposureSampleRate(0.1)
                .build();

        String model = router.modelFor(userId); // every request: no lock; allocates only if sampled
        router.update(plan.rampFirstArm(9_000)); // ramp to 90 %: only moves users into the fine-tuned arm
        router.killSwitch("gpt-4o-mini"); // everyone to the base model, arms kept for later
        // end-snippet:routing

        assertThat(model).isIn("ft:gpt-4o-mini:acme:v1:abc", "gpt-4o-mini");
        assertThat(router.plan().killSwitchOn()).isTrue();
        assertThat(router.modelFor(userId)).isEqualTo("gpt-4o-mini");
        assertThat(router.plan().arms()).hasSize(2);
        router.close();
    }

    @Test
    void guardrail() {
        Store tuneloopStore = Store.inMemory();
        var store = tuneloopStore.interactions();
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        ScanQuery lastWeek = ScanQuery.between(now.minusSeconds(7 * 86_400), now);
        AbRouter router = AbRouter.builder(RoutingPlan.fromEnvironment(
                        Map.of(RoutingPlan.ENV_FINE_TUNED_MODEL, "ft:gpt-4o-mini:acme:v1:abc")))
                .build();

        // snippet:guardrail
        Guardrail guardrail = Guardrail.builder("fine-tuned", "base")
                .alpha(0.05)
                .minSamplesPerArm(200)
                .build();
        GuardrailDecision d = guardrail.enforce(ArmReport.collect(store, lastWeek, router.plan()), router);
        // d.rollback(): candidate's thumbs-down or follow-up rate significantly higher (one-sided); d.applied(): kill
        // switch on
        // end-snippet:guardrail

        // no traffic yet: too few samples to call a rollback
        assertThat(d.rollback()).isFalse();
        assertThat(d.applied()).isFalse();
        assertThat(router.plan().killSwitchOn()).isFalse();
    }
}
