package dev.tuneloop.eval;

import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.record.ChatMessage;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link PairwiseJudge#llm}: asks in both orders and maps the verdicts back to A and B. */
final class LlmJudge implements PairwiseJudge {
    /** The judge's instructions; they end with the three verdict lines it must choose from. */
    static final String SYSTEM = "You are a strict evaluator of answers from a financial analyst assistant. "
            + "Compare two answers to the same question for factual accuracy against the reference answer, "
            + "completeness, format, citations of sources and concision. Do not prefer an answer for its position "
            + "or its length. Explain briefly, then end with one line that is exactly one of:\n"
            + "VERDICT: FIRST\nVERDICT: SECOND\nVERDICT: TIE";

    private static final Pattern VERDICT = Pattern.compile("VERDICT: (FIRST|SECOND|TIE)");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private final ChatModel model;
    private final String modelId;

    LlmJudge(ChatModel model, String modelId) {
        this.model = model;
        this.modelId = modelId;
    }

    @Override
    public JudgeResult compare(EvalCase evalCase, String answerA, String answerB) {
        int a = 0, ties = 0, b = 0;
        // order 1: A first; order 2: B first
        for (int order = 0; order < 2; order++) {
            String first = order == 0 ? answerA : answerB;
            String second = order == 0 ? answerB : answerA;
            Optional<String> v =
                    parse(model.complete(request(evalCase, first, second)).text());
            if (v.isEmpty()) {
                continue;
            }
            switch (v.get()) {
                case "TIE" -> ties++;
                case "FIRST" -> {
                    if (order == 0) {
                        a++;
                    } else {
                        b++;
                    }
                }
                default -> { // "SECOND": the parser admits nothing else
                    if (order == 0) {
                        b++;
                    } else {
                        a++;
                    }
                }
            }
        }
        return JudgeResult.of(a, ties, b);
    }

    /** The request for one order: the question, the reference answer and both answers in delimited blocks. */
    ChatRequest request(EvalCase c, String first, String second) {
        String user = "Question:\n" + c.question()
                + "\n\nReference answer (reviewed by a domain expert):\n" + c.expected()
                + "\n\n[FIRST ANSWER]\n" + first + "\n[END FIRST ANSWER]"
                + "\n\n[SECOND ANSWER]\n" + second + "\n[END SECOND ANSWER]";
        return new ChatRequest(modelId, List.of(ChatMessage.system(SYSTEM), ChatMessage.user(user)), 0.0, null);
    }

    /** The verdict on the last non-blank line, when that line is exactly a verdict. */
    static Optional<String> parse(String answer) {
        // limit 0 drops trailing empty lines (e.g. after a NEL, which strip() keeps), so the verdict line is last
        String[] lines = LINE_BREAK.split(answer.strip(), 0);
        String last = lines[lines.length - 1].strip();
        Matcher m = VERDICT.matcher(last);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
