package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.redact.Redaction;
import dev.tuneloop.redact.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** {@link Curator} over the store SPIs. Stateless apart from its settings; thread-safe. */
final class StoreCurator implements Curator {
    private final InteractionStore interactions;
    private final ExampleStore examples;
    private final Clock clock;
    private final Taxonomy taxonomy;
    private final HoldoutSettings holdout;
    private final @Nullable Redactor redactor; // null = none

    StoreCurator(InteractionStore interactions, ExampleStore examples, CurationOptions options) {
        this.interactions = interactions;
        this.examples = examples;
        this.clock = options.clock();
        this.taxonomy = options.taxonomy();
        this.holdout = options.holdout();
        this.redactor = options.redactor().orElse(null);
    }

    @Override
    public List<Candidate> candidates(CurationPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        List<RecordedInteraction> found = interactions.candidates(policy.toQuery(clock.instant()));
        Predicate<RecordedInteraction> filter = policy.predicate().orElse(r -> true);
        CurationPolicy.CategoryCap cap = policy.categoryCap().orElse(null);
        Map<Category, Integer> perCategory = cap == null ? Map.of() : approvedPerCategory();
        List<Candidate> out = new ArrayList<>();
        for (RecordedInteraction r : found) {
            if (out.size() >= policy.limit()) {
                break;
            }
            if (!filter.test(r)) {
                continue;
            }
            if (cap != null) {
                Optional<Category> guess =
                        Objects.requireNonNull(cap.classifier().apply(r), "categoryCap classifier returned null");
                if (guess.isPresent()) {
                    int n = perCategory.getOrDefault(guess.get(), 0);
                    if (n >= cap.max()) {
                        continue;
                    }
                    perCategory.put(guess.get(), n + 1);
                }
            }
            out.add(Candidate.of(r));
        }
        return out;
    }

    @Override
    public Optional<Candidate> candidate(InteractionId interactionId) {
        return interactions
                .find(Objects.requireNonNull(interactionId, "interactionId"))
                .map(Candidate::of);
    }

    private Map<Category, Integer> approvedPerCategory() {
        Map<Category, Integer> counts = new HashMap<>();
        examples.scan(ExampleQuery.approved(), e -> counts.merge(e.category(), 1, Integer::sum));
        return counts;
    }

    @Override
    public TrainingExample approve(InteractionId interactionId, Review review) {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(review, "review");
        Checks c = Checks.start()
                .require(
                        review.category() != null,
                        "category is required to approve interaction " + interactionId + ", but was null")
                .require(
                        review.quality() != null,
                        "quality is required to approve interaction " + interactionId + ", but was null");
        checkTaxonomy(c, review.categoryValue());
        c.orThrow();
        RecordedInteraction r = findInteraction(interactionId);
        Instant now = clock.instant();
        ExampleId id = ExampleId.next(now.toEpochMilli());
        Split split = Holdout.assign(id, holdout, heldOut());
        Redacting red = new Redacting(redactor);
        TrainingExample example = newExample(
                id,
                r,
                ExampleStatus.APPROVED,
                split,
                review.improvedResponse(),
                review.categoryValue(),
                review.qualityValue(),
                review.reviewer(),
                review.notes(),
                null,
                now,
                red);
        List<String> fields = new ArrayList<>(List.of("status", "split", "category", "quality"));
        if (review.improvedResponse() != null) {
            fields.add("improvedResponse");
        }
        if (review.notes() != null) {
            fields.add("notes");
        }
        if (red.changed) {
            fields.add("redacted");
        }
        examples.insert(
                example, new ExampleRevision(id, 1, example.reviewedAt(), review.reviewer(), fields, review.notes()));
        return example;
    }

    @Override
    public Review checkedApproval(InteractionId interactionId, Review review) {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(review, "review");
        Checks c = Checks.start()
                .require(
                        review.category() != null,
                        "category is required to approve interaction " + interactionId + ", but was null")
                .require(
                        review.quality() != null,
                        "quality is required to approve interaction " + interactionId + ", but was null");
        checkTaxonomy(c, review.categoryValue());
        c.orThrow();
        String improved = review.improvedResponse();
        if (improved == null || redactor == null) {
            return review;
        }
        return new Review(
                review.reviewer(),
                new Redacting(redactor).text(improved),
                review.category(),
                review.quality(),
                review.notes());
    }

    @Override
    public TrainingExample reject(InteractionId interactionId, String reason, String reviewer) {
        Objects.requireNonNull(interactionId, "interactionId");
        Checks.start()
                .text("reason", reason, true, 64 * 1024)
                .text("reviewer", reviewer, true, 1024)
                .orThrow();
        RecordedInteraction r = findInteraction(interactionId);
        Instant now = clock.instant();
        ExampleId id = ExampleId.next(now.toEpochMilli());
        Redacting red = new Redacting(redactor);
        TrainingExample example = newExample(
                id,
                r,
                ExampleStatus.REJECTED,
                Holdout.split(id, holdout.share()),
                null,
                null,
                null,
                reviewer,
                null,
                reason,
                now,
                red);
        List<String> fields = new ArrayList<>(List.of("status", "split", "rejectReason"));
        if (red.changed) {
            fields.add("redacted");
        }
        examples.insert(example, new ExampleRevision(id, 1, example.reviewedAt(), reviewer, fields, reason));
        return example;
    }

    @Override
    public TrainingExample reReview(ExampleId exampleId, Review changes) {
        return reReview(exampleId, changes, null);
    }

    @Override
    public TrainingExample reReview(ExampleId exampleId, Review changes, int expectedVersion) {
        return reReview(exampleId, changes, Integer.valueOf(expectedVersion));
    }

    private TrainingExample reReview(ExampleId exampleId, Review changes, @Nullable Integer expectedVersion) {
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(changes, "changes");
        Checks c = Checks.start();
        checkTaxonomy(c, changes.categoryValue());
        c.orThrow();
        TrainingExample cur = examples.find(exampleId)
                .orElseThrow(() -> new NotFoundException("example " + exampleId + " does not exist"));
        if (expectedVersion != null && cur.version() != expectedVersion) {
            throw new ConflictException("example " + exampleId + " is at version " + cur.version()
                    + ", but the re-review expected version " + expectedVersion);
        }
        Redacting red = new Redacting(redactor);
        String improved =
                changes.improvedResponse() != null ? red.text(changes.improvedResponse()) : cur.improvedResponse();
        Category category = changes.category() != null ? changes.categoryValue() : cur.category();
        QualityScore quality = changes.quality() != null ? changes.qualityValue() : cur.quality();
        String notes = changes.notes() != null ? changes.notes() : cur.notes();
        List<String> changed = new ArrayList<>(4);
        if (!Objects.equals(improved, cur.improvedResponse())) {
            changed.add("improvedResponse");
        }
        if (!Objects.equals(category, cur.category())) {
            changed.add("category");
        }
        if (!Objects.equals(quality, cur.quality())) {
            changed.add("quality");
        }
        if (!Objects.equals(notes, cur.notes())) {
            changed.add("notes");
        }
        if (changed.isEmpty()) {
            changed.add("reviewedAt");
        }
        if (red.changed) {
            changed.add("redacted");
        }
        Instant now = clock.instant();
        TrainingExample next = cur.toBuilder()
                .improvedResponse(improved)
                .category(category)
                .quality(quality)
                .reviewer(changes.reviewer())
                .notes(notes)
                .reviewedAt(now)
                .version(cur.version() + 1)
                .build();
        examples.update(
                next,
                new ExampleRevision(
                        cur.id(), next.version(), next.reviewedAt(), changes.reviewer(), changed, changes.notes()));
        return next;
    }

    @Override
    public List<ExampleRevision> history(ExampleId exampleId) {
        return examples.history(Objects.requireNonNull(exampleId, "exampleId"));
    }

    private void checkTaxonomy(Checks c, @Nullable Category category) {
        if (category != null && !taxonomy.accepts(category)) {
            c.add("category '" + category.name() + "' is not in the taxonomy; allowed: "
                    + taxonomy.categories().stream().map(Category::name).collect(Collectors.joining(", ")));
        }
    }

    /** The interaction, checked to have no example yet. */
    private RecordedInteraction findInteraction(InteractionId id) {
        RecordedInteraction r = interactions
                .find(id)
                .orElseThrow(() -> new NotFoundException(
                        "interaction " + id + " does not exist (never recorded, or its user was erased)"));
        examples.findBySource(id).ifPresent(e -> {
            throw new ConflictException(
                    "interaction " + id + " has already been reviewed (example " + e.id() + " is " + e.status() + ")");
        });
        return r;
    }

    /** Approved examples already held out, counted up to the minimum (all that the rule needs). */
    private long heldOut() {
        if (holdout.minHoldout() == 0) {
            return 0;
        }
        AtomicLong n = new AtomicLong();
        examples.scan(
                ExampleQuery.approved().withSplit(Split.HOLDOUT).withLimit(holdout.minHoldout()),
                e -> n.incrementAndGet());
        return n.get();
    }

    private static TrainingExample newExample(
            ExampleId id,
            RecordedInteraction r,
            ExampleStatus status,
            Split split,
            @Nullable String improved,
            @Nullable Category category,
            @Nullable QualityScore quality,
            String reviewer,
            @Nullable String notes,
            @Nullable String rejectReason,
            Instant now,
            Redacting red) {
        Interaction i = r.interaction();
        List<ChatMessage> turns =
                i.priorTurns().stream().map(m -> redacted(m, red)).toList();
        List<ChatMessage> steps = i.steps().stream().map(m -> redacted(m, red)).toList();
        ChatMessage question = redacted(i.userChatMessage(), red); // each text part masked on its own
        List<RetrievedDocument> docs = i.retrievedContext().stream()
                .map(d -> new RetrievedDocument(d.id(), d.source(), red.text(d.text())))
                .toList();
        return TrainingExample.builder(id, i.id(), status, split)
                .userId(i.userId())
                .interactionCreatedAt(i.createdAt())
                .systemPrompt(i.systemPrompt())
                .priorTurns(turns)
                .steps(steps)
                .tools(i.tools())
                .userMessage(question.content())
                .userMessageParts(question.parts())
                .retrievedContext(docs)
                .originalResponse(red.text(i.assistantResponse()))
                .userEditedResponse(
                        red.optional(r.feedback().userEditedResponse().orElse(null)))
                .improvedResponse(red.optional(improved))
                .modelUsed(i.modelUsed())
                .category(category)
                .quality(quality)
                .reviewer(reviewer)
                .notes(notes)
                .rejectReason(rejectReason)
                .createdAt(now)
                .reviewedAt(now)
                .build();
    }

    /** A message with its text and its tool calls' arguments redacted; the ids, names and roles are kept. */
    private static ChatMessage redacted(ChatMessage m, Redacting red) {
        List<ToolCall> calls = m.toolCalls().stream()
                .map(c -> new ToolCall(c.id(), c.name(), red.text(c.arguments())))
                .toList();
        if (!m.hasParts()) {
            return new ChatMessage(m.role(), red.text(m.content()), calls, m.toolCallId());
        }
        // each text part redacted on its own, so the content stays the parts' joined text; references kept
        List<ContentPart> parts = m.parts().stream()
                .map(p -> p.type() == ContentPart.Type.TEXT
                        ? ContentPart.text(red.text(java.util.Objects.requireNonNull(p.text())))
                        : p)
                .toList();
        return new ChatMessage(m.role(), ContentPart.joinedText(parts), calls, m.toolCallId(), parts);
    }

    /** Applies the record-time redactor, if any, remembering whether it masked anything. */
    private static final class Redacting {
        private final @Nullable Redactor redactor;
        boolean changed;

        Redacting(@Nullable Redactor redactor) {
            this.redactor = redactor;
        }

        String text(String s) {
            if (redactor == null) {
                return s;
            }
            Redaction r = redactor.redact(s);
            changed |= r.changed();
            return r.text();
        }

        @Nullable
        String optional(@Nullable String s) {
            return s == null ? null : text(s);
        }
    }
}
