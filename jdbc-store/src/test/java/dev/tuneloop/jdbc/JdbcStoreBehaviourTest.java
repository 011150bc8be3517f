package dev.tuneloop.jdbc;

import static dev.tuneloop.jdbc.Fixtures.NOW;
import static dev.tuneloop.jdbc.Fixtures.approved;
import static dev.tuneloop.jdbc.Fixtures.event;
import static dev.tuneloop.jdbc.Fixtures.firstRevision;
import static dev.tuneloop.jdbc.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FollowUp;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.ScanQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JDBC-specific behaviour (the seed's derived columns, SQL-level idempotence, ordering, erasure, migrations), run on
 * H2 and on PostgreSQL by the subclasses.
 */
abstract class JdbcStoreBehaviourTest {
    DataSource dataSource;
    JdbcStore store;

    abstract DataSource newDataSource();

    @BeforeEach
    void setUp() {
        dataSource = newDataSource();
        store = JdbcStore.create(dataSource);
    }

    @Test
    void interactionRoundTripsEveryFieldToTheMicrosecond() {
        Interaction i = Interaction.builder()
                .id(InteractionId.next())
                .createdAt(Instant.parse("2026-11-27T08:15:30.123456789Z"))
                .userId("user-1")
                .sessionId("session-9")
                .systemPrompt("You are a financial analyst.")
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse("About $1.4B.")
                .addRetrievedDocument("doc-1", "NVDA 10-Q", "SBC was $1,4xx million")
                .addRetrievedDocument("doc-2", null, "")
                .modelUsed("gpt-4o-mini")
                .addPriorTurn(dev.tuneloop.record.Role.USER, "hi")
                .addPriorTurn(dev.tuneloop.record.Role.ASSISTANT, "")
                .latency(Duration.ofNanos(1_234_567_891L))
                .tokens(120, 45)
                .metadata(Map.of("feature", "chat", "locale", "de-CH"))
                .build();
        store.interactions().append(List.of(i), List.of());

        RecordedInteraction r = store.interactions().find(i.id()).orElseThrow();
        assertThat(r.interaction()).isEqualTo(i);
        assertThat(r.interaction().createdAt()).isEqualTo(Instant.parse("2026-11-27T08:15:30.123456Z"));
        assertThat(r.interaction().retrievedContext())
                .containsExactly(
                        new RetrievedDocument("doc-1", "NVDA 10-Q", "SBC was $1,4xx million"),
                        new RetrievedDocument("doc-2", null, ""));
        assertThat(r.interaction().priorTurns()).containsExactly(ChatMessage.user("hi"), ChatMessage.assistant(""));
        assertThat(r.feedback().hasFeedback()).isFalse();
        assertThat(store.interactions().find(InteractionId.next())).isEmpty();
    }

    @Test
    void aLatencyTooLongToStoreIsRefusedAndNothingIsWritten() {
        Interaction ok = interaction(NOW, "u1");
        Interaction tooLong = interaction(NOW, "u1").toBuilder()
                .latency(Duration.ofDays(300L * 365))
                .build();
        assertThatThrownBy(() -> store.interactions().append(List.of(ok, tooLong), List.of()))
                .isInstanceOf(dev.tuneloop.errors.ValidationException.class)
                .hasMessageContaining("latency must be at most");
        assertThat(store.interactions().find(ok.id())).isEmpty();
    }

    @Test
    void appendIsIdempotentAndNeverReplacesAStoredInteraction() throws SQLException {
        Interaction i = interaction(NOW, "u1");
        FeedbackEvent up = event(i, NOW.plusSeconds(1), Rating.up());
        store.interactions().append(List.of(i), List.of(up));
        Interaction changed =
                i.toBuilder().assistantResponse("a different answer").build();
        store.interactions().append(List.of(changed, changed), List.of(up, up));

        assertThat(store.interactions().find(i.id()).orElseThrow().interaction())
                .isEqualTo(i);
        assertThat(count("SELECT COUNT(*) FROM interaction_logs")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM feedback_events")).isEqualTo(1);
        assertThat(store.interactions().count(ScanQuery.all())).isEqualTo(1);
    }

    @Test
    void seedColumnsAreDerivedFromEventsLatestRatingWins() throws SQLException {
        Interaction i = interaction(NOW, "u1");
        store.interactions().append(List.of(i), List.of(event(i, NOW.plusSeconds(5), Rating.down())));
        store.interactions()
                .append(
                        List.of(),
                        List.of(
                                event(i, NOW.plusSeconds(9), Rating.up("better now")),
                                event(i, NOW.plusSeconds(7), Edit.of("first edit")),
                                event(i, NOW.plusSeconds(8), new Edit("second edit", "bob"))));

        assertThat(seedColumns(i.id())).isEqualTo("1|second edit|false");
        RecordedInteraction r = store.interactions().find(i.id()).orElseThrow();
        assertThat(r.feedback().rating()).isEqualTo(Rating.up("better now"));
        assertThat(r.feedback().edits())
                .extracting(e -> e.text() + "/" + e.editor())
                .containsExactly("first edit/null", "second edit/bob");
        assertThat(r.feedback().ratedAt()).isEqualTo(NOW.plusSeconds(9));

        store.interactions()
                .append(
                        List.of(),
                        List.of(
                                event(i, NOW.plusSeconds(10), FollowUp.of("and Q4?")),
                                event(i, NOW.plusSeconds(11), FollowUp.of())));
        assertThat(seedColumns(i.id())).isEqualTo("1|second edit|true");
        assertThat(store.interactions().find(i.id()).orElseThrow().feedback().followUps())
                .isEqualTo(2);
    }

    @Test
    void eventsThatArriveBeforeTheirInteractionApplyWhenItArrives() throws SQLException {
        Interaction i = interaction(NOW, "u1");
        store.interactions()
                .append(
                        List.of(),
                        List.of(
                                event(i, NOW.plusSeconds(1), Edit.of("fixed")),
                                event(i, NOW.plusSeconds(2), Rating.up())));
        assertThat(store.interactions().find(i.id())).isEmpty();

        store.interactions().append(List.of(i), List.of());
        assertThat(seedColumns(i.id())).isEqualTo("1|fixed|false");
        assertThat(store.interactions().find(i.id()).orElseThrow().feedback().isEdited())
                .isTrue();
        assertThat(store.interactions().candidates(CandidateQuery.seedDefault(NOW.plusSeconds(60))))
                .extracting(RecordedInteraction::id)
                .containsExactly(i.id());
    }

    @Test
    void candidatesComeEditedFirstThenNewestThenHighestId() {
        UUID low = UUID.fromString("00000000-0000-7000-8000-000000000001");
        UUID high = UUID.fromString("ffffffff-0000-7000-8000-000000000001");
        Interaction tieLow = interaction(NOW.minusSeconds(100), "u").toBuilder()
                .id(InteractionId.of(low))
                .build();
        Interaction tieHigh = interaction(NOW.minusSeconds(100), "u").toBuilder()
                .id(InteractionId.of(high))
                .build();
        Interaction newest = interaction(NOW.minusSeconds(10), "u");
        Interaction oldEdited = interaction(NOW.minusSeconds(500), "u");
        Interaction downvoted = interaction(NOW.minusSeconds(5), "u");
        Interaction followedUp = interaction(NOW.minusSeconds(5), "u");
        Interaction tooOld = interaction(NOW.minus(Duration.ofDays(8)), "u");
        store.interactions()
                .append(
                        List.of(tieLow, tieHigh, newest, oldEdited, downvoted, followedUp, tooOld),
                        List.of(
                                event(tieLow, NOW, Rating.up()),
                                event(tieHigh, NOW, Rating.up()),
                                event(newest, NOW, Rating.up()),
                                event(oldEdited, NOW, Edit.of("better")),
                                event(downvoted, NOW, Rating.down()),
                                event(followedUp, NOW, Rating.up()),
                                event(followedUp, NOW, FollowUp.of()),
                                event(tooOld, NOW, Rating.up())));

        List<RecordedInteraction> c = store.interactions().candidates(CandidateQuery.seedDefault(NOW));
        assertThat(c)
                .extracting(RecordedInteraction::id)
                .containsExactly(oldEdited.id(), newest.id(), tieHigh.id(), tieLow.id());
        assertThat(store.interactions()
                        .candidates(CandidateQuery.seedDefault(NOW).toBuilder()
                                .limit(2)
                                .build()))
                .extracting(RecordedInteraction::id)
                .containsExactly(oldEdited.id(), newest.id());
    }

    @Test
    void subMicrosecondBoundsSelectExactlyWhatTheInMemoryStoreSelects() {
        Interaction i = interaction(NOW, "u1");
        dev.tuneloop.store.Store memory = dev.tuneloop.store.Store.inMemory();
        for (dev.tuneloop.record.InteractionStore s : List.of(store.interactions(), memory.interactions())) {
            s.append(List.of(i), List.of(event(i, NOW, Rating.up())));
        }
        TrainingExample e = approved(i, NOW);
        store.examples().insert(e, firstRevision(e));
        memory.examples().insert(e, firstRevision(e));
        Instant dayBefore = NOW.minus(Duration.ofDays(1));
        for (long nanos : new long[] {-1001, -1000, -999, -1, 0, 1, 999, 1000, 1001}) {
            Instant b = NOW.plusNanos(nanos);
            CandidateQuery after =
                    CandidateQuery.builder(b).excludeReviewed(false).build();
            CandidateQuery before = CandidateQuery.builder(dayBefore)
                    .createdBefore(b)
                    .excludeReviewed(false)
                    .build();
            assertThat(ids(after))
                    .as("after %d ns", nanos)
                    .isEqualTo(memory.interactions().candidates(after).stream()
                            .map(RecordedInteraction::id)
                            .toList());
            assertThat(ids(before))
                    .as("before %d ns", nanos)
                    .isEqualTo(memory.interactions().candidates(before).stream()
                            .map(RecordedInteraction::id)
                            .toList());
            ScanQuery from = ScanQuery.between(b, NOW.plusSeconds(60));
            ScanQuery until = ScanQuery.between(dayBefore, b);
            assertThat(store.interactions().count(from))
                    .as("from %d ns", nanos)
                    .isEqualTo(memory.interactions().count(from));
            assertThat(store.interactions().count(until))
                    .as("until %d ns", nanos)
                    .isEqualTo(memory.interactions().count(until));
            ExampleQuery reviewed = ExampleQuery.all().withReviewedBetween(b, NOW.plusSeconds(60));
            ExampleQuery reviewedBefore = ExampleQuery.all().withReviewedBetween(dayBefore, b);
            assertThat(scan(reviewed)).as("reviewed from %d ns", nanos).hasSize(count(memory, reviewed));
            assertThat(scan(reviewedBefore)).as("reviewed until %d ns", nanos).hasSize(count(memory, reviewedBefore));
        }
    }

    private static int count(dev.tuneloop.store.Store memory, ExampleQuery q) {
        List<TrainingExample> out = new ArrayList<>();
        memory.examples().scan(q, out::add);
        return out.size();
    }

    @Test
    void theMetadataFilterMatchesWholeEntriesOnly() {
        Interaction exact = interaction(NOW.minusSeconds(1), "u").toBuilder()
                .metadata(Map.of("k", "v", "z", "1"))
                .build();
        Interaction inValue = interaction(NOW.minusSeconds(2), "u").toBuilder()
                .metadata(Map.of("x", "\"k\":\"v\""))
                .build();
        Interaction longerValue = interaction(NOW.minusSeconds(3), "u").toBuilder()
                .metadata(Map.of("k", "vv"))
                .build();
        Interaction longerKey = interaction(NOW.minusSeconds(4), "u").toBuilder()
                .metadata(Map.of("kk", "v"))
                .build();
        Interaction wildcard = interaction(NOW.minusSeconds(5), "u").toBuilder()
                .metadata(Map.of("k", "%"))
                .build();
        List<Interaction> all = List.of(exact, inValue, longerValue, longerKey, wildcard);
        store.interactions()
                .append(all, all.stream().map(i -> event(i, NOW, Rating.up())).toList());
        CandidateQuery base = CandidateQuery.seedDefault(NOW);

        assertThat(ids(base.toBuilder().metadataEquals("k", "v").limit(1).build()))
                .containsExactly(exact.id());
        assertThat(ids(base.toBuilder().metadataEquals("k", "v").build())).containsExactly(exact.id());
        assertThat(ids(base.toBuilder().metadataEquals("k", "%").build())).containsExactly(wildcard.id());
        assertThat(ids(base.toBuilder().metadataEquals("k", "_").build())).isEmpty();
        assertThat(ids(base.toBuilder().metadataEquals("x", "\"k\":\"v\"").build()))
                .containsExactly(inValue.id());
    }

    @Test
    void everyCandidateQueryFieldIsApplied() {
        Interaction a = interaction(NOW.minusSeconds(30), "alice").toBuilder()
                .modelUsed("ft:v1")
                .metadata(Map.of("feature", "chat", "locale", "en"))
                .build();
        Interaction b = interaction(NOW.minusSeconds(20), "bob").toBuilder()
                .assistantResponse("short")
                .metadata(Map.of("feature", "search"))
                .build();
        Interaction c = interaction(NOW.minusSeconds(10), "carol").toBuilder()
                .assistantResponse("😀😀😀")
                .build();
        store.interactions()
                .append(
                        List.of(a, b, c),
                        List.of(event(a, NOW, Rating.up()), event(b, NOW, Rating.up()), event(c, NOW, Rating.up())));
        CandidateQuery base = CandidateQuery.seedDefault(NOW);

        assertThat(ids(base.toBuilder().modelsUsed(Set.of("ft:v1")).build())).containsExactly(a.id());
        assertThat(ids(base.toBuilder().metadataEquals("feature", "chat").build()))
                .containsExactly(a.id());
        assertThat(ids(base.toBuilder()
                        .metadataEquals("feature", "chat")
                        .metadataEquals("locale", "de")
                        .build()))
                .isEmpty();
        // UTF-16 length, as Java counts it: three emoji are six chars
        assertThat(ids(base.toBuilder().minResponseChars(6).build())).containsExactly(c.id(), a.id());
        assertThat(ids(base.toBuilder().minResponseChars(7).build())).containsExactly(a.id());
        assertThat(ids(base.toBuilder().excludeUserIds(Set.of("alice", "carol")).build()))
                .containsExactly(b.id());
        assertThat(ids(base.toBuilder().excludeIds(Set.of(b.id())).build())).containsExactly(c.id(), a.id());
        assertThat(ids(base.toBuilder()
                        .createdAfter(NOW.minusSeconds(25))
                        .createdBefore(NOW.minusSeconds(10))
                        .build()))
                .containsExactly(b.id());
        assertThat(ids(base.toBuilder()
                        .metadataEquals("feature", "chat")
                        .limit(1)
                        .build()))
                .containsExactly(a.id());

        TrainingExample ex = approved(a, NOW);
        store.examples().insert(ex, firstRevision(ex));
        assertThat(ids(base)).containsExactly(c.id(), b.id());
        assertThat(ids(base.toBuilder().excludeReviewed(false).build())).containsExactly(c.id(), b.id(), a.id());
    }

    @Test
    void examplesAreInsertedOncePerInteractionAndUpdatedByVersion() {
        Interaction i = interaction(NOW, "u1");
        TrainingExample e = approved(i, NOW);
        store.examples().insert(e, firstRevision(e));

        TrainingExample second = approved(i, NOW.plusSeconds(1));
        assertThatThrownBy(() -> store.examples().insert(second, firstRevision(second)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(i.id().toString())
                .hasMessageContaining("already been reviewed");
        assertThat(store.examples().find(second.id())).isEmpty();

        TrainingExample v2 = withVersion(e, 2, "improved answer");
        ExampleRevision r2 =
                new ExampleRevision(e.id(), 2, NOW.plusSeconds(5), "bob", List.of("improvedResponse"), "fixed");
        store.examples().update(v2, r2);
        assertThat(store.examples().find(e.id())).contains(v2);
        assertThat(store.examples().findBySource(i.id())).contains(v2);

        assertThatThrownBy(() -> store.examples().update(v2, r2))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is at version 2");
        TrainingExample ghost = approved(interaction(NOW, "u2"), NOW);
        assertThatThrownBy(() -> store.examples().update(withVersion(ghost, 2, "x"), r2))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.examples().history(e.id())).containsExactly(firstRevision(e), r2);
        assertThat(store.examples().history(ghost.id())).isEmpty();
    }

    @Test
    void exampleScanFiltersAndComesInIdOrder() {
        List<TrainingExample> all = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            Interaction i = interaction(NOW, "u" + k);
            TrainingExample e = approved(i, NOW.plusSeconds(k));
            if (k % 3 == 0) {
                e = TrainingExample.builder(e.id(), e.sourceInteractionId(), ExampleStatus.REJECTED, Split.HOLDOUT)
                        .userId(e.userId())
                        .interactionCreatedAt(e.interactionCreatedAt())
                        .userMessage(e.userMessage())
                        .originalResponse(e.originalResponse())
                        .modelUsed(e.modelUsed())
                        .reviewer("carol")
                        .rejectReason("off-topic")
                        .createdAt(e.createdAt())
                        .reviewedAt(e.reviewedAt())
                        .build();
            } else if (k % 3 == 1) {
                e = e.toBuilder()
                        .systemPrompt(null)
                        .priorTurns(List.of())
                        .retrievedContext(List.of())
                        .userEditedResponse(null)
                        .improvedResponse(null)
                        .category(Category.COMPARISON)
                        .quality(QualityScore.of(4))
                        .reviewer("carol")
                        .notes(null)
                        .rejectReason(null)
                        .version(1)
                        .build();
            }
            store.examples().insert(e, firstRevision(e));
            all.add(e);
        }
        all.sort((x, y) -> x.id().compareTo(y.id()));
        assertThat(scan(ExampleQuery.all())).containsExactlyElementsOf(all);
        assertThat(scan(ExampleQuery.approved()))
                .containsExactlyElementsOf(all.stream()
                        .filter(e -> e.status() == ExampleStatus.APPROVED)
                        .toList());
        assertThat(scan(ExampleQuery.all().withMinQuality(5)))
                .containsExactlyElementsOf(all.stream()
                        .filter(e -> e.quality() != null && e.quality().value() >= 5)
                        .toList());
        assertThat(scan(ExampleQuery.all().withSplit(Split.HOLDOUT))).hasSize(2);
        assertThat(scan(ExampleQuery.all().withCategories(Set.of(Category.COMPARISON))))
                .hasSize(2);
        assertThat(scan(ExampleQuery.all().withReviewedBetween(NOW.plusSeconds(1), NOW.plusSeconds(3))))
                .extracting(TrainingExample::reviewedAt)
                .containsExactlyInAnyOrder(NOW.plusSeconds(1), NOW.plusSeconds(2));
        assertThat(scan(ExampleQuery.all().withLimit(2))).containsExactlyElementsOf(all.subList(0, 2));
    }

    @Test
    void uuidOrderIsUnsignedLikeInteractionIdOrder() {
        List<InteractionId> ids = new ArrayList<>();
        for (String s : List.of(
                "7fffffff-ffff-7fff-bfff-ffffffffffff",
                "80000000-0000-7000-8000-000000000000",
                "00000000-0000-7000-8000-000000000000",
                "ffffffff-ffff-7fff-bfff-ffffffffffff")) {
            ids.add(InteractionId.parse(s));
        }
        List<Interaction> rows = ids.stream()
                .map(id -> interaction(NOW, "u").toBuilder().id(id).build())
                .toList();
        store.interactions().append(rows, List.of());
        List<InteractionId> scanned = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), r -> scanned.add(r.id()));
        assertThat(scanned).isSortedAccordingTo(InteractionId::compareTo).hasSize(4);
    }

    @Test
    void scanStreamsInCreatedOrderAcrossChunksWithFeedback() {
        List<Interaction> rows = new ArrayList<>();
        List<FeedbackEvent> events = new ArrayList<>();
        for (int k = 0; k < 1203; k++) {
            Interaction i = interaction(NOW.minusSeconds(k), k % 2 == 0 ? "even" : "odd");
            rows.add(i);
            if (k % 7 == 0) {
                events.add(event(i, NOW, Rating.down()));
            }
        }
        store.interactions().append(rows, events);
        List<RecordedInteraction> seen = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), seen::add);
        assertThat(seen).hasSize(1203);
        assertThat(seen).extracting(r -> r.interaction().createdAt()).isSorted();
        assertThat(seen.stream().filter(r -> r.feedback().isThumbsDown()).count())
                .isEqualTo(events.size());
        assertThat(store.interactions().count(ScanQuery.all().withUserId("even")))
                .isEqualTo(602);
        assertThat(store.interactions().count(ScanQuery.between(NOW.minusSeconds(9), NOW)))
                .isEqualTo(9);
    }

    @Test
    void erasingAUserRemovesInteractionsFeedbackAndExamples() throws SQLException {
        Interaction mine = interaction(NOW, "erase-me");
        Interaction other = interaction(NOW, "keep-me");
        store.interactions()
                .append(List.of(mine, other), List.of(event(mine, NOW, Edit.of("x")), event(other, NOW, Rating.up())));
        TrainingExample e = approved(mine, NOW);
        store.examples().insert(e, firstRevision(e));

        assertThat(store.eraseUser("erase-me").interactions()).isEqualTo(1);
        assertThat(store.interactions().find(mine.id())).isEmpty();
        assertThat(store.examples().find(e.id())).isEmpty();
        assertThat(store.examples().history(e.id())).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM feedback_events")).isEqualTo(1);
        assertThat(store.interactions().find(other.id())).isPresent();
        assertThat(store.eraseUser("erase-me")).isEqualTo(dev.tuneloop.store.ErasureReport.NONE);
    }

    @Test
    void aSecondStoreOnTheSameDatabaseFindsTheSchemaCurrentAndTheData() {
        Interaction i = interaction(NOW, "u1");
        store.interactions().append(List.of(i), List.of());
        JdbcStore again = JdbcStore.builder(dataSource).migrate(false).build();
        assertThat(again.interactions().find(i.id())).isPresent();
        assertThat(JdbcStore.create(dataSource).interactions().find(i.id())).isPresent();
    }

    @Test
    void rowsWrittenBeforeV10ReadAsTextOnlyUserMessagesAndNewRowsKeepTheParts() throws SQLException {
        // a database at version 9 with a row in each table: V10 and V11 taken back out, the rows written without
        // V10's column
        Interaction before = interaction(NOW, "u-before");
        store.interactions().append(List.of(before), List.of());
        TrainingExample example = approved(before, NOW);
        store.examples().insert(example, firstRevision(example));
        execute(
                "ALTER TABLE interaction_logs DROP COLUMN user_message_parts",
                "ALTER TABLE training_examples DROP COLUMN user_message_parts",
                "DROP TABLE preference_pairs",
                "DELETE FROM " + SchemaMigrator.VERSION_TABLE + " WHERE version >= 10");
        assertThatThrownBy(() -> JdbcStore.builder(dataSource).migrate(false).build())
                .hasMessageContaining("at version 9");

        JdbcStore upgraded = JdbcStore.create(dataSource); // applies V10 and V11
        assertThat(upgraded.interactions().find(before.id()).orElseThrow().interaction())
                .isEqualTo(before);
        assertThat(upgraded.examples().find(example.id()).orElseThrow()).isEqualTo(example);
        assertThat(count("SELECT COUNT(*) FROM interaction_logs WHERE user_message_parts = '[]'"))
                .isEqualTo(1);

        Interaction after = Interaction.builder()
                .createdAt(NOW)
                .userId("u-after")
                .userMessageParts(List.of(
                        dev.tuneloop.record.ContentPart.text("What does this chart show?"),
                        dev.tuneloop.record.ContentPart.imageUrl("https://img.example/q3.png", "image/png"),
                        dev.tuneloop.record.ContentPart.imageFile("file-abc123", null)))
                .assistantResponse("Revenue by quarter.")
                .modelUsed("gpt-4o")
                .build();
        upgraded.interactions().append(List.of(after), List.of());
        assertThat(upgraded.interactions().find(after.id()).orElseThrow().interaction())
                .isEqualTo(after);
        TrainingExample withParts = approved(after, NOW);
        upgraded.examples().insert(withParts, firstRevision(withParts));
        assertThat(upgraded.examples().find(withParts.id()).orElseThrow().userMessageParts())
                .isEqualTo(after.userMessageParts());
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    void withoutMigrationAnEmptyDatabaseIsRefusedNamingFoundAndExpectedVersions() {
        DataSource empty = newDataSource();
        assertThatThrownBy(() -> JdbcStore.builder(empty).migrate(false).build())
                .isInstanceOf(dev.tuneloop.errors.TuneloopException.class)
                .hasMessageContaining("at version 0")
                .hasMessageContaining("version " + JdbcStore.schemaVersion() + " is expected")
                .hasMessageContaining(store.dialect().migrationLocation());
    }

    static TrainingExample withVersion(TrainingExample e, int version, String improved) {
        return e.toBuilder()
                .improvedResponse(improved)
                .reviewer("bob")
                .reviewedAt(e.reviewedAt().plus(1, ChronoUnit.MINUTES))
                .version(version)
                .build();
    }

    List<InteractionId> ids(CandidateQuery q) {
        return store.interactions().candidates(q).stream()
                .map(RecordedInteraction::id)
                .toList();
    }

    List<TrainingExample> scan(ExampleQuery q) {
        List<TrainingExample> out = new ArrayList<>();
        store.examples().scan(q, out::add);
        return out;
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String seedColumns(InteractionId id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT feedback_rating, user_edited_response, had_followup "
                        + "FROM interaction_logs WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getObject(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3);
        }
    }
}
