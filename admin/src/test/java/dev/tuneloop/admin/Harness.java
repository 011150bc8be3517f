package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * An admin server on 127.0.0.1 (a free port) over an in-memory store, a curator with the seed's taxonomy on a fixed
 * clock, the fake fine-tune client and the in-memory store's registry; plus an HTTP client that speaks to it.
 */
final class Harness implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    final Store store = Store.inMemory();
    final Curator curator = Curator.create(
            store.interactions(),
            store.examples(),
            CurationOptions.builder().clock(CLOCK).taxonomy(Taxonomy.SEED).build());
    final FakeFineTuneClient client = FakeFineTuneClient.create(CLOCK);
    final ModelRegistry registry = store.registry();
    final JobStore jobs = store.jobs();
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final AdminServer server;

    private Harness(BiFunction<Harness, AdminServer.Builder, AdminServer.Builder> customize) {
        AdminServer.Builder b = AdminServer.builder()
                .token(TOKEN)
                .port(0)
                .curation(curator, CurationPolicy.seedDefault(), Taxonomy.SEED);
        server = customize.apply(this, b).start();
    }

    /** A server with curation, customized further by {@code customize}. */
    static Harness start(UnaryOperator<AdminServer.Builder> customize) {
        return new Harness((h, b) -> customize.apply(b));
    }

    /** A server with curation, customized further by {@code customize}, which may use the harness's parts. */
    static Harness start(BiFunction<Harness, AdminServer.Builder, AdminServer.Builder> customize) {
        return new Harness(customize);
    }

    static Harness start() {
        return new Harness((h, b) -> b);
    }

    /** Records a thumbs-up interaction {@code minutesAgo} minutes before NOW, edited when {@code edit} is not null. */
    InteractionId record(String question, String answer, String edit, int minutesAgo) {
        Instant at = NOW.minus(Duration.ofMinutes(minutesAgo));
        Interaction i = Interaction.builder()
                .createdAt(at)
                .userId("user-" + minutesAgo)
                .systemPrompt("You are a financial analyst assistant.")
                .userMessage(question)
                .assistantResponse(answer)
                .modelUsed("gpt-4o-mini")
                .build();
        List<FeedbackEvent> events = new ArrayList<>();
        events.add(FeedbackEvent.of(i.id(), at.plusSeconds(1), Rating.up()));
        if (edit != null) {
            events.add(FeedbackEvent.of(i.id(), at.plusSeconds(2), Edit.of(edit)));
        }
        store.interactions().append(List.of(i), events);
        return i.id();
    }

    /**
     * Records a thumbs-up tool-calling interaction {@code minutesAgo} minutes before NOW: the model called
     * {@code get_filing} twice in parallel with {@code arguments}, got {@code results} back, then answered.
     */
    InteractionId recordToolCalling(
            String question, String[] arguments, String[] results, String answer, int minutesAgo) {
        Instant at = NOW.minus(Duration.ofMinutes(minutesAgo));
        Interaction.Builder b = Interaction.builder()
                .createdAt(at)
                .userId("user-" + minutesAgo)
                .systemPrompt("You are a financial analyst assistant.")
                .userMessage(question)
                .addTool(new dev.tuneloop.record.ToolDefinition(
                        "get_filing",
                        "Fetches a company's SEC filing",
                        "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"}}}"))
                .assistantResponse(answer)
                .modelUsed("gpt-4o-mini");
        List<dev.tuneloop.record.ToolCall> calls = new ArrayList<>();
        for (int k = 0; k < arguments.length; k++) {
            calls.add(new dev.tuneloop.record.ToolCall("call_" + k, "get_filing", arguments[k]));
        }
        b.addToolCalls("", calls);
        for (int k = 0; k < results.length; k++) {
            b.addToolResult("call_" + k, results[k]);
        }
        Interaction i = b.build();
        store.interactions().append(List.of(i), List.of(FeedbackEvent.of(i.id(), at.plusSeconds(1), Rating.up())));
        return i.id();
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TOKEN)
                .GET()
                .build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error code of an error response. */
    static String code(HttpResponse<String> response) {
        return json(response).path("error").path("code").asText();
    }

    static String message(HttpResponse<String> response) {
        return json(response).path("error").path("message").asText();
    }

    /** Approves the interaction through the curator (category sec_10q, the given score). */
    dev.tuneloop.curate.TrainingExample approve(InteractionId id, int score) {
        return curator.approve(
                id,
                dev.tuneloop.curate.Review.by("test")
                        .category("sec_10q")
                        .quality(score)
                        .build());
    }

    @Override
    public void close() {
        server.close();
    }
}
