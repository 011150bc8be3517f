package dev.tuneloop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Role;
import dev.tuneloop.route.Endpoint;
import dev.tuneloop.testsupport.ProviderEndToEndContract;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.Launch;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The end-to-end launch on the in-memory fake provider, with a scripted chat model playing its chat API. */
class FakeProviderEndToEndTest extends ProviderEndToEndContract {
    private FakeFineTuneClient fake;
    private ChatModel chat;

    @BeforeEach
    void start() {
        fake = FakeFineTuneClient.create().scriptNextJobs("validating_files", "queued", "running", "succeeded");
        chat = ScriptedChatModel.answering((ChatRequest r) -> {
            String question = r.messages().stream()
                    .filter(m -> m.role() == Role.USER)
                    .reduce((a, b) -> b)
                    .map(ChatMessage::content)
                    .orElse("");
            return answer(r.model(), question)
                    .orElseThrow(() -> new NotFoundException("model " + r.model() + " is not served here"));
        });
    }

    @Override
    protected FineTuneClient client() {
        return fake;
    }

    @Override
    protected String baseModel() {
        return "gpt-4o-mini-2024-07-18";
    }

    @Override
    protected Endpoint endpoint() {
        return Endpoint.of("fake", "http://fake.invalid/v1");
    }

    @Override
    protected ChatModel chatModel() {
        return chat;
    }

    @Override
    protected byte[] uploaded(String fileId) {
        return fake.uploads().stream()
                .filter(u -> u.file().id().equals(fileId))
                .findFirst()
                .orElseThrow()
                .bytes();
    }

    @Override
    protected void checkCreateRequest(Launch launch) {
        FineTuneRequest sent = fake.createRequests().get(0);
        assertThat(sent.baseModel()).isEqualTo(baseModel());
        assertThat(sent.trainingFileId()).isEqualTo(launch.trainingFile().id());
        assertThat(sent.suffix()).isEqualTo("sigmasight-v1");
    }

    @Override
    protected List<String> expectedStatusChanges() {
        return List.of("queued=QUEUED", "running=RUNNING", "succeeded=SUCCEEDED");
    }
}
