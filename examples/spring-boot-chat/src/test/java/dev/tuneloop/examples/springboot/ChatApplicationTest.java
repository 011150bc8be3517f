package dev.tuneloop.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.InteractionRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The example end to end on a real embedded server: chat, 👍, ✏️, then the admin API lists the candidate. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:chat-test;DB_CLOSE_DELAY=-1",
            "tuneloop.admin.token=" + ChatApplicationTest.TOKEN
        })
class ChatApplicationTest {
    static final String TOKEN = "test-token-0123456789abcdef";
    private static final Pattern ID = Pattern.compile("\"interactionId\":\"([^\"]+)\"");

    @Value("${local.server.port}")
    int port;

    @Autowired
    InteractionRecorder recorder;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void chatFeedbackThenTheAdminApiListsTheCandidate() throws Exception {
        HttpResponse<String> chat = post("/chat", "{\"userId\":\"user-1\",\"message\":\"What was Q3 revenue?\"}");
        assertThat(chat.statusCode()).isEqualTo(200);
        Matcher m = ID.matcher(chat.body());
        assertThat(m.find()).as(chat.body()).isTrue();
        String id = m.group(1);
        assertThat(chat.body()).contains("\"model\":\"gpt-4o-mini\"");

        assertThat(post("/chat/" + id + "/up", "").statusCode()).isEqualTo(200);
        assertThat(post("/chat/" + id + "/edit", "{\"answer\":\"Q3 revenue was $1.2B, up 8% year over year.\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();

        HttpResponse<String> unauthorized = get("/tuneloop/admin/curation/candidates", null);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.body()).contains("\"error\"");

        HttpResponse<String> candidates = get("/tuneloop/admin/curation/candidates", TOKEN);
        assertThat(candidates.statusCode()).isEqualTo(200);
        assertThat(candidates.body()).contains(id).contains("Q3 revenue was $1.2B");

        HttpResponse<String> console = get("/tuneloop/admin/console/", null);
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));

        HttpResponse<String> actuator = get("/actuator/tuneloop", null);
        assertThat(actuator.statusCode()).isEqualTo(200);
        assertThat(actuator.body()).contains("\"persisted\":3").doesNotContain(TOKEN);

        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        HttpResponse<String> metric = get("/actuator/metrics/tuneloop.recorder.persisted", null);
        assertThat(metric.statusCode()).isEqualTo(200);
        assertThat(metric.body()).contains("\"value\":3.0");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
