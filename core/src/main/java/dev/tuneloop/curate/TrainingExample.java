package dev.tuneloop.curate;

import dev.tuneloop.internal.Checks;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RetrievedDocument;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A reviewed interaction (the seed's {@code training_examples} row): a copy of what was asked and answered, the
 * reviewer's decision, category and score, and the frozen split. It is linked to its source interaction
 * ({@code source_interaction_id}); an interaction has at most one example.
 *
 * <p>The text a model should learn is {@link #trainingResponse()}: the reviewer's improved response, else the user's
 * edit, else the original response.
 *
 * @param id                  the example's id
 * @param sourceInteractionId the interaction it was made from
 * @param userId              the interaction's user (so erasing a user erases its examples)
 * @param status              approved or rejected
 * @param split               train or holdout, assigned once from the id and never changed
 * @param interactionCreatedAt when the source interaction happened
 * @param systemPrompt        the system prompt of the interaction; may be null
 * @param priorTurns          earlier turns of the conversation; never null
 * @param userMessage         the question
 * @param retrievedContext    the RAG documents; never null
 * @param originalResponse    the model's original answer, never changed
 * @param userEditedResponse  the user's latest edit; may be null
 * @param improvedResponse    the reviewer's improved answer (the seed's Step 3); may be null
 * @param modelUsed           the model that answered
 * @param category            the category; required when approved, may be null when rejected
 * @param quality             the 1-10 score; required when approved, may be null when rejected
 * @param reviewer            who reviewed last; never null
 * @param notes               the reviewer's notes; may be null
 * @param rejectReason        why it was rejected; required when rejected, null when approved
 * @param createdAt           when it was first reviewed
 * @param reviewedAt          when it was last reviewed
 * @param version             1 at first review, +1 at every re-review
 */
public record TrainingExample(
        ExampleId id,
        InteractionId sourceInteractionId,
        String userId,
        ExampleStatus status,
        Split split,
        Instant interactionCreatedAt,
        String systemPrompt,
        List<ChatMessage> priorTurns,
        String userMessage,
        List<RetrievedDocument> retrievedContext,
        String originalResponse,
        String userEditedResponse,
        String improvedResponse,
        String modelUsed,
        Category category,
        QualityScore quality,
        String reviewer,
        String notes,
        String rejectReason,
        Instant createdAt,
        Instant reviewedAt,
        int version) {

    public TrainingExample {
        priorTurns = priorTurns == null ? List.of() : List.copyOf(priorTurns);
        retrievedContext = retrievedContext == null ? List.of() : List.copyOf(retrievedContext);
        interactionCreatedAt =
                interactionCreatedAt == null ? null : interactionCreatedAt.truncatedTo(ChronoUnit.MICROS);
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MICROS);
        reviewedAt = reviewedAt == null ? null : reviewedAt.truncatedTo(ChronoUnit.MICROS);
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
        if (status == ExampleStatus.APPROVED) {
            c.require(category != null, "category is required to approve an example, but was null")
                    .require(quality != null, "quality is required to approve an example, but was null")
                    .require(rejectReason == null, "rejectReason must be null for an approved example");
        } else if (status == ExampleStatus.REJECTED) {
            c.text("rejectReason", rejectReason, true, 64 * 1024);
        }
        c.orThrow();
    }

    /** What the model should learn: the improved response, else the user's edit, else the original. */
    public String trainingResponse() {
        if (improvedResponse != null) {
            return improvedResponse;
        }
        return userEditedResponse != null ? userEditedResponse : originalResponse;
    }

    /** Whether a preference (DPO) pair can be made: the training response differs from the original. */
    public boolean hasPreferencePair() {
        return !trainingResponse().equals(originalResponse);
    }

    /** Approved, and scored 5 or more. */
    public boolean isExportable() {
        return status == ExampleStatus.APPROVED && quality != null && quality.isExportable();
    }

    @Override
    public String toString() {
        return "TrainingExample[id=" + id + ", source=" + sourceInteractionId + ", status=" + status + ", split="
                + split
                + ", category=" + category + ", quality=" + (quality == null ? null : quality.value())
                + ", version=" + version + "]";
    }
}
