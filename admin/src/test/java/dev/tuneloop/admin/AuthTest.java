package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthTest {
    static Harness h;

    @BeforeAll
    static void start() {
        h = Harness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private HttpResponse<String> getWith(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(h.uri(path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return h.send(b.build());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "curation/candidates",
                "curation/taxonomy",
                "curation/readiness",
                "metrics",
                "export/jsonl?min_quality=6",
                "fine-tune/models",
                "fine-tune/ftjob-1/status",
                "no/such/endpoint"
            })
    void every_api_path_needs_the_token(String path) {
        HttpResponse<String> r = getWith(path, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"tuneloop-admin\"");
        assertThat(Harness.code(r)).isEqualTo("unauthorized");
    }

    @Test
    void posts_need_the_token_too_even_with_a_valid_body() {
        dev.tuneloop.record.InteractionId id = h.record("q", "a", null, 5);
        HttpResponse<String> r = h.send(HttpRequest.newBuilder(h.uri("curation/candidates/" + id + "/approve"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"sec_10k\",\"quality_score\":8}"))
                .build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(h.store.examples().findBySource(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer wrong-token-0123456789abcdef",
                "Bearer test-token-0123456789abcdeF",
                "Bearer test-token-0123456789abcde",
                "Bearer test-token-0123456789abcdefX",
                "Bearer ",
                "Basic dGVzdDp0ZXN0",
                "test-token-0123456789abcdef",
                "Bearer  test-token-0123456789abcdef x"
            })
    void a_wrong_token_or_scheme_is_refused(String authorization) {
        HttpResponse<String> r = getWith("curation/taxonomy", authorization);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"tuneloop-admin\", error=\"invalid_token\"");
        assertThat(r.body()).doesNotContain(Harness.TOKEN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer test-token-0123456789abcdef",
                "bearer test-token-0123456789abcdef",
                "Bearer   test-token-0123456789abcdef  "
            })
    void the_right_token_is_accepted(String authorization) {
        HttpResponse<String> r = getWith("curation/taxonomy", authorization);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Harness.json(r).path("categories").size()).isEqualTo(8);
    }

    @Test
    void the_console_page_and_its_files_are_served_without_a_token_with_a_strict_policy() {
        for (String file : new String[] {"console/", "console/console.js", "console/console.css"}) {
            HttpResponse<String> r = getWith(file, null);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("default-src 'self'")
                    .contains("script-src 'self'")
                    .doesNotContain("unsafe");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(getWith("console/", null)
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow())
                .startsWith("text/html");
        assertThat(getWith("console/", null).body())
                .contains("<script src=\"console.js\"")
                .doesNotContain("http://", "https://");
    }

    @Test
    void the_console_without_a_trailing_slash_redirects_and_unknown_console_files_are_404() {
        HttpResponse<String> r = getWith("console", null);
        assertThat(r.statusCode()).isEqualTo(308);
        assertThat(r.headers().firstValue("Location")).hasValue("/admin/console/");
        assertThat(getWith("console/secrets.txt", null).statusCode()).isEqualTo(404);
    }

    @Test
    void api_answers_carry_no_store_and_a_deny_all_policy() {
        HttpResponse<String> r = h.get("curation/taxonomy");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }
}
