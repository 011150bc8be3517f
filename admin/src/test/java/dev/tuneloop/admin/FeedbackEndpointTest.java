package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.admin.FeedbackTokens.Kind;
import dev.tuneloop.record.FeedbackState;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.testing.TestClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedbackEndpointTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String APP = "https://app.example.com";

    final TestClock clock = TestClock.at(Harness.NOW);
    final FeedbackTokens tokens = FeedbackTokens.create(SECRET, clock);
    Harness h;
    InteractionRecorder recorder;
    InteractionId id;

    @BeforeEach
    void start() {
        h = Harness.start((harness, b) -> {
            recorder = InteractionRecorder.sync(harness.store.interactions(), clock);
            return b.feedback(tokens, recorder)
                    .feedbackOrigins(Set.of(APP))
                    .feedbackRequestsPerMinute(5)
                    .feedbackClock(clock);
        });
        id = h.record("What was NVDA revenue?", "NVIDIA reported $35.1B.", null, 30);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private HttpResponse<String> send(String json, String origin) {
        HttpRequest.Builder r = HttpRequest.newBuilder(h.uri("feedback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (origin != null) {
            r.header("Origin", origin);
        }
        return h.send(r.build());
    }

    private FeedbackState state() {
        return h.store.interactions().find(id).orElseThrow().feedback();
    }

    private String token(Set<Kind> kinds) {
        return tokens.issue(id, kinds, Duration.ofHours(1));
    }

    @Test
    void a_rating_with_the_token_alone_is_recorded_and_the_latest_wins() {
        String t = token(EnumSet.allOf(Kind.class));
        HttpResponse<String> down = send("{\"token\":\"" + t + "\",\"kind\":\"rating\",\"rating\":\"down\"}", APP);
        assertThat(down.statusCode()).isEqualTo(202);
        assertThat(down.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(state().feedbackRating()).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(5));
        send("{\"token\":\"" + t + "\",\"kind\":\"rating\",\"rating\":\"up\"}", APP);
        assertThat(state().feedbackRating()).isEqualTo(1);
        send("{\"token\":\"" + t + "\",\"kind\":\"edit\",\"text\":\"NVIDIA reported $35.08B.\"}", APP);
        assertThat(state().userEditedResponse()).contains("NVIDIA reported $35.08B.");
        send("{\"token\":\"" + t + "\",\"kind\":\"follow_up\"}", APP);
        assertThat(state().hadFollowUp()).isTrue();
    }

    @Test
    void tampered_foreign_and_expired_tokens_are_401_and_record_nothing() {
        String t = token(EnumSet.of(Kind.RATING, Kind.EDIT));
        FeedbackState before = state();
        // a character inside the signature: the last one of unpadded base64 carries bits the decoder ignores
        int at = t.length() - 10;
        String tampered = t.substring(0, at) + (t.charAt(at) == 'A' ? 'B' : 'A') + t.substring(at + 1);
        String foreign = FeedbackTokens.create(
                        "another-secret-another-secret-xx".getBytes(StandardCharsets.US_ASCII), clock)
                .issue(id, EnumSet.of(Kind.EDIT), Duration.ofHours(1));
        for (String bad : new String[] {tampered, foreign, "tl1.garbage", ""}) {
            HttpResponse<String> r = send("{\"token\":\"" + bad + "\",\"kind\":\"edit\",\"text\":\"x\"}", APP);
            assertThat(r.statusCode()).as(bad).isEqualTo(401);
            assertThat(Harness.code(r)).isEqualTo("invalid_token");
            assertThat(Harness.message(r)).doesNotContain(bad.isEmpty() ? "\u0000" : bad);
        }
        clock.advance(Duration.ofHours(1));
        HttpResponse<String> expired = send("{\"token\":\"" + t + "\",\"kind\":\"rating\",\"rating\":\"down\"}", APP);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Harness.message(expired)).isEqualTo("the feedback token has expired");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_kind_the_token_does_not_allow_is_403() {
        String t = token(EnumSet.of(Kind.RATING));
        HttpResponse<String> r = send("{\"token\":\"" + t + "\",\"kind\":\"edit\",\"text\":\"better\"}", APP);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(state().isEdited()).isFalse();
    }

    @Test
    void cors_preflight_and_foreign_origins() {
        HttpResponse<String> preflight = h.send(HttpRequest.newBuilder(h.uri("feedback"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP)
                .header("Access-Control-Request-Method", "POST")
                .build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains(APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .contains("POST");

        String t = token(EnumSet.of(Kind.RATING));
        HttpResponse<String> evil =
                send("{\"token\":\"" + t + "\",\"kind\":\"rating\",\"rating\":\"down\"}", "https://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(state().feedbackRating()).isEqualTo(1); // the harness recorded a thumbs-up
    }

    @Test
    void requests_beyond_the_limit_get_429() {
        String t = token(EnumSet.of(Kind.RATING));
        String body = "{\"token\":\"" + t + "\",\"kind\":\"rating\",\"rating\":\"up\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(send(body, APP).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> limited = send(body, APP);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(send(body, APP).statusCode()).isEqualTo(202);
    }

    @Test
    void the_admin_token_is_neither_needed_nor_enough() {
        HttpResponse<String> r = h.post("feedback", "{\"token\":\"" + Harness.TOKEN + "\",\"kind\":\"follow_up\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(state().hadFollowUp()).isFalse();
    }

    @Test
    void guide_example() {
        InteractionId interactionId = id;
        // snippet:feedback-token
        // once, at start-up: the same secret on every instance (at least 32 bytes, from the host's vault)
        FeedbackTokens feedbackTokens = FeedbackTokens.create(SECRET, Clock.systemUTC());
        // with each answer: a token for this interaction only, handed to the front end with the answer
        String token = feedbackTokens.issue(interactionId, EnumSet.of(Kind.RATING, Kind.EDIT), Duration.ofHours(1));
        // end-snippet:feedback-token
        assertThat(tokens.verify(token)).isPresent(); // same secret: accepted here too
        assertThat(send("{\"token\":\"" + token + "\",\"kind\":\"rating\",\"rating\":\"down\"}", APP)
                        .statusCode())
                .isEqualTo(202);
        assertThat(state().feedbackRating()).isEqualTo(-1);
    }

    @Test
    void tokens_carry_what_they_allow_and_nothing_else() {
        String t = tokens.issue(id, EnumSet.of(Kind.EDIT, Kind.FOLLOW_UP), Duration.ofMinutes(10));
        FeedbackTokens.Grant g = tokens.verify(t).orElseThrow();
        assertThat(g.interactionId()).isEqualTo(id);
        assertThat(g.kinds()).containsExactlyInAnyOrder(Kind.EDIT, Kind.FOLLOW_UP);
        assertThat(g.expiresAt()).isEqualTo(Harness.NOW.plus(Duration.ofMinutes(10)));
        assertThat(t).matches("tl1\\.[A-Za-z0-9_-]{34}\\.[A-Za-z0-9_-]{43}");
        assertThat(tokens.toString()).doesNotContain("0123456789");
    }
}
