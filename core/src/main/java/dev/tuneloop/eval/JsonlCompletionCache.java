package dev.tuneloop.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ToolCall;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CompletionCache#jsonl(Path)}: the file is read into memory when opened; appends are synchronized so lines
 * never interleave.
 */
final class JsonlCompletionCache implements CompletionCache {
    private static final Logger LOG = LoggerFactory.getLogger(JsonlCompletionCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ConcurrentHashMap<String, ChatResponse> map = new ConcurrentHashMap<>();

    JsonlCompletionCache(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            load();
        }
    }

    private void load() {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode j = JSON.readTree(line);
                    ChatResponse resp = new ChatResponse(
                            j.get("text").asText(),
                            j.get("answeredBy").asText(),
                            new TokenUsage(
                                    j.get("promptTokens").asLong(),
                                    j.get("completionTokens").asLong()),
                            Duration.ofMillis(j.get("latencyMillis").asLong()),
                            toolCalls(j.get("toolCalls")));
                    map.put(
                            InMemoryCompletionCache.key(
                                    j.get("model").asText(), j.get("promptHash").asText()),
                            resp);
                } catch (IOException | RuntimeException e) {
                    LOG.warn(
                            "completion cache {}: skipping unreadable line {} ({})",
                            file,
                            n,
                            e.getClass().getSimpleName());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new TuneloopException("could not read completion cache " + file, e);
        }
    }

    private static List<ToolCall> toolCalls(@Nullable JsonNode calls) {
        if (calls == null || !calls.isArray()) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (JsonNode c : calls) {
            out.add(new ToolCall(
                    c.get("id").asText(),
                    c.get("name").asText(),
                    c.get("arguments").asText()));
        }
        return out;
    }

    @Override
    public Optional<ChatResponse> get(String model, String promptHash) {
        return Optional.ofNullable(map.get(InMemoryCompletionCache.key(model, promptHash)));
    }

    @Override
    public void put(String model, String promptHash, ChatResponse response) {
        ObjectNode j = JSON.createObjectNode();
        j.put("model", model);
        j.put("promptHash", promptHash);
        j.put("answeredBy", response.model());
        j.put("text", response.text());
        j.put("promptTokens", response.usage().promptTokens());
        j.put("completionTokens", response.usage().completionTokens());
        j.put("latencyMillis", response.latency().toMillis());
        if (response.hasToolCalls()) {
            ArrayNode calls = j.putArray("toolCalls");
            for (ToolCall call : response.toolCalls()) {
                calls.addObject().put("id", call.id()).put("name", call.name()).put("arguments", call.arguments());
            }
        }
        String line;
        try {
            line = JSON.writeValueAsString(j) + "\n";
        } catch (IOException e) {
            throw new TuneloopException("could not encode a completion for the cache", e);
        }
        synchronized (this) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(
                        file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new TuneloopException("could not append to completion cache " + file, e);
            }
            map.put(InMemoryCompletionCache.key(model, promptHash), response);
        }
    }
}
