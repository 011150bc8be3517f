package dev.tuneloop.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.vectorstore.QuestionAnswerAdvisor;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;

/** With Spring AI's QuestionAnswerAdvisor: the documents it retrieved are recorded, and the question as asked. */
class RetrievedDocumentsTest {
    private final Store store = Store.inMemory();
    private final InteractionRecorder recorder = InteractionRecorder.async(store.interactions());
    private final ChatCompletionsServer server;

    RetrievedDocumentsTest() throws IOException {
        server = new ChatCompletionsServer();
    }

    @AfterEach
    void close() {
        recorder.close();
        server.close();
    }

    /** A vector store that finds the same two filing excerpts for every query. */
    static final class Filings implements VectorStore {
        @Override
        public void add(List<Document> documents) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(List<String> idList) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Filter.Expression filterExpression) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Document> similaritySearch(SearchRequest request) {
            return List.of(
                    Document.builder()
                            .id("nvda-10q-q3#sbc")
                            .text("Stock-based compensation expense was $1,252 million.")
                            .metadata("source", "NVDA 10-Q Q3 FY2025")
                            .build(),
                    Document.builder()
                            .id("nvda-10q-q3#rev")
                            .text("Revenue was $35,082 million.")
                            .build());
        }
    }

    @Test
    void theRetrievedDocumentsAndTheQuestionAsAskedAreRecorded() {
        assertThat(ConversationMapping.QA_RETRIEVED_DOCUMENTS).isEqualTo(QuestionAnswerAdvisor.RETRIEVED_DOCUMENTS);
        server.answer("gpt-4o-mini", "$1.25B.", 120, 4);
        ChatClient client = ChatClient.builder(TuneloopAdvisorTest.openAi(server.baseUrl()))
                .defaultAdvisors(QuestionAnswerAdvisor.builder(new Filings()).build(), TuneloopAdvisor.create(recorder))
                .build();

        String answer = client.prompt()
                .user("What was NVDA's SBC in Q3?")
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42"))
                .call()
                .content();

        assertThat(answer).isEqualTo("$1.25B.");
        // the model was sent the question with the documents pasted in
        assertThat(server.requests().get(0))
                .contains("Stock-based compensation expense was $1,252 million.")
                .contains("Context information is below");
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        List<RecordedInteraction> all = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), all::add);
        assertThat(all).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.userMessage()).isEqualTo("What was NVDA's SBC in Q3?");
        assertThat(i.retrievedContext())
                .containsExactly(
                        RetrievedDocument.of(
                                "nvda-10q-q3#sbc",
                                "NVDA 10-Q Q3 FY2025",
                                "Stock-based compensation expense was $1,252 million."),
                        RetrievedDocument.of("nvda-10q-q3#rev", null, "Revenue was $35,082 million."));
    }
}
