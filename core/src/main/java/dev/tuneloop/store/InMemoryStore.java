package dev.tuneloop.store;

import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.BlindDecision;
import dev.tuneloop.curate.BlindReviewStore;
import dev.tuneloop.curate.Claim;
import dev.tuneloop.curate.ClaimStore;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.PreferencePair;
import dev.tuneloop.curate.PreferencePairStore;
import dev.tuneloop.curate.Settlement;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FeedbackState;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.ModelRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * {@link Store#inMemory()}: keeps interactions, feedback events, training examples, jobs and model versions in memory.
 * It passes the same contract suites as the JDBC stores, so host applications use it in their tests in place of a
 * database.
 *
 * <p>One read-write lock guards interactions, events and examples: writes (append, review, erase) are atomic with
 * respect to each other and to reads. Scans copy the matching rows under the read lock and call the sink outside it,
 * so a sink may call back into the store. Jobs and versions have their own monitors.
 */
final class InMemoryStore implements Store {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<InteractionId, Interaction> interactions = new HashMap<>();
    private final Map<InteractionId, List<FeedbackEvent>> events = new HashMap<>();
    private final Set<UUID> eventIds = new HashSet<>();
    private final TreeMap<ExampleId, TrainingExample> examples = new TreeMap<>();
    private final Map<InteractionId, ExampleId> examplesBySource = new HashMap<>();
    private final Map<ExampleId, List<ExampleRevision>> history = new HashMap<>();

    private final InteractionStore interactionView = new Interactions();
    private final ExampleStore exampleView = new Examples();
    private final InMemoryJobStore jobs = new InMemoryJobStore();
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    private final Map<InteractionId, Claim> claims = new HashMap<>();
    private final ClaimStore claimView = new Claims();
    private final Map<InteractionId, List<BlindDecision>> blind = new LinkedHashMap<>();
    private final Map<InteractionId, Settlement> settlements = new HashMap<>();
    private final BlindReviewStore blindView = new BlindReviews();
    private final Map<InteractionId, Suggestion> suggestionMap = new LinkedHashMap<>();
    private final SuggestionStore suggestionView = new Suggestions();
    private final Map<UUID, PreferencePair> pairMap = new HashMap<>();
    private final PreferencePairStore pairView = new PreferencePairs();

    private InMemoryStore() {}

    static InMemoryStore create() {
        return new InMemoryStore();
    }

    @Override
    public InteractionStore interactions() {
        return interactionView;
    }

    @Override
    public ExampleStore examples() {
        return exampleView;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public ClaimStore claims() {
        return claimView;
    }

    @Override
    public BlindReviewStore blindReviews() {
        return blindView;
    }

    @Override
    public SuggestionStore suggestions() {
        return suggestionView;
    }

    @Override
    public PreferencePairStore preferencePairs() {
        return pairView;
    }

    // ---------------------------------------------------------------- interactions

    private final class Interactions implements InteractionStore {
        @Override
        public void append(List<Interaction> newInteractions, List<FeedbackEvent> newEvents) {
            lock.writeLock().lock();
            try {
                for (Interaction i : newInteractions) {
                    interactions.putIfAbsent(i.id(), i);
                }
                for (FeedbackEvent e : newEvents) {
                    if (eventIds.add(e.eventId())) {
                        events.computeIfAbsent(e.interactionId(), k -> new ArrayList<>(2))
                                .add(e);
                    }
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public Optional<RecordedInteraction> find(InteractionId id) {
            lock.readLock().lock();
            try {
                Interaction i = interactions.get(id);
                return i == null ? Optional.empty() : Optional.of(recorded(i));
            } finally {
                lock.readLock().unlock();
            }
        }

        RecordedInteraction recorded(Interaction i) {
            List<FeedbackEvent> ev = events.get(i.id());
            return new RecordedInteraction(i, ev == null ? FeedbackState.NONE : FeedbackState.derive(ev));
        }

        /** Edited first, then newest, then highest id. */
        static final Comparator<RecordedInteraction> CANDIDATE_ORDER = Comparator.comparing(
                        (RecordedInteraction r) -> r.feedback().isEdited() ? 0 : 1)
                .thenComparing((RecordedInteraction r) -> r.interaction().createdAt(), Comparator.reverseOrder())
                .thenComparing(RecordedInteraction::id, Comparator.reverseOrder());

        @Override
        public List<RecordedInteraction> candidates(CandidateQuery q) {
            List<RecordedInteraction> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (Interaction i : interactions.values()) {
                    if (!i.createdAt().isAfter(q.createdAfter())) {
                        continue;
                    }
                    if (q.createdBefore() != null && !i.createdAt().isBefore(q.createdBefore())) {
                        continue;
                    }
                    if (q.excludeReviewed() && examplesBySource.containsKey(i.id())) {
                        continue;
                    }
                    if (!q.modelsUsed().isEmpty() && !q.modelsUsed().contains(i.modelUsed())) {
                        continue;
                    }
                    if (i.assistantResponse().length() < q.minResponseChars()) {
                        continue;
                    }
                    if (q.excludeUserIds().contains(i.userId())
                            || q.excludeIds().contains(i.id())) {
                        continue;
                    }
                    if (!i.metadata().entrySet().containsAll(q.metadataEquals().entrySet())) {
                        continue;
                    }
                    RecordedInteraction r = recorded(i);
                    FeedbackState f = r.feedback();
                    if (q.requireUpOrEdited() && !(f.isThumbsUp() || f.isEdited())) {
                        continue;
                    }
                    if (q.excludeFollowUps() && f.hadFollowUp()) {
                        continue;
                    }
                    out.add(r);
                }
            } finally {
                lock.readLock().unlock();
            }
            out.sort(CANDIDATE_ORDER);
            return out.size() > q.limit() ? new ArrayList<>(out.subList(0, q.limit())) : out;
        }

        @Override
        public void scan(ScanQuery q, Consumer<RecordedInteraction> sink) {
            List<RecordedInteraction> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (Interaction i : interactions.values()) {
                    if (q.createdFrom() != null && i.createdAt().isBefore(q.createdFrom())) {
                        continue;
                    }
                    if (q.createdUntil() != null && !i.createdAt().isBefore(q.createdUntil())) {
                        continue;
                    }
                    if (q.modelUsed() != null && !q.modelUsed().equals(i.modelUsed())) {
                        continue;
                    }
                    if (q.userId() != null && !q.userId().equals(i.userId())) {
                        continue;
                    }
                    out.add(recorded(i));
                }
            } finally {
                lock.readLock().unlock();
            }
            out.sort(Comparator.comparing(
                            (RecordedInteraction r) -> r.interaction().createdAt())
                    .thenComparing(RecordedInteraction::id));
            out.forEach(sink);
        }

        @Override
        public String toString() {
            return InMemoryStore.this.toString() + ".interactions()";
        }
    }

    @Override
    public ErasureReport eraseUser(String userId) {
        Checks.start().text("userId", userId, true, Integer.MAX_VALUE).orThrow();
        lock.writeLock().lock();
        try {
            List<InteractionId> ids = new ArrayList<>();
            for (Interaction i : interactions.values()) {
                if (i.userId().equals(userId)) {
                    ids.add(i.id());
                }
            }
            int erasedEvents = 0;
            for (InteractionId id : ids) {
                interactions.remove(id);
                claims.remove(id);
                blind.remove(id);
                settlements.remove(id);
                suggestionMap.remove(id);
                List<FeedbackEvent> ev = events.remove(id);
                if (ev != null) {
                    ev.forEach(e -> eventIds.remove(e.eventId()));
                    erasedEvents += ev.size();
                }
            }
            List<TrainingExample> erasedExamples = new ArrayList<>();
            for (TrainingExample e : examples.values()) {
                if (e.userId().equals(userId)) {
                    erasedExamples.add(e);
                }
            }
            int erasedRevisions = 0;
            for (TrainingExample e : erasedExamples) {
                examples.remove(e.id());
                examplesBySource.remove(e.sourceInteractionId());
                List<ExampleRevision> h = history.remove(e.id());
                erasedRevisions += h == null ? 0 : h.size();
            }
            List<ExampleId> exampleIds =
                    erasedExamples.stream().map(TrainingExample::id).toList();
            int erasedPairs = 0;
            for (PreferencePair p : List.copyOf(pairMap.values())) {
                if (p.userId().equals(userId) || p.rejectedUserId().equals(userId)) {
                    pairMap.remove(p.id());
                    erasedPairs++;
                }
            }
            // the registry's monitor is taken inside the store's write lock, never the other way round
            int[] amended = registry.eraseCases(exampleIds);
            return ErasureReport.builder()
                    .interactions(ids.size())
                    .feedbackEvents(erasedEvents)
                    .examples(erasedExamples.size())
                    .revisions(erasedRevisions)
                    .evaluationCases(amended[0])
                    .reportsAmended(amended[1])
                    .preferencePairs(erasedPairs)
                    .exampleIds(exampleIds)
                    .build();
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- examples

    private final class Examples implements ExampleStore {
        @Override
        public void save(TrainingExample example, ExampleRevision revision) {
            if (example.version() == 1) {
                insertNew(example, revision);
            } else {
                updateExisting(example, revision);
            }
        }

        @Override
        public void insertAll(List<TrainingExample> batch, List<ExampleRevision> revisions) {
            ExampleStore.checkBatch(batch, revisions);
            lock.writeLock().lock();
            try {
                for (TrainingExample e : batch) {
                    ExampleId existing = examplesBySource.get(e.sourceInteractionId());
                    if (existing != null) {
                        throw new ConflictException("interaction " + e.sourceInteractionId()
                                + " has already been reviewed (example " + existing + ")");
                    }
                    if (examples.containsKey(e.id())) {
                        throw new ConflictException("example " + e.id() + " already exists");
                    }
                }
                for (int i = 0; i < batch.size(); i++) {
                    TrainingExample e = batch.get(i);
                    examples.put(e.id(), e);
                    examplesBySource.put(e.sourceInteractionId(), e.id());
                    history.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(revisions.get(i));
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        private void insertNew(TrainingExample example, ExampleRevision revision) {
            lock.writeLock().lock();
            try {
                ExampleId existing = examplesBySource.get(example.sourceInteractionId());
                if (existing != null) {
                    throw new ConflictException("interaction " + example.sourceInteractionId()
                            + " has already been reviewed (example " + existing + ")");
                }
                if (examples.containsKey(example.id())) {
                    throw new ConflictException("example " + example.id() + " already exists");
                }
                examples.put(example.id(), example);
                examplesBySource.put(example.sourceInteractionId(), example.id());
                history.computeIfAbsent(example.id(), k -> new ArrayList<>()).add(revision);
            } finally {
                lock.writeLock().unlock();
            }
        }

        private void updateExisting(TrainingExample example, ExampleRevision revision) {
            lock.writeLock().lock();
            try {
                TrainingExample stored = examples.get(example.id());
                if (stored == null) {
                    throw new NotFoundException("example " + example.id() + " does not exist");
                }
                if (stored.version() != example.version() - 1) {
                    throw new ConflictException("example " + example.id() + " is at version " + stored.version()
                            + ", but the update expected version " + (example.version() - 1));
                }
                if (!stored.sourceInteractionId().equals(example.sourceInteractionId())) {
                    throw new ConflictException("example " + example.id() + " cannot change its source interaction");
                }
                examples.put(example.id(), example);
                history.computeIfAbsent(example.id(), k -> new ArrayList<>()).add(revision);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public Optional<TrainingExample> find(ExampleId id) {
            lock.readLock().lock();
            try {
                return Optional.ofNullable(examples.get(id));
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public Optional<TrainingExample> findBySource(InteractionId sourceInteractionId) {
            lock.readLock().lock();
            try {
                ExampleId id = examplesBySource.get(sourceInteractionId);
                // both maps change together under the write lock, so an indexed id is always stored
                return id == null
                        ? Optional.empty()
                        : Optional.of(Objects.requireNonNull(examples.get(id), "examplesBySource is in step"));
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public void scan(ExampleQuery q, Consumer<TrainingExample> sink) {
            List<TrainingExample> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (TrainingExample e : examples.values()) {
                    if (out.size() >= q.limit()) {
                        break;
                    }
                    if (matches(q, e)) {
                        out.add(e);
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            out.forEach(sink);
        }

        static boolean matches(ExampleQuery q, TrainingExample e) {
            if (!q.statuses().isEmpty() && !q.statuses().contains(e.status())) {
                return false;
            }
            if (q.split() != null && q.split() != e.split()) {
                return false;
            }
            if (q.minQuality() > 1 && (e.quality() == null || e.quality().value() < q.minQuality())) {
                return false;
            }
            if (!q.categories().isEmpty()
                    && (e.category() == null || !q.categories().contains(e.category()))) {
                return false;
            }
            if (q.reviewedFrom() != null && e.reviewedAt().isBefore(q.reviewedFrom())) {
                return false;
            }
            return q.reviewedUntil() == null || e.reviewedAt().isBefore(q.reviewedUntil());
        }

        @Override
        public List<ExampleRevision> history(ExampleId id) {
            lock.readLock().lock();
            try {
                List<ExampleRevision> h = history.get(id);
                return h == null ? List.of() : List.copyOf(h);
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public String toString() {
            return InMemoryStore.this.toString() + ".examples()";
        }
    }

    // ---------------------------------------------------------------- claims

    /** Claims, under the same write lock as examples, so "has no example" and "has no live claim" are one decision. */
    private final class Claims implements ClaimStore {
        @Override
        public List<Claim> claim(String reviewer, List<InteractionId> offered, int max, Instant now, Duration lease) {
            ClaimStore.checkArguments(reviewer, max, lease);
            Instant t = now.truncatedTo(ChronoUnit.MICROS);
            List<Claim> out = new ArrayList<>();
            lock.writeLock().lock();
            try {
                for (InteractionId id : new LinkedHashSet<>(offered)) {
                    if (out.size() >= max) {
                        break;
                    }
                    if (!open(id)) {
                        continue;
                    }
                    Claim held = claims.get(id);
                    if (held != null && held.isLive(t)) {
                        continue;
                    }
                    Claim c = new Claim(id, reviewer, t, t.plus(lease));
                    claims.put(id, c);
                    out.add(c);
                }
            } finally {
                lock.writeLock().unlock();
            }
            return out;
        }

        @Override
        public List<Claim> renew(String reviewer, Instant now, Duration lease) {
            ClaimStore.checkArguments(reviewer, 1, lease);
            Instant until = now.truncatedTo(ChronoUnit.MICROS).plus(lease);
            List<Claim> out = new ArrayList<>();
            lock.writeLock().lock();
            try {
                for (Claim c : List.copyOf(claims.values())) {
                    if (c.reviewer().equals(reviewer) && open(c.interactionId()) && until.isAfter(c.claimedAt())) {
                        Claim renewed = new Claim(c.interactionId(), reviewer, c.claimedAt(), until);
                        claims.put(c.interactionId(), renewed);
                        out.add(renewed);
                    }
                }
            } finally {
                lock.writeLock().unlock();
            }
            out.sort(CLAIM_ORDER);
            return out;
        }

        @Override
        public boolean release(String reviewer, InteractionId interactionId) {
            lock.writeLock().lock();
            try {
                Claim c = claims.get(interactionId);
                if (c == null || !c.reviewer().equals(reviewer)) {
                    return false;
                }
                claims.remove(interactionId);
                return true;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public List<Claim> active(Instant now) {
            List<Claim> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (Claim c : claims.values()) {
                    if (c.isLive(now) && open(c.interactionId())) {
                        out.add(c);
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            out.sort(CLAIM_ORDER);
            return out;
        }

        /** Recorded, not erased, not reviewed; call under the lock. */
        private boolean open(InteractionId id) {
            return interactions.containsKey(id) && !examplesBySource.containsKey(id);
        }

        @Override
        public String toString() {
            return InMemoryStore.this.toString() + ".claims()";
        }
    }

    // ---------------------------------------------------------------- blind double review

    /** Blind decisions, under the same write lock as examples, so "no example yet" and "two at most" are one step. */
    private final class BlindReviews implements BlindReviewStore {
        @Override
        public BlindCase add(BlindDecision decision) {
            InteractionId id = decision.interactionId();
            BlindDecision d = new BlindDecision(
                    id,
                    decision.reviewer(),
                    decision.approved(),
                    decision.category(),
                    decision.quality(),
                    decision.improvedResponse(),
                    decision.note(),
                    decision.reviewedAt().truncatedTo(ChronoUnit.MICROS));
            lock.writeLock().lock();
            try {
                if (!interactions.containsKey(id)) {
                    throw new NotFoundException(
                            "interaction " + id + " does not exist (never recorded, or its user" + " was erased)");
                }
                ExampleId done = examplesBySource.get(id);
                if (done != null) {
                    throw new ConflictException(
                            "interaction " + id + " has already been reviewed (example " + done + ")");
                }
                BlindReviewStore.checkAddable(id, d.reviewer(), blind.getOrDefault(id, List.of()));
                blind.computeIfAbsent(id, k -> new ArrayList<>(2)).add(d);
                return blindCase(id);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public List<BlindCase> open() {
            List<BlindCase> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (InteractionId id : blind.keySet()) {
                    if (interactions.containsKey(id) && !examplesBySource.containsKey(id)) {
                        out.add(blindCase(id));
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            out.sort(BLIND_ORDER);
            return out;
        }

        @Override
        public BlindCase settle(Settlement settlement) {
            InteractionId id = settlement.interactionId();
            Settlement s = new Settlement(
                    id,
                    settlement.settledBy(),
                    settlement.approved(),
                    settlement.reason(),
                    settlement.settledAt().truncatedTo(ChronoUnit.MICROS));
            lock.writeLock().lock();
            try {
                List<BlindDecision> list = blind.get(id);
                BlindReviewStore.checkSettleable(id, list == null ? 0 : list.size(), settlements.get(id));
                settlements.put(id, s);
                return blindCase(id);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void scan(Consumer<BlindCase> sink) {
            List<BlindCase> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                blind.keySet().forEach(id -> out.add(blindCase(id)));
            } finally {
                lock.readLock().unlock();
            }
            out.sort(BLIND_ORDER);
            out.forEach(sink);
        }

        /** Call under the lock. */
        private BlindCase blindCase(InteractionId id) {
            return new BlindCase(id, List.copyOf(blind.getOrDefault(id, List.of())), settlements.get(id));
        }

        @Override
        public String toString() {
            return InMemoryStore.this.toString() + ".blindReviews()";
        }
    }

    private static final Comparator<BlindCase> BLIND_ORDER = Comparator.comparing(
                    (BlindCase c) -> c.decisions().get(0).reviewedAt())
            .thenComparing(BlindCase::interactionId);

    // ---------------------------------------------------------------- pre-review suggestions

    private final class Suggestions implements SuggestionStore {
        @Override
        public void save(Suggestion suggestion) {
            Suggestion s = new Suggestion(
                    suggestion.interactionId(),
                    suggestion.cacheKey(),
                    suggestion.model(),
                    suggestion.category(),
                    suggestion.quality(),
                    suggestion.reason(),
                    suggestion.improvedResponse(),
                    suggestion.createdAt().truncatedTo(ChronoUnit.MICROS));
            lock.writeLock().lock();
            try {
                if (!interactions.containsKey(s.interactionId())) {
                    throw new NotFoundException("interaction " + s.interactionId()
                            + " does not exist (never recorded, or its user was erased)");
                }
                suggestionMap.remove(s.interactionId());
                suggestionMap.put(s.interactionId(), s);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public Optional<Suggestion> find(InteractionId interactionId) {
            lock.readLock().lock();
            try {
                return Optional.ofNullable(suggestionMap.get(interactionId));
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public void scan(Consumer<Suggestion> sink) {
            List<Suggestion> out;
            lock.readLock().lock();
            try {
                out = new ArrayList<>(suggestionMap.values());
            } finally {
                lock.readLock().unlock();
            }
            out.sort(Comparator.comparing(Suggestion::createdAt).thenComparing(Suggestion::interactionId));
            out.forEach(sink);
        }

        @Override
        public String toString() {
            return InMemoryStore.this.toString() + ".suggestions()";
        }
    }

    // ---------------------------------------------------------------- marked preference pairs

    /** Marked pairs, under the same write lock as examples and interactions, so "both exist" holds when added. */
    private final class PreferencePairs implements PreferencePairStore {
        @Override
        public void add(PreferencePair pair) {
            lock.writeLock().lock();
            try {
                if (!examples.containsKey(pair.exampleId())) {
                    throw new NotFoundException("example " + pair.exampleId() + " does not exist");
                }
                if (!interactions.containsKey(pair.rejectedInteractionId())) {
                    throw new NotFoundException("interaction " + pair.rejectedInteractionId()
                            + " does not exist (never recorded, or its user was erased)");
                }
                if (pairMap.containsKey(pair.id())) {
                    throw new ConflictException("preference pair " + pair.id() + " already exists");
                }
                for (PreferencePair p : pairMap.values()) {
                    if (p.exampleId().equals(pair.exampleId())
                            && p.rejectedInteractionId().equals(pair.rejectedInteractionId())) {
                        throw new ConflictException("example " + pair.exampleId() + " is already paired with"
                                + " interaction " + pair.rejectedInteractionId() + " (pair " + p.id() + ")");
                    }
                }
                pairMap.put(pair.id(), pair);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public Optional<PreferencePair> find(UUID id) {
            lock.readLock().lock();
            try {
                return Optional.ofNullable(pairMap.get(id));
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public List<PreferencePair> forExample(ExampleId exampleId) {
            List<PreferencePair> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (PreferencePair p : pairMap.values()) {
                    if (p.exampleId().equals(exampleId)) {
                        out.add(p);
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            out.sort(PAIR_ORDER);
            return out;
        }

        @Override
        public boolean remove(UUID id) {
            lock.writeLock().lock();
            try {
                return pairMap.remove(id) != null;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void scan(Consumer<PreferencePair> sink) {
            List<PreferencePair> out;
            lock.readLock().lock();
            try {
                out = new ArrayList<>(pairMap.values());
            } finally {
                lock.readLock().unlock();
            }
            out.sort(PAIR_ORDER);
            out.forEach(sink);
        }

        @Override
        public String toString() {
            return InMemoryStore.this.toString() + ".preferencePairs()";
        }
    }

    private static final Comparator<PreferencePair> PAIR_ORDER =
            Comparator.comparing(PreferencePair::markedAt).thenComparing(PreferencePair::id);

    private static final Comparator<Claim> CLAIM_ORDER =
            Comparator.comparing(Claim::claimedAt).thenComparing(Claim::interactionId);

    @Override
    public String toString() {
        lock.readLock().lock();
        try {
            return "InMemoryStore[interactions=" + interactions.size() + ", events=" + eventIds.size() + ", examples="
                    + examples.size() + "]";
        } finally {
            lock.readLock().unlock();
        }
    }
}
