/**
 * Spring Boot auto-configuration for Tuneloop: {@link dev.tuneloop.spring.boot.TuneloopAutoConfiguration} (store,
 * recorder, router, curation, fine-tuning), {@link dev.tuneloop.spring.boot.TuneloopMetricsAutoConfiguration}
 * (Micrometer), {@link dev.tuneloop.spring.boot.TuneloopAdminAutoConfiguration} (the admin API and console on the
 * application's own server, through {@link dev.tuneloop.spring.boot.AdminServlet}) and
 * {@link dev.tuneloop.spring.boot.TuneloopActuatorAutoConfiguration} (the {@code tuneloop} endpoint and health). Every
 * bean is {@code @ConditionalOnMissingBean}: a host's own bean of the same type wins.
 */
@NullMarked
package dev.tuneloop.spring.boot;

import org.jspecify.annotations.NullMarked;
