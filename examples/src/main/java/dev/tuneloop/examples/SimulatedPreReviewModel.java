package dev.tuneloop.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.eval.PreReviewer;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ChatMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SIMULATED pre-review model of the demo: a deterministic {@link ChatModel} that reads the prompt of
 * {@link PreReviewer#DEFAULT_PROMPT} and answers in the JSON it asks for. It places the question by keywords (so, like
 * a real model, it sometimes picks another category than the experts: a GAAP versus non-GAAP question that starts
 * with "Compare" becomes a comparison), scores an answer that cites a filing and gives figures 8 (9 when it is laid out over several lines), one with figures
 * only 5 and the rest 3, and offers the bundled expert answer as the improvement.
 */
final class SimulatedPreReviewModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> referenceByQuestion;
    private final AtomicInteger calls = new AtomicInteger();

    SimulatedPreReviewModel(Map<String, String> referenceByQuestion) {
        this.referenceByQuestion = referenceByQuestion;
    }

    /** How many requests it has answered. */
    int calls() {
        return calls.get();
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        calls.incrementAndGet();
        List<ChatMessage> messages = request.messages();
        String prompt = messages.get(messages.size() - 1).content();
        String question = between(prompt, "\nQuestion:\n", "\n\nAnswer:\n");
        String answer = between(prompt, "\n\nAnswer:\n", "\n\nReply with one JSON object");
        boolean citesFiling = answer.matches("(?s).*\\b(10-K|10-Q|8-K)\\b.*") || answer.contains("consensus");
        boolean hasNumbers = answer.matches("(?s).*\\d.*");
        int quality = citesFiling && hasNumbers ? (answer.contains("\n") ? 9 : 8) : hasNumbers ? 5 : 3;
        String reason = quality == 8
                ? "cites the filing and gives the figures"
                : quality == 5 ? "gives figures but cites no filing" : "generic: no filing cited, no figures";
        ObjectNode out = JSON.createObjectNode()
                .put("category", categoryOf(question))
                .put("quality", quality)
                .put("reason", reason)
                .put("improved_answer", referenceByQuestion.getOrDefault(question, answer));
        try {
            String text = JSON.writeValueAsString(out);
            return new ChatResponse(
                    text, request.model(), new TokenUsage(prompt.length() / 4, text.length() / 4), Duration.ZERO);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a suggestion", e);
        }
    }

    private static String categoryOf(String question) {
        if (question.startsWith("Compare")) {
            return "comparison";
        }
        if (question.contains("stock-based compensation")) {
            return "sbc_breakdown";
        }
        if (question.contains("analysts expect")) {
            return "analyst_estimates";
        }
        if (question.contains("10-K")) {
            return "sec_10k";
        }
        if (question.contains("8-K")) {
            return "sec_8k";
        }
        if (question.contains("operating margin")) {
            return "financial_metrics";
        }
        return "sec_10q";
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            return "";
        }
        from += start.length();
        int to = text.indexOf(end, from);
        return to < 0 ? text.substring(from) : text.substring(from, to);
    }
}
