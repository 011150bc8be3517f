package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.ScriptedChatModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a host application tests its own chat endpoint with Tuneloop: the in-memory store, a write-through recorder and
 * a scripted chat model; no database, no network.
 */
class ChatControllerTest {

    private final Store store = Store.inMemory();
    private final InteractionRecorder recorder = InteractionRecorder.sync(store.interactions());
    private final ScriptedChatModel chat = ScriptedChatModel.builder()
            .answer("ft:gpt-4o-mini:acme::v1", r -> "fine-tuned answer")
            .answer("gpt-4o-mini", r -> r.messages().get(1).content().equals("say nothing") ? "" : "base answer")
            .build();
    private final AbRouter router = AbRouter.create(RoutingPlan.of(
            "exp", Arm.of("fine-tuned", "ft:gpt-4o-mini:acme::v1", 8_000), Arm.of("base", "gpt-4o-mini", 2_000)));
    private final ChatController controller =
            new ChatController(router, chat, recorder, "You are helpful.", Clock.systemUTC());

    @Test
    void eachChatIsAnsweredByTheRoutedModelAndRecorded() {
        ChatController.ChatReply reply = controller.chat("user-1", "What was NVDA's SBC in Q3?");

        // the router's spec: bucket 7560 of "exp:user-1" falls in the first arm's 0-7999 range
        assertThat(reply.model()).isEqualTo("ft:gpt-4o-mini:acme::v1");
        assertThat(reply.answer()).isEqualTo("fine-tuned answer");
        RecordedInteraction recorded = store.interactions()
                .find(InteractionId.parse(reply.interactionId()))
                .orElseThrow();
        assertThat(recorded.interaction().modelUsed()).isEqualTo(reply.model());
        assertThat(recorded.interaction().userMessage()).isEqualTo("What was NVDA's SBC in Q3?");
        assertThat(recorded.interaction().assistantResponse()).isEqualTo("fine-tuned answer");
        assertThat(chat.callsFor("ft:gpt-4o-mini:acme::v1")).hasSize(1);
    }

    @Test
    void feedbackButtonsLandOnTheRecordedInteraction() {
        ChatController.ChatReply reply = controller.chat("user-2", "Compare GOOGL's GAAP vs non-GAAP EPS");
        controller.rate(reply.interactionId(), false);
        controller.edit(reply.interactionId(), "For Q3 2024, Alphabet reported GAAP EPS of $2.12.");
        controller.followUp(reply.interactionId(), "and non-GAAP?");

        RecordedInteraction r = store.interactions()
                .find(InteractionId.parse(reply.interactionId()))
                .orElseThrow();
        assertThat(r.feedback().feedbackRating()).isEqualTo(-1);
        assertThat(r.feedback().userEditedResponse()).contains("For Q3 2024, Alphabet reported GAAP EPS of $2.12.");
        assertThat(r.feedback().hadFollowUp()).isTrue();
        assertThat(r.interaction().assistantResponse()).isEqualTo(reply.answer()); // the original is kept
    }

    @Test
    void anAnswerTuneloopCannotKeepIsStillReturnedButNotRecorded() {
        // "exp:user-2" → bucket 794 → the fine-tuned arm; find a user on the base arm, whose model answers ""
        String baseUser = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> "u" + i)
                .filter(u -> router.modelFor(u).equals("gpt-4o-mini"))
                .findFirst()
                .orElseThrow();
        ChatController.ChatReply reply = controller.chat(baseUser, "say nothing"); // does not throw
        assertThat(reply.answer()).isEmpty();
        assertThat(store.interactions().count(dev.tuneloop.record.ScanQuery.all()))
                .isZero();
        assertThat(recorder.stats().rejectedByRule())
                .containsExactly(java.util.Map.entry("assistantResponse must not be empty or blank", 1L));
    }

    @Test
    void aToolCallingChatIsRecordedAsOneInteractionWithItsStepsAndTools() {
        SigmaSightDataset.Item item = SigmaSightDataset.items(12).get(0); // sec_10q, NVDA
        FilingTool tool = new FilingTool(SigmaSightDataset.items(240));
        List<ChatRequest> requests = new ArrayList<>();
        ChatModel toolUser = request -> {
            requests.add(request);
            ChatMessage last = request.messages().get(request.messages().size() - 1);
            if (last.role() == Role.USER) {
                return new ChatResponse(
                        "",
                        request.model(),
                        new TokenUsage(10, 5),
                        Duration.ofMillis(3),
                        List.of(FilingTool.callFor(item, "call_1").orElseThrow()));
            }
            return new ChatResponse(item.reference(), request.model(), new TokenUsage(30, 20), Duration.ofMillis(4));
        };
        ChatController withTools = new ChatController(
                router,
                toolUser,
                recorder,
                "You are helpful.",
                Clock.systemUTC(),
                List.of(FilingTool.DEFINITION),
                tool::run);

        ChatController.ChatReply reply = withTools.chat("user-3", item.question());

        assertThat(reply.answer()).isEqualTo(item.reference());
        assertThat(reply.toolCalls()).isEqualTo(1);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).tools()).containsExactly(FilingTool.DEFINITION);
        assertThat(requests.get(1).messages()).hasSize(4); // system, user, the call, its result
        Interaction recorded = store.interactions()
                .find(InteractionId.parse(reply.interactionId()))
                .orElseThrow()
                .interaction();
        assertThat(recorded.tools()).containsExactly(FilingTool.DEFINITION);
        assertThat(recorded.steps()).hasSize(2);
        ToolCall call = recorded.steps().get(0).toolCalls().get(0);
        assertThat(call.name()).isEqualTo("get_filing");
        assertThat(call.arguments()).isEqualTo("{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}");
        ChatMessage result = recorded.steps().get(1);
        assertThat(result.toolCallId()).isEqualTo("call_1");
        assertThat(result.content())
                .contains("\"ticker\":\"NVDA\"")
                .contains(item.reference().replace("\n", "\\n"));
        assertThat(recorded.assistantResponse()).isEqualTo(item.reference());
        assertThat(recorded.latency()).isEqualTo(Duration.ofMillis(7));
        assertThat(recorded.promptTokens()).isEqualTo(40);
        assertThat(recorded.completionTokens()).isEqualTo(25);
    }

    @Test
    void theFilingToolAnswersBadArgumentsWithAnError() {
        FilingTool tool = new FilingTool(SigmaSightDataset.items(24));
        assertThat(tool.run(new ToolCall("c", "get_filing", "not json")))
                .isEqualTo("{\"error\":\"arguments are not JSON\"}");
        assertThat(tool.run(new ToolCall("c", "get_filing", "{\"ticker\":1}"))).contains("\"error\"");
        assertThat(tool.run(new ToolCall("c", "get_filing", "{\"ticker\":\"nvda\",\"form\":\"10-Q\"}")))
                .contains("\"excerpts\":[\"According to NVIDIA");
        assertThat(FilingTool.callFor(SigmaSightDataset.items(36).get(12 * 2), "c"))
                .isEmpty(); // gaap_reconciliation
    }

    @Test
    void theSameUserAlwaysGetsTheSameModel() {
        String first = controller.chat("user-7", "q1").model();
        for (int i = 0; i < 20; i++) {
            assertThat(controller.chat("user-7", "q" + i).model()).isEqualTo(first);
        }
    }
}
