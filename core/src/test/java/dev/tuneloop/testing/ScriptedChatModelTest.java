package dev.tuneloop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.record.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedChatModelTest {
    private static ChatRequest ask(String model, String question) {
        return ChatRequest.of(model, List.of(ChatMessage.system("sys"), ChatMessage.user(question)));
    }

    @Test
    void answersExactThenPerModelThenFallback() {
        ScriptedChatModel m = ScriptedChatModel.builder()
                .answer("a", "q1", "exact")
                .answer("a", r -> "model a")
                .fallback(r -> "fallback " + r.model())
                .build();
        assertThat(m.complete(ask("a", "q1")).text()).isEqualTo("exact");
        assertThat(m.complete(ask("a", "q2")).text()).isEqualTo("model a");
        assertThat(m.complete(ask("b", "q1")).text()).isEqualTo("fallback b");
        assertThat(m.calls()).extracting(ChatRequest::model).containsExactly("a", "a", "b");
        assertThat(m.callsFor("a")).hasSize(2);
        assertThat(m.complete(ask("a", "q1")).usage().completionTokens()).isEqualTo(2); // "exact": 5 chars -> 2 tokens
    }

    @Test
    void anUnscriptedPromptFailsWithoutQuotingIt() {
        ScriptedChatModel m = ScriptedChatModel.builder().answer("a", "q1", "x").build();
        assertThatThrownBy(() -> m.complete(ask("a", "my secret question")))
                .isInstanceOf(TuneloopException.class)
                .hasMessageStartingWith("no scripted answer for model a and prompt ")
                .hasMessageNotContaining("secret");
    }

    @Test
    void failsTheFirstNCallsThenAnswers() {
        ScriptedChatModel m =
                ScriptedChatModel.builder().fallback(r -> "ok").failFirst(2).build();
        assertThatThrownBy(() -> m.complete(ask("a", "q"))).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> m.complete(ask("a", "q"))).isInstanceOf(RetriableException.class);
        assertThat(m.complete(ask("a", "q")).text()).isEqualTo("ok");
        assertThat(m.callCount()).isEqualTo(3);
    }
}
