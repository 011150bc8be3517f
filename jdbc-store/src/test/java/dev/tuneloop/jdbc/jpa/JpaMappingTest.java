package dev.tuneloop.jdbc.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Hibernate boots the entities with {@code hbm2ddl.auto=validate} on the migrated schema and reads the rows. */
class JpaMappingTest {
    private static final Instant AT = Instant.parse("2026-11-28T10:00:00.654321Z");

    @Test
    void validatesAndReadsOnH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jpa" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        check(ds);
    }

    @Test
    void validatesAndReadsOnPostgres() {
        check(dev.tuneloop.jdbc.JpaTestSupport.freshPostgresSchema());
    }

    @Test
    void validationRejectsAnEntityThatDriftedFromTheSchema() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jpa" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        JdbcStore.create(ds);
        PersistenceConfiguration cfg = new PersistenceConfiguration("tuneloop-drift")
                .managedClass(DriftedEntity.class)
                .property("hibernate.connection.datasource", ds)
                .property("hibernate.hbm2ddl.auto", "validate");
        assertThatThrownBy(cfg::createEntityManagerFactory).hasStackTraceContaining("no_such_column");
    }

    private static void check(DataSource ds) {
        JdbcStore store = JdbcStore.create(ds);
        Interaction i = Interaction.builder()
                .id(InteractionId.next())
                .createdAt(AT)
                .userId("u1")
                .userMessage("q ' ; --")
                .assistantResponse("a 😀")
                .modelUsed("m")
                .putMetadata("feature", "chat")
                .build();
        FeedbackEvent up = new FeedbackEvent(UUID.randomUUID(), i.id(), AT, Rating.up());
        FeedbackEvent edit = new FeedbackEvent(UUID.randomUUID(), i.id(), AT.plusSeconds(1), Edit.of("better"));
        store.interactions().append(List.of(i), List.of(up, edit));
        TrainingExample e = dev.tuneloop.jdbc.JpaTestSupport.approved(i, AT);
        store.examples().insert(e, dev.tuneloop.jdbc.JpaTestSupport.firstRevision(e));

        PersistenceConfiguration cfg = new PersistenceConfiguration("tuneloop-test")
                .managedClass(InteractionLogEntity.class)
                .managedClass(FeedbackEventEntity.class)
                .managedClass(TrainingExampleEntity.class)
                .managedClass(ExampleRevisionEntity.class)
                .property("hibernate.connection.datasource", ds)
                .property("hibernate.hbm2ddl.auto", "validate");
        try (EntityManagerFactory emf = cfg.createEntityManagerFactory();
                EntityManager em = emf.createEntityManager()) {
            InteractionLogEntity row = em.find(InteractionLogEntity.class, i.id().value());
            assertThat(row.getUserMessage()).isEqualTo("q ' ; --");
            assertThat(row.getAssistantResponse()).isEqualTo("a 😀");
            assertThat(row.getCreatedAt()).isEqualTo(AT);
            assertThat(row.getFeedbackRating()).isEqualTo((short) 1);
            assertThat(row.getUserEditedResponse()).isEqualTo("better");
            assertThat(row.isHadFollowup()).isFalse();
            assertThat(row.getMetadataJson()).isEqualTo("{\"feature\":\"chat\"}");

            List<FeedbackEventEntity> events = em.createQuery(
                            "SELECT e FROM TuneloopFeedbackEvent e "
                                    + "WHERE e.interactionId = :id ORDER BY e.occurredAt",
                            FeedbackEventEntity.class)
                    .setParameter("id", i.id().value())
                    .getResultList();
            assertThat(events).extracting(FeedbackEventEntity::getKind).containsExactly("rating", "edit");

            TrainingExampleEntity ex = em.createQuery(
                            "SELECT t FROM TuneloopTrainingExample t " + "WHERE t.sourceInteractionId = :id",
                            TrainingExampleEntity.class)
                    .setParameter("id", i.id().value())
                    .getSingleResult();
            assertThat(ex.getId()).isEqualTo(e.id().value());
            assertThat(ex.getQuality()).isEqualTo((short) 8);
            assertThat(ex.getStatus()).isEqualTo("APPROVED");

            ExampleRevisionEntity rev = em.createQuery(
                            "SELECT r FROM TuneloopExampleRevision r", ExampleRevisionEntity.class)
                    .getSingleResult();
            assertThat(rev.getExampleId()).isEqualTo(e.id().value());
            assertThat(Map.of("reviewer", rev.getReviewer())).containsEntry("reviewer", "alice");
        }
    }
}
