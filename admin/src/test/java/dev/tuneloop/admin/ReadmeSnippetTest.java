package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.metrics.Guardrail;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.ReadinessVerdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's admin snippet, kept compiling and running. */
class ReadmeSnippetTest {
    @Test
    void readmeAdminSnippetRuns() throws IOException, InterruptedException {
        Store store = Store.inMemory();
        Clock clock = Harness.CLOCK;
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(clock).taxonomy(Taxonomy.SEED).build());
        FineTuneClient fineTuneClient = FakeFineTuneClient.create(clock);
        FineTuneLauncher launcher = FineTuneLauncher.builder(
                        fineTuneClient,
                        store.jobs(),
                        store.registry(),
                        (minQuality, method) -> {
                            throw new IllegalStateException("not launched in this test");
                        },
                        ReadinessVerdict::ready)
                .build();
        String adminToken = Harness.TOKEN;

        // snippet:admin
        AdminServer admin = AdminServer.builder()
                .token(adminToken) // required: no token, no server
                .curation(curator, CurationPolicy.seedDefault(), Taxonomy.SEED)
                .readiness(ReadinessChecklist.create(clock), store.examples())
                .metrics(FlywheelMetrics.builder(store.interactions(), store.examples())
                        .clock(clock)
                        .build())
                .export(JsonlExporter.create(store.examples()))
                .fineTuning(launcher, fineTuneClient, store.jobs(), store.registry())
                .port(0) // any free port; default 8090
                .start(); // 127.0.0.1; or .mount(yourHttpServer)
        System.out.println("review console: " + admin.consoleUri());
        // end-snippet:admin

        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(admin.uri().resolve("fine-tune/models"))
                                    .header("Authorization", "Bearer " + adminToken)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"versions\":[]}");
        } finally {
            admin.close();
        }

        HttpServer yourHttpServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try (AdminServer mounted = AdminServer.builder()
                .token(adminToken)
                .curation(curator, CurationPolicy.seedDefault(), Taxonomy.SEED)
                .mount(yourHttpServer)) {
            assertThat(mounted.uri().getPort())
                    .isEqualTo(yourHttpServer.getAddress().getPort());
        } finally {
            yourHttpServer.stop(0);
        }
    }

    @Test
    void consoleLoopSnippetRuns() throws IOException, InterruptedException {
        Tuneloop tuneloop =
                Tuneloop.builder().store(Store.inMemory()).clock(Harness.CLOCK).build();
        FineTuneClient openAi = FakeFineTuneClient.create(Harness.CLOCK, "openai");
        FineTuneClient together = FakeFineTuneClient.create(Harness.CLOCK, "together");
        FineTuneLauncher openAiLauncher = launcher(tuneloop, openAi);
        FineTuneLauncher togetherLauncher = launcher(tuneloop, together);
        String adminToken = Harness.TOKEN;

        // snippet:console-loop
        AbRouter router =
                tuneloop.router(RoutingPlan.fineTunedVsBase("exp-1", "ft:gpt-4o-mini:acme::v3", "gpt-4o-mini", 2_000));
        AdminServer admin = AdminServer.builder()
                .token(adminToken)
                .tuneloop(tuneloop, Taxonomy.SEED) // review, readiness, export, estimates, evaluation reports
                .reviewQueue(
                        ReviewQueue.builder(tuneloop.curator(), tuneloop.store().claims())
                                .build())
                .fineTuning(
                        openAiLauncher,
                        openAi,
                        tuneloop.store().jobs(),
                        tuneloop.store().registry())
                .provider("together", togetherLauncher, together) // a second provider to choose from
                .deployment(router) // the plan the host's requests use
                .armMetrics(
                        tuneloop.store().interactions(),
                        Guardrail.builder(RoutingPlan.FINE_TUNED_ARM, RoutingPlan.BASE_ARM)
                                .build(),
                        Duration.ofDays(7))
                .port(0)
                .start();
        // end-snippet:console-loop

        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(admin.uri().resolve("fine-tune/choices"))
                                    .header("Authorization", "Bearer " + adminToken)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"name\":\"openai\"", "\"name\":\"together\"");
            HttpResponse<String> plan = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(admin.uri().resolve("deployment"))
                                    .header("Authorization", "Bearer " + adminToken)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(plan.body()).contains("\"basis_points\":2000");
        } finally {
            admin.close();
            router.close();
            tuneloop.close();
        }
    }

    private static FineTuneLauncher launcher(Tuneloop tuneloop, FineTuneClient client) {
        return FineTuneLauncher.builder(
                        client,
                        tuneloop.store().jobs(),
                        tuneloop.store().registry(),
                        (minQuality, method) -> {
                            throw new IllegalStateException("not launched in this test");
                        },
                        ReadinessVerdict::ready)
                .build();
    }
}
