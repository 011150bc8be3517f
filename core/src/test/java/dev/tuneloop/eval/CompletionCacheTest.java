package dev.tuneloop.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCacheTest {
    private static final ChatResponse ANSWER = new ChatResponse(
            "line one\nline \"two\" ✓", "gpt-4o-mini-2024-07-18", new TokenUsage(12, 7), Duration.ofMillis(345));

    @Test
    void jsonlKeepsAnswersAcrossInstancesAndSkipsATornLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.jsonl");
        CompletionCache a = CompletionCache.jsonl(file);
        a.put("gpt-4o-mini", "abc", ANSWER);
        a.put("ft:x", "abc", ANSWER);
        Files.writeString(file, "{\"model\":\"torn", StandardOpenOption.APPEND);

        CompletionCache b = CompletionCache.jsonl(file);
        assertThat(b.get("gpt-4o-mini", "abc")).contains(ANSWER);
        assertThat(b.get("ft:x", "abc")).contains(ANSWER);
        assertThat(b.get("gpt-4o-mini", "abd")).isEmpty();
        assertThat(b.get("other", "abc")).isEmpty();
    }

    @Test
    void jsonlKeepsToolCalls(@TempDir Path dir) {
        ChatResponse calls = new ChatResponse(
                "",
                "m",
                new TokenUsage(3, 4),
                Duration.ofMillis(5),
                List.of(
                        new ToolCall("c1", "get_filing", "{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}"),
                        new ToolCall("c2", "get_filing", "not json ✓")));
        Path file = dir.resolve("c.jsonl");
        CompletionCache.jsonl(file).put("m", "h", calls);
        assertThat(CompletionCache.jsonl(file).get("m", "h")).contains(calls);
    }

    @Test
    void inMemoryKeysOnModelAndHash() {
        CompletionCache c = CompletionCache.inMemory();
        c.put("m", "h", ANSWER);
        assertThat(c.get("m", "h")).contains(ANSWER);
        assertThat(c.get("m2", "h")).isEmpty();
        assertThat(c.get("m", "h2")).isEmpty();
    }
}
