package dev.tuneloop.eval;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One held-out question with its expected answer: what the evaluator asks every model and scores against.
 *
 * @param id       a stable id (the example id for cases made from the store); non-blank
 * @param category the category name, or null when the example has none
 * @param prompt   the messages sent to each model: the system prompt (when there is one), the prior turns, then
 *                 the user message; at least one, the last from the user
 * @param expected the expected answer (for an example: {@link TrainingExample#trainingResponse()}); non-blank
 * @param keyFacts facts a good answer states (see {@link KeyFactSource}); may be empty, never null
 */
public record EvalCase(
        String id, @Nullable String category, List<ChatMessage> prompt, String expected, List<String> keyFacts) {

    /**
     * Checks the case and copies its lists; blank key facts are dropped.
     *
     * @param id       a stable id (the example id for cases made from the store); non-blank
     * @param category the category name, or null when the example has none
     * @param prompt   the messages sent to each model: the system prompt (when there is one), the prior turns, then
     *                 the user message; at least one, the last from the user
     * @param expected the expected answer (for an example: {@link TrainingExample#trainingResponse()}); non-blank
     * @param keyFacts facts a good answer states (see {@link KeyFactSource}); may be empty, never null
     * @throws dev.tuneloop.errors.ValidationException naming every broken rule
     * @throws NullPointerException                    when a key fact is null
     */
    public EvalCase {
        Checks c = Checks.start()
                .require(id != null && !id.isBlank(), "case id must not be blank")
                .require(prompt != null && !prompt.isEmpty(), "case " + id + ": prompt must not be empty")
                .require(expected != null && !expected.isBlank(), "case " + id + ": expected answer must not be blank")
                .require(keyFacts != null, "case " + id + ": keyFacts must not be null (use an empty list)");
        if (prompt != null && !prompt.isEmpty()) {
            c.require(
                    prompt.get(prompt.size() - 1).role() == Role.USER,
                    "case " + id + ": the last prompt message must be from the user, but was "
                            + prompt.get(prompt.size() - 1).role().wireName());
        }
        c.orThrow();
        prompt = List.copyOf(prompt);
        keyFacts = keyFacts.stream()
                .map(f -> Objects.requireNonNull(f, "key fact"))
                .filter(f -> !f.isBlank())
                .toList();
    }

    /**
     * The case for a held-out example: prompt = system prompt + prior turns + user message (the retrieved context is
     * not replayed: the holdout tests what the model learned, and a model served with RAG should be evaluated with
     * a {@code EvalCase} built by the host with the context in the prompt), expected = the training response, key
     * facts from {@code facts}.
     *
     * @param example the held-out example
     * @param facts   where its key facts come from
     * @return the case, with the example's id and category name
     * @throws dev.tuneloop.errors.ValidationException when the example makes no valid case (e.g. a blank response)
     */
    public static EvalCase from(TrainingExample example, KeyFactSource facts) {
        List<ChatMessage> prompt = new ArrayList<>();
        String system = example.systemPrompt();
        if (system != null && !system.isBlank()) {
            prompt.add(ChatMessage.system(system));
        }
        prompt.addAll(example.priorTurns());
        prompt.add(example.userChatMessage()); // with its image parts, when it has them
        Category category = example.category();
        return new EvalCase(
                example.id().toString(),
                category == null ? null : category.name(),
                prompt,
                example.trainingResponse(),
                facts.keyFacts(example));
    }

    /**
     * The question.
     *
     * @return the content of the last prompt message, which is the user's
     */
    public String question() {
        return prompt.get(prompt.size() - 1).content();
    }

    /**
     * This case with other key facts.
     *
     * @param facts the facts; blank ones are dropped
     * @return a new case
     */
    public EvalCase withKeyFacts(List<String> facts) {
        return new EvalCase(id, category, prompt, expected, facts);
    }

    @Override
    public String toString() {
        return "EvalCase[id=" + id + ", category=" + category + ", messages=" + prompt.size() + ", keyFacts="
                + keyFacts.size() + "]";
    }
}
