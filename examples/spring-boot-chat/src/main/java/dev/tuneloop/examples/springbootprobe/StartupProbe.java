package dev.tuneloop.examples.springbootprobe;

import java.lang.management.ManagementFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts, prints {@code startup-ms=<ms from JVM start to a ready context> tuneloop=<whether Tuneloop's beans exist>}
 * and stops. It names no Tuneloop type, so it runs with or without the starter on the classpath.
 */
@SpringBootApplication
@RestController
public class StartupProbe {

    /**
     * Starts the application on a free port, prints the figures, stops.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(StartupProbe.class);
        app.setDefaultProperties(java.util.Map.of(
                "server.port", "0",
                "spring.datasource.url", "jdbc:h2:mem:probe",
                "spring.config.name", "probe",
                "logging.level.root", "WARN",
                // the starter's typical setup: the admin API and console on this server
                "tuneloop.admin.enabled", "true",
                "tuneloop.admin.token", "probe-token-0123456789abcdef"));
        try (ConfigurableApplicationContext context = app.run(args)) {
            long ms = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("startup-ms=" + ms + " tuneloop=" + context.containsBean("tuneloop"));
        }
    }

    /**
     * The one endpoint.
     *
     * @return a greeting
     */
    @GetMapping("/hello")
    public String hello() {
        return "hello";
    }
}
