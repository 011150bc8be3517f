package dev.tuneloop.jdbc;

import static dev.tuneloop.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every value is a bind parameter: texts full of SQL and JSON metacharacters, emoji, right-to-left marks and 1 MiB
 * strings round-trip exactly, through every text column (tool calls, tool results, tool definitions and the user's message parts
 * included), on
 * H2 and on PostgreSQL, and are usable as filter values.
 */
class HostileTextRoundTripProperties {

    private static final List<String> PIECES = List.of(
            "'",
            "''",
            "\"",
            ";",
            "\\",
            "\\\\",
            "--",
            "/*",
            "*/",
            "%",
            "_",
            "!",
            "!%",
            "\":\"",
            "$1",
            "?",
            ":name",
            "\n",
            "\r\n",
            "\t",
            "😀",
            "👍🏽",
            "\u202E",
            "\u200F",
            "שלום",
            "مرحبا",
            "e\u0301",
            "\uFEFF",
            "\u0001",
            "\u007F",
            "{\"a\":1}",
            "[",
            "]",
            "\\u0000",
            "'); DROP TABLE interaction_logs; --",
            "' OR '1'='1",
            "SELECT * FROM training_examples",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            " ",
            "null",
            "NULL");

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(PIECES),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8));
        return piece.list().ofMinSize(0).ofMaxSize(24).map(l -> "x" + String.join("", l));
    }

    @Property(tries = 60)
    void roundTripsOnH2(@ForAll("hostile") String a, @ForAll("hostile") String b, @ForAll("hostile") String c) {
        roundTrip(SharedStores.H2.STORE, a, b, c);
    }

    @Property(tries = 40)
    void roundTripsOnPostgres(@ForAll("hostile") String a, @ForAll("hostile") String b, @ForAll("hostile") String c) {
        roundTrip(SharedStores.Postgres.STORE, a, b, c);
    }

    @Example
    void oneMebibyteTextsRoundTripOnBothDatabases() {
        String big = cap("'; -- 😀 \\ שלום ".repeat(1 << 16), (1 << 20) - 1);
        assertThat(big.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan((1 << 20) - 8);
        for (JdbcStore store : List.of(SharedStores.H2.STORE, SharedStores.Postgres.STORE)) {
            roundTrip(store, big, big + "!", "x");
        }
    }

    private static void roundTrip(JdbcStore store, String a, String b, String c) {
        String userId = cap(a, 256);
        Interaction i = Interaction.builder()
                .id(InteractionId.of(UUID.randomUUID()))
                .createdAt(NOW)
                .userId(userId)
                .sessionId(cap(b, 256))
                .systemPrompt(c)
                // the user's message as parts: hostile text, and hostile references and media types
                .userMessageParts(List.of(
                        ContentPart.text(a),
                        ContentPart.imageUrl("https://img.example/" + cap(b, 2048), cap(c, 64)),
                        ContentPart.imageFile(cap(c, 256), null)))
                .assistantResponse(b)
                .addRetrievedDocument(cap(c, 1024), cap(a, 4096), b)
                .addPriorTurn(Role.USER, c)
                // a tool-calling exchange: hostile text in every part a tool call, its result and a tool carry
                .addToolCalls(
                        a,
                        List.of(
                                new ToolCall("1" + cap(b, 255), cap(c, 64), a),
                                new ToolCall("2" + cap(c, 255), "lookup", b)))
                .addToolResult("1" + cap(b, 255), c)
                .addToolResult("2" + cap(c, 255), a)
                .addTool(new ToolDefinition(cap(c, 64), b, schemaDescribing(cap(a, 64 * 1024))))
                .addTool(new ToolDefinition("lookup", null, "{\"type\":\"object\"}"))
                .modelUsed(cap(c, 256))
                .putMetadata(cap(a, 128), cap(b, 8 * 1024))
                .putMetadata("k", cap(c, 8 * 1024))
                .build();
        FeedbackEvent edit = new FeedbackEvent(UUID.randomUUID(), i.id(), NOW, new Edit(c, cap(a, 1024)));
        FeedbackEvent up =
                new FeedbackEvent(UUID.randomUUID(), i.id(), NOW.plusSeconds(1), Rating.up(cap(b, 8 * 1024)));
        store.interactions().append(List.of(i), List.of(edit, up));

        RecordedInteraction r = store.interactions().find(i.id()).orElseThrow();
        assertThat(r.interaction()).isEqualTo(i);
        assertThat(r.feedback().userEditedResponse()).contains(c);
        assertThat(r.feedback().edits().get(0).editor()).isEqualTo(cap(a, 1024));
        assertThat(r.feedback().rating()).isEqualTo(up.feedback());

        CandidateQuery q = CandidateQuery.builder(NOW.minusSeconds(1))
                .metadataEquals(cap(a, 128), cap(b, 8 * 1024))
                .modelsUsed(Set.of(cap(c, 256)))
                .excludeReviewed(false)
                .build();
        assertThat(store.interactions().candidates(q))
                .extracting(RecordedInteraction::id)
                .contains(i.id());
        assertThat(store.interactions()
                        .candidates(q.toBuilder().excludeUserIds(Set.of(userId)).build()))
                .extracting(RecordedInteraction::id)
                .doesNotContain(i.id());

        TrainingExample e = Fixtures.approved(i, NOW);
        e = e.toBuilder()
                .userEditedResponse(c)
                .improvedResponse(a)
                .reviewer(cap(b, 1024))
                .notes(c)
                .rejectReason(null)
                .version(1)
                .build();
        ExampleRevision rev = new ExampleRevision(e.id(), 1, NOW, cap(b, 1024), List.of(a, c), b);
        store.examples().insert(e, rev);
        assertThat(store.examples().find(e.id())).contains(e);
        assertThat(store.examples().history(e.id())).containsExactly(rev);
    }

    /** A JSON schema whose description is {@code text}, quoted by Jackson. */
    private static String schemaDescribing(String text) {
        try {
            return "{\"type\":\"object\",\"description\":" + JSON.writeValueAsString(text) + "}";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** At most {@code max} characters and at most {@code max} UTF-8 bytes (the limits count one or the other). */
    private static String cap(String s, int max) {
        String t = s.length() <= max ? s : s.substring(0, max);
        int excess;
        while ((excess = t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - max) > 0) {
            t = t.substring(0, Math.max(0, t.length() - Math.max(1, excess / 4)));
        }
        // never cut a surrogate pair in half
        if (!t.isEmpty() && Character.isHighSurrogate(t.charAt(t.length() - 1))) {
            t = t.substring(0, t.length() - 1);
        }
        return t.isBlank() ? "x" : t;
    }
}
