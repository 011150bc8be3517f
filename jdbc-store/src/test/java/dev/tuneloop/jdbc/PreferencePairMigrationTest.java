package dev.tuneloop.jdbc;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.approved;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.PairMarker;
import dev.tuneloop.curate.PreferencePair;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.testing.TestClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration that adds {@code preference_pairs} on a database one version behind, holding data: every existing
 * row reads back the same, and pairs can be marked afterwards.
 */
class PreferencePairMigrationTest {

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<DataSource>) TestDatabases::freshH2),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::freshPostgresSchema));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void addsTheTableWithoutTouchingExistingRows(String name, Supplier<DataSource> database) throws SQLException {
        DataSource ds = database.get();
        JdbcStore before = JdbcStore.create(ds);
        Interaction gold = interaction("u1", NOW.minusSeconds(60)).build();
        Interaction worse = interaction("u2", NOW.minusSeconds(30))
                .assistantResponse("Roughly a billion.")
                .build();
        before.interactions().append(List.of(gold, worse), List.of());
        TrainingExample example = approved(gold, NOW);
        before.examples().insert(example, firstRevision(example));
        List<RecordedInteraction> interactionsBefore = new ArrayList<>();
        before.interactions().scan(ScanQuery.all(), interactionsBefore::add);
        // back to the schema one version before the preference pairs, keeping the rows
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE preference_pairs");
            s.execute("DELETE FROM " + SchemaMigrator.VERSION_TABLE + " WHERE version = " + JdbcStore.schemaVersion());
        }

        JdbcStore after = JdbcStore.create(ds);

        List<RecordedInteraction> interactionsAfter = new ArrayList<>();
        after.interactions().scan(ScanQuery.all(), interactionsAfter::add);
        assertThat(interactionsAfter).isEqualTo(interactionsBefore);
        List<TrainingExample> examples = new ArrayList<>();
        after.examples().scan(ExampleQuery.all(), examples::add);
        assertThat(examples).containsExactly(example);
        List<PreferencePair> none = new ArrayList<>();
        after.preferencePairs().scan(none::add);
        assertThat(none).isEmpty();
        PreferencePair p = PairMarker.create(
                        after.interactions(), after.examples(), after.preferencePairs(), TestClock.at(NOW))
                .mark(example.id(), worse.id(), "alice", null);
        assertThat(after.preferencePairs().forExample(example.id())).containsExactly(p);
    }
}
