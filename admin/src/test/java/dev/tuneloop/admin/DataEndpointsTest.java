package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.ExampleImporter;
import dev.tuneloop.export.JsonlExporter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preset choice on export, sidecars, example tables and the golden-example import over HTTP. */
class DataEndpointsTest {
    @TempDir
    Path work;

    private static final String CSV = "question,answer,category,quality,notes\n"
            + "What was Apple's fiscal 2023 revenue?,$383.3 billion.,sec_10k,9,from the 10-K\n"
            + "What is free cash flow?,Operating cash flow minus capital expenditure.,financial_metrics,8,\n";

    private static Harness server(Path work) {
        return Harness.start((h, b) -> b.export(JsonlExporter.create(h.store.examples(), h.store.interactions()))
                .workDirectory(work)
                .tables(h.store.examples())
                .imports(ExampleImporter.create(
                        h.store.examples(),
                        CurationOptions.builder()
                                .clock(Harness.CLOCK)
                                .taxonomy(Taxonomy.SEED)
                                .build())));
    }

    private static HttpResponse<String> upload(Harness h, String query, String contentType, String body) {
        return h.send(HttpRequest.newBuilder(h.uri("import?" + query))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static List<TrainingExample> stored(Harness h) {
        List<TrainingExample> out = new ArrayList<>();
        h.store.examples().scan(ExampleQuery.all(), out::add);
        return out;
    }

    @Test
    void importsACsvBodyAndAnswersWithThePerRowReport() {
        try (Harness h = server(work)) {
            HttpResponse<String> r = upload(h, "format=csv&source=golden.csv&imported_by=ana", "text/csv", CSV);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode report = Harness.json(r);
            assertThat(report.path("committed").asBoolean()).isTrue();
            assertThat(report.path("rows").asInt()).isEqualTo(2);
            assertThat(report.path("imported")).hasSize(2);
            assertThat(report.path("problems")).isEmpty();
            assertThat(stored(h)).allSatisfy(e -> {
                assertThat(e.provenance().importedBy()).isEqualTo("ana");
                assertThat(e.provenance().sourceName()).isEqualTo("golden.csv");
            });
        }
    }

    @Test
    void aBadRowStoresNothingAndIsReportedWith422UnlessSkipped() {
        try (Harness h = server(work)) {
            String bad = CSV + "What is EPS?,Earnings per share.,crypto,7,\n";
            HttpResponse<String> r = upload(h, "source=golden.csv", "text/csv; charset=utf-8", bad);
            assertThat(r.statusCode()).isEqualTo(422);
            JsonNode p = Harness.json(r).path("problems").get(0);
            assertThat(p.path("line").asInt()).isEqualTo(4);
            assertThat(p.path("field").asText()).isEqualTo("category");
            assertThat(p.path("rule").asText()).isEqualTo("category_not_in_taxonomy");
            assertThat(stored(h)).isEmpty();

            HttpResponse<String> skipped = upload(h, "source=golden.csv&skip_invalid=true", "text/csv", bad);
            assertThat(skipped.statusCode()).isEqualTo(200);
            assertThat(Harness.json(skipped).path("invalid_rows").asInt()).isEqualTo(1);
            assertThat(stored(h)).hasSize(2);
        }
    }

    @Test
    void importsJsonlPresetsWithDefaultsAndRefusesWrongRequests() {
        try (Harness h = server(work)) {
            String line = "{\"prompt\":[{\"role\":\"user\",\"content\":\"What is a 10-Q?\"}],"
                    + "\"completion\":[{\"role\":\"assistant\",\"content\":\"The quarterly report.\"}]}\n";
            HttpResponse<String> r = upload(
                    h,
                    "format=trl_sft&source=trl-sft.jsonl&default_category=sec_10q&default_quality=8",
                    "application/x-ndjson",
                    line);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(stored(h))
                    .singleElement()
                    .satisfies(e -> assertThat(e.trainingResponse()).isEqualTo("The quarterly report."));

            assertThat(upload(h, "format=csv&source=x.csv", "application/json", CSV)
                            .statusCode())
                    .isEqualTo(415);
            assertThat(upload(h, "format=csv", "text/csv", CSV).statusCode()).isEqualTo(400);
            assertThat(upload(h, "format=trl_kto&source=x.jsonl", "application/x-ndjson", line)
                            .statusCode())
                    .isEqualTo(400);
            assertThat(upload(h, "source=x.csv&default_quality=11", "text/csv", CSV)
                            .statusCode())
                    .isEqualTo(400);
            assertThat(upload(h, "source=x.csv&default_category=Not%20A%20Slug", "text/csv", CSV)
                            .statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void theExportTakesAPresetAndServesItsSidecarsAndTables() {
        try (Harness h = server(work)) {
            upload(h, "source=golden.csv", "text/csv", CSV);

            HttpResponse<String> trl = h.get("export/jsonl?min_quality=6&format=trl_sft");
            assertThat(trl.statusCode()).isEqualTo(200);
            assertThat(trl.headers().firstValue("X-Tuneloop-Format")).hasValue("TRL_SFT");
            assertThat(trl.headers().firstValue("Content-Disposition").orElseThrow())
                    .contains("trl-sft-q6.jsonl");
            long train = stored(h).stream()
                    .filter(e -> e.split() == dev.tuneloop.curate.Split.TRAIN)
                    .count();
            assertThat(trl.body().lines())
                    .hasSize((int) train)
                    .allSatisfy(l -> assertThat(l).contains("\"prompt\":[").contains("\"completion\":["));

            HttpResponse<String> kto = h.get("export/jsonl?format=trl-kto");
            assertThat(kto.headers().firstValue("X-Tuneloop-Desirable")).hasValue(Long.toString(train));
            HttpResponse<String> chatKto = h.get("export/jsonl?format=chat-kto");
            assertThat(chatKto.headers().firstValue("X-Tuneloop-Desirable")).hasValue(Long.toString(train));
            assertThat(chatKto.body().lines())
                    .hasSize((int) train)
                    .allSatisfy(l -> assertThat(l).startsWith("{\"messages\":[").contains("\"label\":true"));
            assertThat(h.get("export/sidecar?format=chat-kto&kind=llama-factory")
                            .body())
                    .contains("\"kto_tag\": \"label\"")
                    .contains("chat-kto.jsonl");
            assertThat(h.get("export/sidecar?format=chat_preference&kind=llama-factory")
                            .body())
                    .contains("\"ranking\": true");
            assertThat(h.get("export/jsonl?format=nope").statusCode()).isEqualTo(400);

            HttpResponse<String> card = h.get("export/sidecar?format=trl_sft&kind=dataset-card");
            assertThat(card.statusCode()).isEqualTo(200);
            assertThat(card.body()).startsWith("---\n").contains("TRL_SFT");
            HttpResponse<String> axolotl = h.get("export/sidecar?format=supervised&kind=axolotl");
            assertThat(axolotl.body()).contains("type: chat_template").contains("openai-sft.jsonl");
            assertThat(h.get("export/sidecar?format=supervised&kind=llama-factory")
                            .body())
                    .contains("\"formatting\": \"sharegpt\"");
            assertThat(h.get("export/sidecar?format=trl_dpo&kind=axolotl").statusCode())
                    .isEqualTo(400);

            HttpResponse<String> csv = h.get("export/examples?format=csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(csv.body().lines().toList()).hasSize(3);
            assertThat(csv.body().lines().findFirst().orElseThrow()).endsWith("imported_by,import_source,import_line");
            JsonNode json = Harness.json(h.get("export/examples?format=json"));
            assertThat(json).hasSize(2);
            assertThat(json.get(0).path("import_source").asText()).isEqualTo("golden.csv");
        }
    }
}
