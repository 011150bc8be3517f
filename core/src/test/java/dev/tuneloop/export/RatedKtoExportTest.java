package dev.tuneloop.export;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.approved;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static dev.tuneloop.testsupport.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 👍/👎 on interactions nobody reviewed, as KTO signal: every rated interaction labelled by its latest rating. */
class RatedKtoExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store = Store.inMemory();
    private final JsonlExporter exporter = JsonlExporter.create(store.examples(), store.interactions());

    private static final String[] TOPICS = {
        "revenue",
        "gross margin",
        "operating income",
        "free cash flow",
        "buybacks",
        "dividends",
        "guidance",
        "segment growth",
        "stock compensation",
        "capital expenditure",
        "inventory",
        "deferred revenue"
    };

    /** An interaction with a distinct question and answer, so none is a near-duplicate of another. */
    private static Interaction distinct(int n) {
        String topic = TOPICS[n % TOPICS.length];
        return interaction("user-" + n, NOW.plusSeconds(n))
                .userMessage("Question " + n + ": what happened to " + topic + " in fiscal year " + (2000 + n) + "?")
                .assistantResponse("Answer " + n + " says " + topic + " moved by " + (n * 7 % 90) + " percent in "
                        + (2000 + n) + ", per filing number " + (1000 + n * 13) + ".")
                .build();
    }

    private void rate(Interaction i, Rating.Value... ratings) {
        List<FeedbackEvent> events = new ArrayList<>();
        for (int k = 0; k < ratings.length; k++) {
            events.add(FeedbackEvent.of(i.id(), NOW.plusSeconds(3600 + k), new Rating(ratings[k], null)));
        }
        store.interactions().append(List.of(i), events);
    }

    private static ExportOptions.Builder kto() {
        return ExportOptions.builder()
                .format(ExportFormat.TRL_KTO)
                .includeRatedInteractions(true)
                .minExamples(1);
    }

    /** Label by example_id, in file order. */
    private Map<String, Boolean> export(ExportOptions options, ExportReport[] report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report[0] = exporter.export(options, out);
        Map<String, Boolean> labels = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            assertThat(n.get("label").isBoolean()).isTrue();
            String id = n.get("example_id").asText();
            Boolean before = labels.put(id, n.get("label").asBoolean());
            assertThat(before).as("a second line for %s", id).isNull();
        }
        return labels;
    }

    private static String key(Interaction i) {
        return "interaction:" + i.id();
    }

    @Test
    void ratedInteractionsAreLabelledByTheirLatestRatingAndReviewedOnesAreNotCountedTwice() throws IOException {
        Interaction up = distinct(1);
        Interaction down = distinct(2);
        Interaction upThenDown = distinct(3);
        Interaction downThenUp = distinct(4);
        Interaction unrated = distinct(5);
        Interaction approvedAndUp = distinct(6);
        Interaction rejectedAndDown = distinct(7);
        rate(up, Rating.Value.UP);
        rate(down, Rating.Value.DOWN);
        rate(upThenDown, Rating.Value.UP, Rating.Value.DOWN);
        rate(downThenUp, Rating.Value.DOWN, Rating.Value.UP, Rating.Value.DOWN, Rating.Value.UP);
        rate(unrated);
        rate(approvedAndUp, Rating.Value.UP);
        rate(rejectedAndDown, Rating.Value.DOWN);
        TrainingExample ex = approved(approvedAndUp, NOW);
        store.examples().insert(ex, firstRevision(ex));
        TrainingExample rej = rejected(rejectedAndDown, NOW);
        store.examples().insert(rej, firstRevision(rej));

        ExportReport[] r = new ExportReport[1];
        Map<String, Boolean> labels = export(kto().build(), r);

        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put(ex.id().toString(), true); // the reviewed one, through its example only
        expected.put(key(up), true);
        expected.put(key(down), false);
        expected.put(key(upThenDown), false);
        expected.put(key(downThenUp), true);
        assertThat(labels).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(r[0].rated()).isEqualTo(new ExportReport.RatedInteractions(2, 2, 2, 0));
        assertThat(r[0].validation().desirable()).isEqualTo(3);
        assertThat(r[0].validation().undesirable()).isEqualTo(2);
        assertThat(r[0].validation().ok()).isTrue();
        assertThat(r[0].written()).isEqualTo(5);
    }

    @Test
    void everyRatedInteractionGetsItsLatestRatingOverManyRandomHistories() throws IOException {
        Random random = new Random(16);
        Map<InteractionId, Boolean> expected = new HashMap<>();
        for (int n = 0; n < 60; n++) {
            Interaction i = distinct(100 + n);
            int count = random.nextInt(5); // 0 to 4 ratings
            Rating.Value[] ratings = new Rating.Value[count];
            for (int k = 0; k < count; k++) {
                ratings[k] = random.nextBoolean() ? Rating.Value.UP : Rating.Value.DOWN;
            }
            rate(i, ratings);
            if (count > 0) {
                expected.put(i.id(), ratings[count - 1] == Rating.Value.UP);
            }
        }
        ExportReport[] r = new ExportReport[1];
        Map<String, Boolean> labels = export(kto().build(), r);

        Map<String, Boolean> want = new HashMap<>();
        expected.forEach((id, label) -> want.put("interaction:" + id, label));
        assertThat(labels).isEqualTo(want);
        long ups = expected.values().stream().filter(b -> b).count();
        assertThat(r[0].rated().desirable()).isEqualTo(ups);
        assertThat(r[0].rated().undesirable()).isEqualTo(expected.size() - ups);
    }

    @Test
    void ratedTextsAreRedactedEvenWithoutExportRedaction() throws IOException {
        Interaction i = interaction("u", NOW)
                .userMessage("Can you mail the 10-K summary to jane.doe@example.com please?")
                .assistantResponse("Sure, I sent it to jane.doe@example.com just now.")
                .build();
        rate(i, Rating.Value.UP);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = exporter.export(kto().redact(false).build(), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("jane.doe@example.com").contains("[EMAIL]");
        assertThat(r.rated().desirable()).isEqualTo(1);
    }

    @Test
    void aRatedNearDuplicateOfAHoldoutExampleIsLeftOut() throws IOException {
        Interaction heldOut = distinct(1);
        store.interactions().append(List.of(heldOut), List.of());
        TrainingExample h = approved(heldOut, NOW);
        // same texts as the holdout example, rated by another user
        TrainingExample holdoutExample = TrainingExample.builder(
                        h.id(), h.sourceInteractionId(), h.status(), Split.HOLDOUT)
                .userId(h.userId())
                .interactionCreatedAt(h.interactionCreatedAt())
                .userMessage(h.userMessage())
                .originalResponse(h.originalResponse())
                .modelUsed(h.modelUsed())
                .category(Category.SEC_10Q)
                .quality(h.quality())
                .reviewer("r")
                .createdAt(NOW)
                .reviewedAt(NOW)
                .build();
        store.examples().insert(holdoutExample, firstRevision(holdoutExample));
        Interaction copy = interaction("other", NOW)
                .userMessage(heldOut.userMessage())
                .assistantResponse(heldOut.assistantResponse())
                .build();
        rate(copy, Rating.Value.UP);
        Interaction fine = distinct(2);
        rate(fine, Rating.Value.DOWN);

        ExportReport[] r = new ExportReport[1];
        Map<String, Boolean> labels = export(kto().build(), r);
        assertThat(labels).containsOnlyKeys(key(fine));
        assertThat(r[0].rated().leaks()).isEqualTo(1);
        assertThat(r[0].skipped(SkipReason.HOLDOUT_NEAR_DUPLICATE)).isEqualTo(1);
        assertThat(r[0].validation().warnings()).isPositive(); // kto_unbalanced: only an undesirable line
    }

    @Test
    void theOptionIsOnlyForKtoAndNeedsTheInteractionStore() {
        assertThatThrownBy(() -> ExportOptions.builder()
                        .format(ExportFormat.TRL_SFT)
                        .includeRatedInteractions(true)
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("includeRatedInteractions needs format TRL_KTO");
        JsonlExporter examplesOnly = JsonlExporter.create(store.examples());
        assertThatThrownBy(() -> examplesOnly.export(kto().build(), new ByteArrayOutputStream()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("interaction store");
    }

    @Test
    void withoutTheOptionRatedInteractionsAreNotExported() throws IOException {
        rate(distinct(1), Rating.Value.UP);
        TrainingExample ex = approved(distinct(2), NOW);
        ExportReport[] r = new ExportReport[1];
        store.examples().insert(ex, firstRevision(ex));
        Map<String, Boolean> labels = export(
                ExportOptions.builder()
                        .format(ExportFormat.TRL_KTO)
                        .minExamples(1)
                        .build(),
                r);
        assertThat(labels).containsOnlyKeys(ex.id().toString());
        assertThat(r[0].rated()).isEqualTo(ExportReport.RatedInteractions.NONE);
    }
}
