package dev.tuneloop.jdbc;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.store.CandidateQuery;
import dev.tuneloop.store.ExampleQuery;
import dev.tuneloop.store.ScanQuery;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.NewModelVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@link JdbcStore}: one object over the table-specific stores and the registry, sharing one {@link Database}. */
final class CompositeJdbcStore implements JdbcStore {
    private final Database db;
    private final JdbcInteractionStore interactions;
    private final JdbcExampleStore examples;
    private final JdbcModelRegistry registry;

    CompositeJdbcStore(Database db) {
        this.db = db;
        this.interactions = new JdbcInteractionStore(db);
        this.examples = new JdbcExampleStore(db);
        this.registry = new JdbcModelRegistry(db);
    }

    @Override
    public JdbcDialect dialect() {
        return db.dialect();
    }

    @Override
    public void append(List<Interaction> newInteractions, List<FeedbackEvent> events) {
        interactions.append(newInteractions, events);
    }

    @Override
    public Optional<RecordedInteraction> find(InteractionId id) {
        return interactions.find(id);
    }

    @Override
    public List<RecordedInteraction> candidates(CandidateQuery query) {
        return interactions.candidates(query);
    }

    @Override
    public void scan(ScanQuery query, Consumer<RecordedInteraction> sink) {
        interactions.scan(query, sink);
    }

    @Override
    public long count(ScanQuery query) {
        return interactions.count(query);
    }

    @Override
    public int eraseUser(String userId) {
        return interactions.eraseUser(userId);
    }

    @Override
    public void insert(TrainingExample example, ExampleRevision revision) {
        examples.insert(example, revision);
    }

    @Override
    public void update(TrainingExample example, ExampleRevision revision) {
        examples.update(example, revision);
    }

    @Override
    public Optional<TrainingExample> find(ExampleId id) {
        return examples.find(id);
    }

    @Override
    public Optional<TrainingExample> findBySource(InteractionId sourceInteractionId) {
        return examples.findBySource(sourceInteractionId);
    }

    @Override
    public void scan(ExampleQuery query, Consumer<TrainingExample> sink) {
        examples.scan(query, sink);
    }

    @Override
    public List<ExampleRevision> history(ExampleId id) {
        return examples.history(id);
    }

    @Override
    public ModelVersion register(NewModelVersion draft) {
        return registry.register(draft);
    }

    @Override
    public List<ModelVersion> versions() {
        return registry.versions();
    }

    @Override
    public Optional<ModelVersion> findVersion(String version) {
        return registry.findVersion(version);
    }

    @Override
    public Optional<ModelVersion> versionForJob(String jobId) {
        return registry.versionForJob(jobId);
    }

    @Override
    public Optional<ModelVersion> deployed() {
        return registry.deployed();
    }

    @Override
    public void recordFineTunedModel(String version, String fineTunedModel) {
        registry.recordFineTunedModel(version, fineTunedModel);
    }

    @Override
    public void recordEvaluation(String version, EvaluationSummary evaluation) {
        registry.recordEvaluation(version, evaluation);
    }

    @Override
    public void markDeployed(String version, Instant at) {
        registry.markDeployed(version, at);
    }

    @Override
    public void saveJob(FineTuneJob job) {
        registry.saveJob(job);
    }

    @Override
    public Optional<FineTuneJob> findJob(String jobId) {
        return registry.findJob(jobId);
    }

    @Override
    public List<FineTuneJob> activeJobs() {
        return registry.activeJobs();
    }

    @Override
    public String toString() {
        return "JdbcStore[" + db.dialect() + "]";
    }
}
