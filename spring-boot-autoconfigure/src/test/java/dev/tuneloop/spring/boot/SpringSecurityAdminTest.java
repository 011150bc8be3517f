package dev.tuneloop.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.testsupport.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** The admin API behind the host's Spring Security on a real embedded server: the role decides, no token is asked. */
@SpringBootTest(
        classes = SpringSecurityAdminTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tuneloop.admin.enabled=true", "management.endpoints.web.exposure.include=tuneloop,health"})
class SpringSecurityAdminTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        // snippet:spring-security
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    // the console sends its own JSON calls without a CSRF token
                    .csrf(c -> c.ignoringRequestMatchers("/tuneloop/**"));
            return http.build();
        }
        // end-snippet:spring-security

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("reviewer")
                            .password("{noop}reviewer-pw")
                            .roles("TUNELOOP_ADMIN")
                            .build(),
                    User.withUsername("someone")
                            .password("{noop}someone-pw")
                            .roles("USER")
                            .build());
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    InteractionRecorder recorder;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theRoleDecidesAndAReviewerCanApprove() throws Exception {
        InteractionId id = recorder.log(Fixtures.interaction(java.time.Instant.now()));
        recorder.rate(id, Rating.up());
        InteractionId other = recorder.log(Fixtures.interaction("user-2", java.time.Instant.now())
                .userMessage("What was AMD's data-center revenue in Q2?")
                .build());
        recorder.rate(other, Rating.up());
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(send("GET", "tuneloop/admin/curation/candidates", null, null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> forbidden = send("GET", "tuneloop/admin/curation/candidates", "someone:someone-pw", null);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("\"code\":\"forbidden\"");

        // the reviewer's browser sends no bearer token (or any): the host's authentication is what counts
        HttpResponse<String> candidates =
                send("GET", "tuneloop/admin/curation/candidates", "reviewer:reviewer-pw", null);
        assertThat(candidates.statusCode()).isEqualTo(200);
        assertThat(candidates.body()).contains(id.toString());

        HttpResponse<String> approved = send(
                "POST",
                "tuneloop/admin/curation/candidates/" + id + "/approve",
                "reviewer:reviewer-pw",
                "{\"category\":\"sec_10k\",\"quality_score\":9}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        // the logged-in user is the reviewer on record, and nobody reviews under another name
        assertThat(approved.body()).contains("\"reviewer\":\"reviewer\"");
        HttpResponse<String> impersonating = send(
                "POST",
                "tuneloop/admin/curation/candidates/" + other + "/approve",
                "reviewer:reviewer-pw",
                "{\"category\":\"sec_10k\",\"quality_score\":9,\"reviewer\":\"mallory\"}");
        assertThat(impersonating.statusCode()).isEqualTo(400);
        assertThat(impersonating.body()).contains("reviewer must be the logged-in user or left out");
        HttpResponse<String> claimed =
                send("POST", "tuneloop/admin/review/claim", "reviewer:reviewer-pw", "{\"max\":5}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.body()).contains("\"reviewer\":\"reviewer\"").contains(other.toString());
        assertThat(send("GET", "tuneloop/admin/review/queue", "reviewer:reviewer-pw", null)
                        .body())
                .contains(other.toString());
        assertThat(send("GET", "tuneloop/admin/curation/candidates", "reviewer:reviewer-pw", null)
                        .body())
                .doesNotContain(id.toString());

        HttpResponse<String> actuator = send("GET", "actuator/tuneloop", "reviewer:reviewer-pw", null);
        assertThat(actuator.statusCode()).isEqualTo(200);
        assertThat(actuator.body()).contains("\"TRAINING_EXAMPLES\"").contains("\"persisted\":4");
    }

    private HttpResponse<String> send(String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/" + path));
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
