package dev.tuneloop.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.admin.AdminServer;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.route.AbRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * One suite of admin requests against the JDK server and the servlet on a real embedded Tomcat, both in front of the
 * same Tuneloop: each answer must have the same status, error code, content type and security headers.
 */
@SpringBootTest(
        classes = SameBehaviourTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tuneloop.admin.enabled=true",
            "tuneloop.admin.security=token",
            "tuneloop.admin.token=" + SameBehaviourTest.TOKEN,
            "tuneloop.admin.max-body-bytes=1024"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameBehaviourTest {
    static final String TOKEN = "same-behaviour-token-0123456789";
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        /** The host's security lets everything through: the admin servlet's own token protects it here. */
        @Bean
        SecurityFilterChain open(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).csrf(c -> c.disable());
            return http.build();
        }
    }

    record Case(String name, String method, String path, String token, String contentType, String body, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String big = "{\"category\":\"" + "x".repeat(2000) + "\",\"quality_score\":8}";
        String approve = "admin/curation/candidates/0190b6b8-7c4e-7d4e-9e8a-0123456789ab/approve";
        return Stream.of(
                new Case("no token", "GET", "admin/curation/candidates", null, null, null, 401),
                new Case("wrong token", "GET", "admin/curation/candidates", "x".repeat(30), null, null, 401),
                new Case("candidates", "GET", "admin/curation/candidates", TOKEN, null, null, 200),
                new Case("metrics", "GET", "admin/metrics", TOKEN, null, null, 200),
                new Case("readiness", "GET", "admin/curation/readiness", TOKEN, null, null, 200),
                new Case("unknown endpoint", "GET", "admin/nope", TOKEN, null, null, 404),
                new Case("outside the admin API", "GET", "elsewhere", TOKEN, null, null, 404),
                new Case("wrong method", "DELETE", "admin/curation/candidates", TOKEN, null, null, 405),
                new Case("body over the limit", "POST", approve, TOKEN, "application/json", big, 413),
                new Case("malformed JSON", "POST", approve, TOKEN, "application/json", "{\"category\":", 400),
                new Case("not JSON", "POST", approve, TOKEN, "text/plain", "hello", 415),
                new Case(
                        "unknown interaction",
                        "POST",
                        approve,
                        TOKEN,
                        "application/json",
                        "{\"category\":\"sec_10k\",\"quality_score\":8}",
                        404),
                new Case("fine-tuning not configured", "GET", "admin/fine-tune/models", TOKEN, null, null, 404),
                new Case("evaluation reports", "GET", "admin/evaluation/reports", TOKEN, null, null, 200),
                new Case("deployment plan", "GET", "admin/deployment", TOKEN, null, null, 200),
                new Case(
                        "unknown report link, no token",
                        "GET",
                        "admin/evaluation/view/" + "A".repeat(43),
                        null,
                        null,
                        null,
                        404),
                new Case(
                        "ramp without confirm",
                        "POST",
                        "admin/deployment/ramp",
                        TOKEN,
                        "application/json",
                        "{\"basis_points\":100}",
                        400),
                new Case("ramp without token", "POST", "admin/deployment/ramp", null, "application/json", "{}", 401),
                new Case("console page", "GET", "admin/console/", null, null, null, 200),
                new Case("console loop script", "GET", "admin/console/console-loop.js", null, null, null, 200),
                new Case("console script", "GET", "admin/console/console.js", null, null, null, 200),
                new Case("console without slash", "GET", "admin/console", null, null, null, 308),
                new Case("console HEAD", "HEAD", "admin/console/", null, null, null, 200),
                new Case("console POST", "POST", "admin/console/", null, "text/plain", "x", 405));
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    Tuneloop tuneloop;

    @Autowired
    AbRouter router;

    private AdminServer jdk;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startJdkServer() {
        jdk = AdminServer.builder()
                .token(TOKEN)
                .port(0)
                .maxBodyBytes(1024)
                .tuneloop(tuneloop, Taxonomy.OPEN)
                .deployment(router)
                .start();
    }

    @AfterAll
    void stopJdkServer() {
        jdk.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothServersAnswerAlike(Case c) throws Exception {
        HttpResponse<String> fromJdk = send(URI.create(jdk.uri().toString().replace("/admin/", "/")), c);
        HttpResponse<String> fromServlet = send(URI.create("http://localhost:" + port + "/tuneloop/"), c);

        assertThat(fromJdk.statusCode()).as("JDK server").isEqualTo(c.status());
        assertThat(fromServlet.statusCode()).as("servlet").isEqualTo(c.status());
        assertThat(code(fromServlet)).as("error code").isEqualTo(code(fromJdk));
        for (String header : List.of(
                "Content-Type", "Content-Security-Policy", "X-Content-Type-Options", "Cache-Control", "Allow")) {
            assertThat(normalized(fromServlet, header)).as(header).isEqualTo(normalized(fromJdk, header));
        }
        if (c.status() == 308) {
            assertThat(fromJdk.headers().firstValue("Location")).hasValue("/admin/console/");
            assertThat(fromServlet.headers().firstValue("Location")).hasValue("/tuneloop/admin/console/");
        }
        if (c.method().equals("HEAD")) {
            assertThat(fromServlet.body()).isEmpty();
        } else if (c.status() == 200 && c.path().equals("admin/console/")) {
            assertThat(fromServlet.body()).isEqualTo(fromJdk.body());
        }
    }

    private HttpResponse<String> send(URI base, Case c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(c.path()));
        if (c.token() != null) {
            b.header("Authorization", "Bearer " + c.token());
        }
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        b.method(
                c.method(),
                c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> code(HttpResponse<String> r) {
        Matcher m = CODE.matcher(r.body());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> normalized(HttpResponse<String> r, String header) {
        // Tomcat writes "charset=utf-8" as "charset=UTF-8"
        return r.headers().firstValue(header).map(v -> v.replace(" ", "").toLowerCase(java.util.Locale.ROOT));
    }
}
