package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolDefinition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A reviewed interaction (the seed's {@code training_examples} row): a copy of what was asked and answered, the
 * reviewer's decision, category and score, and the frozen split. It is linked to its source interaction
 * ({@code source_interaction_id}); an interaction has at most one example.
 *
 * <p>The text a model should learn is {@link #trainingResponse()}: the reviewer's improved response, else the user's
 * edit, else the original response.
 *
 * <p>Made with {@link #builder(ExampleId, InteractionId, ExampleStatus, Split)} (stores and the curator use it, so a
 * new part cannot be passed in the wrong position) or changed with {@link #toBuilder()}. Every construction is
 * validated by the canonical constructor, which reports all problems at once. Instants are truncated to the
 * microsecond, the precision every store keeps. Immutable and thread-safe; {@link #toString()} shows ids and the
 * decision, never a text.
 *
 * @param id                   the example's id
 * @param sourceInteractionId  the interaction it was made from
 * @param userId               the interaction's user (so erasing a user erases its examples)
 * @param status               approved or rejected
 * @param split                train or holdout, assigned once from the id and never changed
 * @param interactionCreatedAt when the source interaction happened
 * @param systemPrompt         the system prompt of the interaction; null when there was none
 * @param priorTurns           earlier turns of the conversation, oldest first; never null
 * @param userMessage          the question; not blank
 * @param retrievedContext     the RAG documents; never null
 * @param originalResponse     the model's original answer, never changed; not blank
 * @param userEditedResponse   the user's latest edit; null when not edited
 * @param improvedResponse     the reviewer's improved answer (the seed's Step 3); null when none, never blank
 * @param modelUsed            the model that answered
 * @param category             the category; required when approved, may be null when rejected
 * @param quality              the 1-10 score; required when approved, may be null when rejected
 * @param reviewer             who reviewed last; not blank, at most 1024 UTF-8 bytes
 * @param notes                the reviewer's notes; null when none, at most 64 KiB of UTF-8
 * @param rejectReason         why it was rejected; required (not blank) when rejected, null when approved
 * @param createdAt            when it was first reviewed
 * @param reviewedAt           when it was last reviewed
 * @param version              1 at first review, +1 at every re-review
 * @param steps                the interaction's tool-calling exchange before the answer (assistant tool calls and tool
 *                             results, see {@link dev.tuneloop.record.Interaction#steps()}); never null
 * @param tools                the tools offered to the model; never null
 * @param provenance           where an imported example came from (who imported it, the source file and line); null
 *                             for an example reviewed from a recorded interaction
 * @param userMessageParts     the question as content parts (text, images as references) when the interaction's user
 *                             message had parts ({@link dev.tuneloop.record.Interaction#userMessageParts()});
 *                             {@code userMessage} is then their text parts joined by a newline; never null, empty for
 *                             a text-only question
 */
public record TrainingExample(
        ExampleId id,
        InteractionId sourceInteractionId,
        String userId,
        ExampleStatus status,
        Split split,
        Instant interactionCreatedAt,
        @Nullable String systemPrompt,
        List<ChatMessage> priorTurns,
        String userMessage,
        List<RetrievedDocument> retrievedContext,
        String originalResponse,
        @Nullable String userEditedResponse,
        @Nullable String improvedResponse,
        String modelUsed,
        @Nullable Category category,
        @Nullable QualityScore quality,
        String reviewer,
        @Nullable String notes,
        @Nullable String rejectReason,
        Instant createdAt,
        Instant reviewedAt,
        int version,
        List<ChatMessage> steps,
        List<ToolDefinition> tools,
        @Nullable ImportProvenance provenance,
        List<ContentPart> userMessageParts) {

    /**
     * Validates every part, reporting all problems at once; copies the lists and truncates the instants to the
     * microsecond.
     *
     * @param id                   the example's id
     * @param sourceInteractionId  the interaction it was made from
     * @param userId               the interaction's user (so erasing a user erases its examples)
     * @param status               approved or rejected
     * @param split                train or holdout, assigned once from the id and never changed
     * @param interactionCreatedAt when the source interaction happened
     * @param systemPrompt         the system prompt of the interaction; null when there was none
     * @param priorTurns           earlier turns of the conversation, oldest first; never null
     * @param userMessage          the question; not blank
     * @param retrievedContext     the RAG documents; never null
     * @param originalResponse     the model's original answer, never changed; not blank
     * @param userEditedResponse   the user's latest edit; null when not edited
     * @param improvedResponse     the reviewer's improved answer (the seed's Step 3); null when none, never blank
     * @param modelUsed            the model that answered
     * @param category             the category; required when approved, may be null when rejected
     * @param quality              the 1-10 score; required when approved, may be null when rejected
     * @param reviewer             who reviewed last; not blank, at most 1024 UTF-8 bytes
     * @param notes                the reviewer's notes; null when none, at most 64 KiB of UTF-8
     * @param rejectReason         why it was rejected; required (not blank) when rejected, null when approved
     * @param createdAt            when it was first reviewed
     * @param reviewedAt           when it was last reviewed
     * @param version              1 at first review, +1 at every re-review
     * @param steps                the tool-calling exchange before the answer; null for none
     * @param tools                the tools offered to the model; null for none
     * @param provenance           where an imported example came from; null for a reviewed interaction
     * @param userMessageParts     the question as content parts; null or empty for a text-only question
     * @throws dev.tuneloop.errors.ValidationException listing every problem: a missing required part, a blank or
     *     invalid text (NUL, unpaired surrogate, too long), a version below 1, an approved example without category
     *     or quality or with a reject reason, a rejected example without a reject reason
     */
    public TrainingExample {
        // a caller outside null-checked code may still pass null for "no context": read it as empty, as before
        priorTurns = priorTurns == null ? List.of() : List.copyOf(priorTurns);
        retrievedContext = retrievedContext == null ? List.of() : List.copyOf(retrievedContext);
        steps = steps == null ? List.of() : List.copyOf(steps);
        tools = tools == null ? List.of() : List.copyOf(tools);
        userMessageParts = userMessageParts == null ? List.of() : List.copyOf(userMessageParts);
        Checks c = Checks.start()
                .require(id != null, "id is required, but was null")
                .require(sourceInteractionId != null, "sourceInteractionId is required, but was null")
                .require(userId != null, "userId is required, but was null")
                .require(status != null, "status is required, but was null")
                .require(split != null, "split is required, but was null")
                .require(interactionCreatedAt != null, "interactionCreatedAt is required, but was null")
                .text("userMessage", userMessage, true, Integer.MAX_VALUE)
                .text("originalResponse", originalResponse, true, Integer.MAX_VALUE)
                .text("userEditedResponse", userEditedResponse, false, Integer.MAX_VALUE)
                .text("improvedResponse", improvedResponse, false, Integer.MAX_VALUE)
                .require(improvedResponse == null || !improvedResponse.isBlank(), "improvedResponse must not be blank")
                .require(modelUsed != null, "modelUsed is required, but was null")
                .text("reviewer", reviewer, true, 1024)
                .text("notes", notes, false, 64 * 1024)
                .require(createdAt != null, "createdAt is required, but was null")
                .require(reviewedAt != null, "reviewedAt is required, but was null")
                .require(version >= 1, "version must be >= 1, but was " + version);
        if (!userMessageParts.isEmpty()) {
            c.require(
                    userMessageParts.size() <= ChatMessage.MAX_PARTS,
                    "userMessageParts must have at most " + ChatMessage.MAX_PARTS + " parts");
            c.require(
                    userMessage == null || userMessage.equals(ContentPart.joinedText(userMessageParts)),
                    "userMessage must be the text parts of userMessageParts joined by a newline");
        }
        if (status == ExampleStatus.APPROVED) {
            c.require(category != null, "category is required to approve an example, but was null")
                    .require(quality != null, "quality is required to approve an example, but was null")
                    .require(rejectReason == null, "rejectReason must be null for an approved example");
        } else if (status == ExampleStatus.REJECTED) {
            c.text("rejectReason", rejectReason, true, 64 * 1024);
        }
        c.orThrow();
        interactionCreatedAt = interactionCreatedAt.truncatedTo(ChronoUnit.MICROS);
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        reviewedAt = reviewedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An example without tool calls (the parts before tool calls were recorded); see the canonical constructor.
     *
     * @param id                   the example's id
     * @param sourceInteractionId  the interaction it was made from
     * @param userId               the interaction's user
     * @param status               approved or rejected
     * @param split                train or holdout
     * @param interactionCreatedAt when the source interaction happened
     * @param systemPrompt         the system prompt; null when there was none
     * @param priorTurns           earlier turns, oldest first
     * @param userMessage          the question
     * @param retrievedContext     the RAG documents
     * @param originalResponse     the model's original answer
     * @param userEditedResponse   the user's latest edit; null when not edited
     * @param improvedResponse     the reviewer's improved answer; null when none
     * @param modelUsed            the model that answered
     * @param category             the category
     * @param quality              the 1-10 score
     * @param reviewer             who reviewed last
     * @param notes                the reviewer's notes; null when none
     * @param rejectReason         why it was rejected; null when approved
     * @param createdAt            when it was first reviewed
     * @param reviewedAt           when it was last reviewed
     * @param version              1 at first review, +1 at every re-review
     * @throws dev.tuneloop.errors.ValidationException listing every problem, as the canonical constructor does
     */
    public TrainingExample(
            ExampleId id,
            InteractionId sourceInteractionId,
            String userId,
            ExampleStatus status,
            Split split,
            Instant interactionCreatedAt,
            @Nullable String systemPrompt,
            List<ChatMessage> priorTurns,
            String userMessage,
            List<RetrievedDocument> retrievedContext,
            String originalResponse,
            @Nullable String userEditedResponse,
            @Nullable String improvedResponse,
            String modelUsed,
            @Nullable Category category,
            @Nullable QualityScore quality,
            String reviewer,
            @Nullable String notes,
            @Nullable String rejectReason,
            Instant createdAt,
            Instant reviewedAt,
            int version) {
        this(
                id,
                sourceInteractionId,
                userId,
                status,
                split,
                interactionCreatedAt,
                systemPrompt,
                priorTurns,
                userMessage,
                retrievedContext,
                originalResponse,
                userEditedResponse,
                improvedResponse,
                modelUsed,
                category,
                quality,
                reviewer,
                notes,
                rejectReason,
                createdAt,
                reviewedAt,
                version,
                List.of(),
                List.of(),
                null);
    }

    /**
     * An example that was not imported (the parts before imports were recorded); see the canonical constructor.
     *
     * @param id                   the example's id
     * @param sourceInteractionId  the interaction it was made from
     * @param userId               the interaction's user
     * @param status               approved or rejected
     * @param split                train or holdout
     * @param interactionCreatedAt when the source interaction happened
     * @param systemPrompt         the system prompt; null when there was none
     * @param priorTurns           earlier turns, oldest first
     * @param userMessage          the question
     * @param retrievedContext     the RAG documents
     * @param originalResponse     the model's original answer
     * @param userEditedResponse   the user's latest edit; null when not edited
     * @param improvedResponse     the reviewer's improved answer; null when none
     * @param modelUsed            the model that answered
     * @param category             the category
     * @param quality              the 1-10 score
     * @param reviewer             who reviewed last
     * @param notes                the reviewer's notes; null when none
     * @param rejectReason         why it was rejected; null when approved
     * @param createdAt            when it was first reviewed
     * @param reviewedAt           when it was last reviewed
     * @param version              1 at first review, +1 at every re-review
     * @param steps                the tool-calling exchange before the answer; null for none
     * @param tools                the tools offered to the model; null for none
     * @throws dev.tuneloop.errors.ValidationException listing every problem, as the canonical constructor does
     */
    public TrainingExample(
            ExampleId id,
            InteractionId sourceInteractionId,
            String userId,
            ExampleStatus status,
            Split split,
            Instant interactionCreatedAt,
            @Nullable String systemPrompt,
            List<ChatMessage> priorTurns,
            String userMessage,
            List<RetrievedDocument> retrievedContext,
            String originalResponse,
            @Nullable String userEditedResponse,
            @Nullable String improvedResponse,
            String modelUsed,
            @Nullable Category category,
            @Nullable QualityScore quality,
            String reviewer,
            @Nullable String notes,
            @Nullable String rejectReason,
            Instant createdAt,
            Instant reviewedAt,
            int version,
            List<ChatMessage> steps,
            List<ToolDefinition> tools) {
        this(
                id,
                sourceInteractionId,
                userId,
                status,
                split,
                interactionCreatedAt,
                systemPrompt,
                priorTurns,
                userMessage,
                retrievedContext,
                originalResponse,
                userEditedResponse,
                improvedResponse,
                modelUsed,
                category,
                quality,
                reviewer,
                notes,
                rejectReason,
                createdAt,
                reviewedAt,
                version,
                steps,
                tools,
                null);
    }

    /**
     * An example whose question is text only (the parts before multi-part questions were recorded); see the canonical
     * constructor.
     *
     * @param id                   the example's id
     * @param sourceInteractionId  the interaction it was made from
     * @param userId               the interaction's user
     * @param status               approved or rejected
     * @param split                train or holdout
     * @param interactionCreatedAt when the source interaction happened
     * @param systemPrompt         the system prompt; null when there was none
     * @param priorTurns           earlier turns, oldest first
     * @param userMessage          the question
     * @param retrievedContext     the RAG documents
     * @param originalResponse     the model's original answer
     * @param userEditedResponse   the user's latest edit; null when not edited
     * @param improvedResponse     the reviewer's improved answer; null when none
     * @param modelUsed            the model that answered
     * @param category             the category
     * @param quality              the 1-10 score
     * @param reviewer             who reviewed last
     * @param notes                the reviewer's notes; null when none
     * @param rejectReason         why it was rejected; null when approved
     * @param createdAt            when it was first reviewed
     * @param reviewedAt           when it was last reviewed
     * @param version              1 at first review, +1 at every re-review
     * @param steps                the tool-calling exchange before the answer; null for none
     * @param tools                the tools offered to the model; null for none
     * @param provenance           where an imported example came from; null for a reviewed interaction
     * @throws dev.tuneloop.errors.ValidationException listing every problem, as the canonical constructor does
     */
    public TrainingExample(
            ExampleId id,
            InteractionId sourceInteractionId,
            String userId,
            ExampleStatus status,
            Split split,
            Instant interactionCreatedAt,
            @Nullable String systemPrompt,
            List<ChatMessage> priorTurns,
            String userMessage,
            List<RetrievedDocument> retrievedContext,
            String originalResponse,
            @Nullable String userEditedResponse,
            @Nullable String improvedResponse,
            String modelUsed,
            @Nullable Category category,
            @Nullable QualityScore quality,
            String reviewer,
            @Nullable String notes,
            @Nullable String rejectReason,
            Instant createdAt,
            Instant reviewedAt,
            int version,
            List<ChatMessage> steps,
            List<ToolDefinition> tools,
            @Nullable ImportProvenance provenance) {
        this(
                id,
                sourceInteractionId,
                userId,
                status,
                split,
                interactionCreatedAt,
                systemPrompt,
                priorTurns,
                userMessage,
                retrievedContext,
                originalResponse,
                userEditedResponse,
                improvedResponse,
                modelUsed,
                category,
                quality,
                reviewer,
                notes,
                rejectReason,
                createdAt,
                reviewedAt,
                version,
                steps,
                tools,
                provenance,
                List.of());
    }

    /**
     * The question as a chat message: with its {@link #userMessageParts() parts} when it has them, else its text.
     *
     * @return a user message whose content is {@link #userMessage()}
     */
    public ChatMessage userChatMessage() {
        return userMessageParts.isEmpty()
                ? ChatMessage.user(userMessage)
                : new ChatMessage(Role.USER, userMessage, List.of(), null, userMessageParts);
    }

    /**
     * A builder for an example of {@code sourceInteractionId}. Every other part is set by name; the required ones
     * ({@code userId}, {@code interactionCreatedAt}, {@code userMessage}, {@code originalResponse}, {@code modelUsed},
     * {@code reviewer}, {@code createdAt}, {@code reviewedAt}, and category and quality for an approved example,
     * a reject reason for a rejected one) have no default, so {@link Builder#build()} names every one left unset.
     * {@code version} defaults to 1, the lists to empty, the optional texts to null.
     *
     * @param id                  the example's id
     * @param sourceInteractionId the interaction it is made from
     * @param status              approved or rejected
     * @param split               train or holdout
     * @return a new builder
     */
    public static Builder builder(ExampleId id, InteractionId sourceInteractionId, ExampleStatus status, Split split) {
        return new Builder(id, sourceInteractionId, status, split);
    }

    /**
     * A builder holding every part of this example, to make a changed copy (a re-review: {@code
     * e.toBuilder().quality(q).reviewedAt(now).version(e.version() + 1).build()}).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(id, sourceInteractionId, status, split)
                .userId(userId)
                .interactionCreatedAt(interactionCreatedAt)
                .systemPrompt(systemPrompt)
                .priorTurns(priorTurns)
                .userMessage(userMessage)
                .retrievedContext(retrievedContext)
                .originalResponse(originalResponse)
                .userEditedResponse(userEditedResponse)
                .improvedResponse(improvedResponse)
                .modelUsed(modelUsed)
                .category(category)
                .quality(quality)
                .reviewer(reviewer)
                .notes(notes)
                .rejectReason(rejectReason)
                .createdAt(createdAt)
                .reviewedAt(reviewedAt)
                .version(version)
                .steps(steps)
                .tools(tools)
                .provenance(provenance)
                .userMessageParts(userMessageParts);
    }

    /**
     * What the model should learn: the improved response, else the user's edit, else the original.
     *
     * @return the text to train on; never null
     */
    public String trainingResponse() {
        if (improvedResponse != null) {
            return improvedResponse;
        }
        return userEditedResponse != null ? userEditedResponse : originalResponse;
    }

    /**
     * Whether a preference (DPO) pair can be made: the training response differs from the original.
     *
     * @return true when {@link #trainingResponse()} is not equal to {@link #originalResponse()}
     */
    public boolean hasPreferencePair() {
        return !trainingResponse().equals(originalResponse);
    }

    /**
     * Whether the example was imported from a file rather than reviewed from a recorded interaction.
     *
     * @return true when {@link #provenance()} is set
     */
    public boolean isImported() {
        return provenance != null;
    }

    /**
     * Whether an export may use this example at all: approved, and scored {@link QualityScore#MIN_EXPORTABLE} or more
     * (an export may still ask for a higher minimum).
     *
     * @return true when approved with an exportable score
     */
    public boolean isExportable() {
        return status == ExampleStatus.APPROVED && quality != null && quality.isExportable();
    }

    @Override
    public String toString() {
        return "TrainingExample[id=" + id + ", source=" + sourceInteractionId + ", status=" + status + ", split="
                + split
                + ", category=" + category + ", quality=" + (quality == null ? null : quality.value())
                + ", version=" + version + (provenance == null ? "" : ", imported") + "]";
    }

    /**
     * Builds a {@link TrainingExample} by naming its parts. Setters accept any value; {@link #build()} validates them
     * all at once (see the canonical constructor). Not thread-safe; a builder can build several times.
     */
    public static final class Builder {
        private final ExampleId id;
        private final InteractionId sourceInteractionId;
        private final ExampleStatus status;
        private final Split split;
        // required parts without a default stay null until set, so build() names each one left out
        private @Nullable String userId;
        private @Nullable Instant interactionCreatedAt;
        private @Nullable String systemPrompt;
        private List<ChatMessage> priorTurns = List.of();
        private @Nullable String userMessage;
        private List<RetrievedDocument> retrievedContext = List.of();
        private @Nullable String originalResponse;
        private @Nullable String userEditedResponse;
        private @Nullable String improvedResponse;
        private @Nullable String modelUsed;
        private @Nullable Category category;
        private @Nullable QualityScore quality;
        private @Nullable String reviewer;
        private @Nullable String notes;
        private @Nullable String rejectReason;
        private @Nullable Instant createdAt;
        private @Nullable Instant reviewedAt;
        private int version = 1;
        private List<ChatMessage> steps = List.of();
        private List<ToolDefinition> tools = List.of();
        private @Nullable ImportProvenance provenance;
        private List<ContentPart> userMessageParts = List.of();

        private Builder(ExampleId id, InteractionId sourceInteractionId, ExampleStatus status, Split split) {
            this.id = id;
            this.sourceInteractionId = sourceInteractionId;
            this.status = status;
            this.split = split;
        }

        /**
         * The source interaction's user; required.
         *
         * @param v the host's user id
         * @return this builder
         */
        public Builder userId(String v) {
            this.userId = v;
            return this;
        }

        /**
         * When the source interaction happened; required.
         *
         * @param v the interaction's time
         * @return this builder
         */
        public Builder interactionCreatedAt(Instant v) {
            this.interactionCreatedAt = v;
            return this;
        }

        /**
         * The interaction's system prompt (default null: none).
         *
         * @param v the prompt, or null
         * @return this builder
         */
        public Builder systemPrompt(@Nullable String v) {
            this.systemPrompt = v;
            return this;
        }

        /**
         * Earlier turns of the conversation, oldest first (default empty).
         *
         * @param v the turns; copied at build
         * @return this builder
         */
        public Builder priorTurns(List<ChatMessage> v) {
            this.priorTurns = v;
            return this;
        }

        /**
         * The question; required, not blank.
         *
         * @param v the user's message
         * @return this builder
         */
        public Builder userMessage(String v) {
            this.userMessage = v;
            return this;
        }

        /**
         * The RAG documents the answer was given with (default empty).
         *
         * @param v the documents; copied at build
         * @return this builder
         */
        public Builder retrievedContext(List<RetrievedDocument> v) {
            this.retrievedContext = v;
            return this;
        }

        /**
         * The model's original answer; required, not blank.
         *
         * @param v the answer as logged
         * @return this builder
         */
        public Builder originalResponse(String v) {
            this.originalResponse = v;
            return this;
        }

        /**
         * The user's latest edit (default null: not edited).
         *
         * @param v the edited answer, or null
         * @return this builder
         */
        public Builder userEditedResponse(@Nullable String v) {
            this.userEditedResponse = v;
            return this;
        }

        /**
         * The reviewer's improved answer (default null: none); not blank when given.
         *
         * @param v the improved answer, or null
         * @return this builder
         */
        public Builder improvedResponse(@Nullable String v) {
            this.improvedResponse = v;
            return this;
        }

        /**
         * The model that answered; required.
         *
         * @param v the model name
         * @return this builder
         */
        public Builder modelUsed(String v) {
            this.modelUsed = v;
            return this;
        }

        /**
         * The category (default null); required for an approved example.
         *
         * @param v the category, or null
         * @return this builder
         */
        public Builder category(@Nullable Category v) {
            this.category = v;
            return this;
        }

        /**
         * The 1-10 score (default null); required for an approved example.
         *
         * @param v the score, or null
         * @return this builder
         */
        public Builder quality(@Nullable QualityScore v) {
            this.quality = v;
            return this;
        }

        /**
         * Who reviewed last; required, not blank.
         *
         * @param v the reviewer
         * @return this builder
         */
        public Builder reviewer(String v) {
            this.reviewer = v;
            return this;
        }

        /**
         * The reviewer's notes (default null: none).
         *
         * @param v the notes, or null
         * @return this builder
         */
        public Builder notes(@Nullable String v) {
            this.notes = v;
            return this;
        }

        /**
         * Why the example was rejected (default null); required for a rejected example, null for an approved one.
         *
         * @param v the reason, or null
         * @return this builder
         */
        public Builder rejectReason(@Nullable String v) {
            this.rejectReason = v;
            return this;
        }

        /**
         * When the example was first reviewed; required.
         *
         * @param v the first review's time
         * @return this builder
         */
        public Builder createdAt(Instant v) {
            this.createdAt = v;
            return this;
        }

        /**
         * When the example was last reviewed; required.
         *
         * @param v the last review's time
         * @return this builder
         */
        public Builder reviewedAt(Instant v) {
            this.reviewedAt = v;
            return this;
        }

        /**
         * The version (default 1, a first review); +1 for every re-review.
         *
         * @param v at least 1
         * @return this builder
         */
        public Builder version(int v) {
            this.version = v;
            return this;
        }

        /**
         * Builds the example.
         *
         * @return the validated example
         * @throws dev.tuneloop.errors.ValidationException listing every problem, each required part left unset included
         */
        // NullAway: parts left unset are passed as null on purpose; the canonical constructor checks each of them and
        // reports all of them at once, with the other problems, instead of failing on the first
        @SuppressWarnings("NullAway")
        public TrainingExample build() {
            return new TrainingExample(
                    id,
                    sourceInteractionId,
                    userId,
                    status,
                    split,
                    interactionCreatedAt,
                    systemPrompt,
                    priorTurns,
                    userMessage,
                    retrievedContext,
                    originalResponse,
                    userEditedResponse,
                    improvedResponse,
                    modelUsed,
                    category,
                    quality,
                    reviewer,
                    notes,
                    rejectReason,
                    createdAt,
                    reviewedAt,
                    version,
                    steps,
                    tools,
                    provenance,
                    userMessageParts);
        }

        /**
         * The question as content parts (default empty: text only); {@link #userMessage(String)} must then be their
         * text parts joined by a newline ({@link ContentPart#joinedText}).
         *
         * @param v the parts, in order; copied at build
         * @return this builder
         */
        public Builder userMessageParts(List<ContentPart> v) {
            this.userMessageParts = v;
            return this;
        }

        /**
         * Sets the tool-calling exchange before the answer (default: none).
         *
         * @param v assistant messages with tool calls and the tool results, in order
         * @return this builder
         */
        public Builder steps(List<ChatMessage> v) {
            this.steps = v;
            return this;
        }

        /**
         * Sets the tools offered to the model (default: none).
         *
         * @param v the tool definitions
         * @return this builder
         */
        public Builder tools(List<ToolDefinition> v) {
            this.tools = v;
            return this;
        }

        /**
         * Marks the example as imported (default null: reviewed from a recorded interaction).
         *
         * @param v who imported it, from which file and line; or null
         * @return this builder
         */
        public Builder provenance(@Nullable ImportProvenance v) {
            this.provenance = v;
            return this;
        }
    }
}
