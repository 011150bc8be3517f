package dev.tuneloop.spring.boot;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.admin.AdminServer;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.eval.PreReviewer;
import dev.tuneloop.metrics.Guardrail;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Serves the admin API and the review console on the application's own servlet server, under
 * {@code tuneloop.admin.path} (default {@code /tuneloop}: API at {@code /tuneloop/admin/}, console at
 * {@code /tuneloop/admin/console/}), when {@code tuneloop.admin.enabled=true} and tuneloop-admin is on the classpath.
 *
 * <p>Protection ({@code tuneloop.admin.security}): with Spring Security on the classpath ({@code auto}) or
 * {@code role}, the host's security authenticates the user, who must have {@code tuneloop.admin.role}; otherwise every
 * API call needs {@code Authorization: Bearer <tuneloop.admin.token>}. The fine-tuning endpoints are served when a
 * {@link FineTuneLauncher} bean exists, the deployment page when an {@link AbRouter} bean exists (with per-arm metrics
 * when a {@link Guardrail} bean exists too), the pre-reviewer's estimate, runs and suggestions when a
 * {@link PreReviewer} bean exists (over the facade store's suggestions), and the evaluation reports from the facade's
 * model registry.
 */
@AutoConfiguration(after = {TuneloopAutoConfiguration.class, TuneloopOpenAiAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"dev.tuneloop.admin.AdminServer", "jakarta.servlet.http.HttpServlet"})
@ConditionalOnBooleanProperty(name = "tuneloop.admin.enabled")
@ConditionalOnBean(Tuneloop.class)
public class TuneloopAdminAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(TuneloopAdminAutoConfiguration.class);
    private static final String SPRING_SECURITY = "org.springframework.security.core.Authentication";

    /** Made by Spring. */
    public TuneloopAdminAutoConfiguration() {}

    /**
     * The admin servlet, mapped to {@code <tuneloop.admin.path>/*}.
     *
     * @param properties the settings
     * @param tuneloop the facade
     * @param taxonomy the categories reviewers may set
     * @param launcher the fine-tuning launcher, when there is one
     * @param client the fine-tuning provider, when there is one
     * @param reviewQueue the review queue, when there is one
     * @param preReviewer the pre-reviewer, when there is one (build it over {@code tuneloop.store().suggestions()})
     * @param router the router whose plan the deployment page shows and changes, when there is one
     * @param guardrail the guardrail whose verdict the deployment page shows beside the per-arm metrics, when there
     *     is one (with a router)
     * @param beanFactory where the application's classes are loaded from
     * @return the registration
     */
    @Bean
    @ConditionalOnMissingBean(name = "tuneloopAdminServlet")
    public ServletRegistrationBean<AdminServlet> tuneloopAdminServlet(
            TuneloopProperties properties,
            Tuneloop tuneloop,
            Taxonomy taxonomy,
            ObjectProvider<FineTuneLauncher> launcher,
            ObjectProvider<FineTuneClient> client,
            ObjectProvider<ReviewQueue> reviewQueue,
            ObjectProvider<PreReviewer> preReviewer,
            ObjectProvider<AbRouter> router,
            ObjectProvider<Guardrail> guardrail,
            ConfigurableListableBeanFactory beanFactory) {
        TuneloopSettings.validate(properties);
        TuneloopProperties.Admin admin = properties.getAdmin();
        AdminServer.Builder builder =
                AdminServer.builder().tuneloop(tuneloop, taxonomy).maxBodyBytes(admin.getMaxBodyBytes());
        reviewQueue.ifUnique(builder::reviewQueue);
        preReviewer.ifUnique(p -> builder.preReview(p)
                .suggestions(tuneloop.store().suggestions(), tuneloop.store().examples()));
        AbRouter r = router.getIfUnique();
        if (r != null) {
            builder.deployment(r);
            guardrail.ifUnique(g ->
                    builder.armMetrics(tuneloop.store().interactions(), g, AdminServer.Builder.DEFAULT_ARM_WINDOW));
        }
        FineTuneLauncher l = launcher.getIfUnique();
        FineTuneClient c = client.getIfUnique();
        if (l != null && c != null) {
            builder.fineTuning(l, c, tuneloop.store().jobs(), tuneloop.store().registry());
        }
        boolean role = admin.getSecurity() == TuneloopProperties.AdminSecurity.ROLE
                || (admin.getSecurity() == TuneloopProperties.AdminSecurity.AUTO
                        && ClassUtils.isPresent(SPRING_SECURITY, beanFactory.getBeanClassLoader()));
        AdminServlet servlet;
        if (role) {
            servlet = AdminServlet.withRole(builder, admin.getPath(), admin.getRole());
        } else {
            TuneloopSettings.validateToken(admin);
            String token = admin.getToken();
            servlet = AdminServlet.withBearerToken(builder, admin.getPath(), token == null ? "" : token);
        }
        LOG.info(
                "Tuneloop admin API at {}/admin/ and console at {}/admin/console/ ({})",
                admin.getPath(),
                admin.getPath(),
                role ? "role " + admin.getRole() : "bearer token");
        ServletRegistrationBean<AdminServlet> registration =
                new ServletRegistrationBean<>(servlet, admin.getPath() + "/*");
        registration.setName("tuneloopAdmin");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
