package dev.tuneloop.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.eval.PreReviewer;
import dev.tuneloop.testing.ScriptedChatModel;
import jakarta.servlet.http.HttpServlet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The conditions of the admin servlet: web application, property, Spring Security or token. */
class AdminAutoConfigurationTest {
    private static final AutoConfigurations CONFIGS =
            AutoConfigurations.of(TuneloopAutoConfiguration.class, TuneloopAdminAutoConfiguration.class);
    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(CONFIGS);

    @Test
    void offUnlessEnabled() {
        web.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("tuneloopAdminServlet"));
    }

    @Test
    void notInANonWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(CONFIGS)
                .withPropertyValues("tuneloop.admin.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("tuneloopAdminServlet"));
    }

    @Test
    void withSpringSecurityTheRoleProtectsIt() {
        web.withPropertyValues("tuneloop.admin.enabled=true", "tuneloop.admin.path=/ops/tuneloop")
                .run(context -> {
                    ServletRegistrationBean<?> r =
                            context.getBean("tuneloopAdminServlet", ServletRegistrationBean.class);
                    assertThat(r.getUrlMappings()).containsExactly("/ops/tuneloop/*");
                    assertThat(r.getServlet()).hasToString("AdminServlet[/ops/tuneloop, role TUNELOOP_ADMIN]");
                });
    }

    @Test
    void withoutSpringSecurityTheTokenIsRequired() {
        web.withPropertyValues("tuneloop.admin.enabled=true")
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("tuneloop.admin.token is required");
                });
        web.withPropertyValues("tuneloop.admin.enabled=true", "tuneloop.admin.token=short")
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("it has 5 characters")
                        .message()
                        .doesNotContain("short"));
        web.withPropertyValues("tuneloop.admin.enabled=true", "tuneloop.admin.token=0123456789abcdef-token")
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> assertThat(context.getBean("tuneloopAdminServlet", ServletRegistrationBean.class)
                                .getServlet())
                        .hasToString("AdminServlet[/tuneloop, bearer token]"));
    }

    @Test
    void tokenModeCanBeAskedForWithSpringSecurityPresent() {
        web.withPropertyValues(
                        "tuneloop.admin.enabled=true",
                        "tuneloop.admin.security=token",
                        "tuneloop.admin.token=0123456789abcdef-token")
                .run(context -> assertThat(context.getBean("tuneloopAdminServlet", ServletRegistrationBean.class)
                                .getServlet()
                                .toString())
                        .contains("bearer token")
                        .doesNotContain("0123456789abcdef-token"));
    }

    @Test
    void aBadPathFailsStartupNamingTheProperty() {
        web.withPropertyValues("tuneloop.admin.enabled=true", "tuneloop.admin.path=tuneloop/")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("tuneloop.admin.path must start with '/'"));
    }

    @Test
    void aPreReviewerBeanIsServedWithItsEstimateAndRuns() {
        String token = "0123456789abcdef-token";
        web.withPropertyValues(
                        "tuneloop.admin.enabled=true", "tuneloop.admin.security=token", "tuneloop.admin.token=" + token)
                .withUserConfiguration(PreReviewerConfig.class)
                .run(context -> {
                    HttpServlet servlet =
                            (HttpServlet) context.getBean("tuneloopAdminServlet", ServletRegistrationBean.class)
                                    .getServlet();
                    MockHttpServletRequest estimate =
                            new MockHttpServletRequest("POST", "/tuneloop/admin/review/pre-review/estimate");
                    estimate.addHeader("Authorization", "Bearer " + token);
                    estimate.setContentType("application/json");
                    estimate.setContent("{}".getBytes(StandardCharsets.UTF_8));
                    MockHttpServletResponse answer = new MockHttpServletResponse();
                    servlet.service(estimate, answer);
                    assertThat(answer.getStatus()).isEqualTo(200);
                    assertThat(answer.getContentAsString()).contains("\"candidates\":0", "\"calls\":0");

                    MockHttpServletRequest current =
                            new MockHttpServletRequest("GET", "/tuneloop/admin/review/pre-review/runs/current");
                    current.addHeader("Authorization", "Bearer " + token);
                    MockHttpServletResponse none = new MockHttpServletResponse();
                    servlet.service(current, none);
                    assertThat(none.getStatus()).isEqualTo(200);
                    assertThat(none.getContentAsString()).contains("\"state\":\"none\"");
                });
    }

    /** A host's pre-reviewer over the facade store's suggestions, with a scripted model. */
    @Configuration(proxyBeanMethods = false)
    static class PreReviewerConfig {
        @Bean
        PreReviewer preReviewer(Tuneloop tuneloop) {
            return PreReviewer.builder(
                            ScriptedChatModel.answering(r -> "{}"),
                            "gpt-4o-mini",
                            tuneloop.store().suggestions())
                    .taxonomy(Taxonomy.SEED)
                    .build();
        }
    }
}
