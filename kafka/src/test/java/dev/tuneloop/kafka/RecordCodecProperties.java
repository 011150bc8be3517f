package dev.tuneloop.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.Feedback;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FollowUp;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The codec keeps every field of every kind, and refuses anything it cannot read with a {@link ValidationException}.
 * Round trips compare whole records with {@code equals}, so a field added to {@link Interaction} or a new feedback
 * kind fails here instead of being dropped on the wire (the guards below make sure the generators cover them).
 */
class RecordCodecProperties {

    // ------------------------------------------------------------------ round trips

    @Property(tries = 300)
    void interactionRoundTripsExactly(@ForAll("interactions") Interaction original) {
        Payload decoded = RecordCodec.decode(RecordCodec.encode(original));
        assertThat(decoded).isInstanceOf(Payload.OfInteraction.class);
        Interaction back = ((Payload.OfInteraction) decoded).interaction();
        assertThat(back).isEqualTo(original);
        // record equality compares the lists and maps by content; say so for the parts that matter most
        assertThat(back.createdAt()).isEqualTo(original.createdAt());
        assertThat(back.latency()).isEqualTo(original.latency());
        assertThat(back.metadata()).containsExactlyInAnyOrderEntriesOf(original.metadata());
    }

    @Property(tries = 300)
    void feedbackEventRoundTripsExactly(@ForAll("events") FeedbackEvent original) {
        Payload decoded = RecordCodec.decode(RecordCodec.encode(original));
        assertThat(decoded).isEqualTo(new Payload.OfFeedback(original));
    }

    @Property(tries = 100)
    void erasureRecordsRoundTrip(@ForAll("texts") String userId, @ForAll("instants") Instant at) {
        if (userId.isBlank()) {
            userId = "u" + userId;
        }
        Payload user = new Payload.UserErasure(userId, at);
        Payload interaction = new Payload.ErasedInteraction(InteractionId.next(), at);
        assertThat(RecordCodec.decode(RecordCodec.encode(user))).isEqualTo(user);
        assertThat(RecordCodec.decode(RecordCodec.encode(interaction))).isEqualTo(interaction);
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void unknownFutureSchemaVersionIsRefusedWithAClearMessage() {
        byte[] bytes = RecordCodec.encode(interaction());
        bytes[0] = (byte) (RecordCodec.SCHEMA_VERSION + 1);
        assertThatThrownBy(() -> RecordCodec.decode(bytes))
                .isInstanceOf(ValidationException.class)
                .hasMessage("record has schema version 5, but this reader knows versions 1 to 4: "
                        + "upgrade tuneloop-kafka where it is read");
    }

    @Test
    void versionOneIsWrittenWhenItCarriesTheRecordAndStillRead() {
        // a record as a version-1 writer made it: the same bytes a bridge already holds in its topics
        Interaction base = interaction();
        byte[] plain = RecordCodec.encode(base);
        assertThat(plain[0]).isEqualTo((byte) 1);
        assertThat(RecordCodec.decode(plain)).isEqualTo(new Payload.OfInteraction(base));
        assertThat(RecordCodec.encode(FeedbackEvent.of(InteractionId.next(), Instant.EPOCH, Rating.up()))[0])
                .isEqualTo((byte) 1);
        Interaction withTools = base.toBuilder()
                .addTool(new ToolDefinition("get_filing", "Fetch a filing", "{\"type\":\"object\"}"))
                .addToolCalls("", List.of(new ToolCall("call_1", "get_filing", "{\"ticker\":\"NVDA\"}")))
                .addToolResult("call_1", "{\"revenue\":\"35.1B\"}")
                .build();
        byte[] v2 = RecordCodec.encode(withTools);
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(RecordCodec.decode(v2)).isEqualTo(new Payload.OfInteraction(withTools));
    }

    @Test
    void unknownKindAndEmptyRecordAreRefused() {
        byte[] bytes = RecordCodec.encode(interaction());
        bytes[1] = 9;
        assertThatThrownBy(() -> RecordCodec.decode(bytes))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("record kind must be 1 (interaction)")
                .hasMessageEndingWith("but was 9");
        assertThatThrownBy(() -> RecordCodec.decode(new byte[0]))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("record ends inside schema version");
    }

    @Test
    void domainRulesApplyToDecodedRecords() {
        // a well-formed record whose user message is blank: written by something other than Tuneloop
        Interaction valid = interaction();
        byte[] bytes = RecordCodec.encode(valid.toBuilder().userMessage("Q").build());
        int at = indexOf(bytes, "Q".getBytes(java.nio.charset.StandardCharsets.UTF_8), 20);
        bytes[at] = ' ';
        assertThatThrownBy(() -> RecordCodec.decode(bytes))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("userMessage must not be empty or blank");
    }

    @Property(tries = 200)
    void everyTruncationIsRefusedAsTruncated(
            @ForAll("interactions") Interaction original, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] full = RecordCodec.encode(original);
        byte[] prefix = Arrays.copyOf(full, cut % full.length);
        assertThatThrownBy(() -> RecordCodec.decode(prefix)).isInstanceOf(ValidationException.class);
    }

    @Property(tries = 300)
    void trailingBytesAreRefused(@ForAll("events") FeedbackEvent event) {
        byte[] full = RecordCodec.encode(event);
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertThatThrownBy(() -> RecordCodec.decode(longer))
                .isInstanceOf(ValidationException.class)
                .hasMessage("record has 1 bytes after its last field");
    }

    @Property(tries = 1000)
    void arbitraryBytesFailOnlyWithValidationException(@ForAll("garbage") byte[] bytes) {
        try {
            RecordCodec.decode(bytes);
        } catch (ValidationException expected) {
            // the only failure allowed: it is what the bridge dead-letters
        }
    }

    @Property(tries = 300)
    void corruptedRecordsFailOnlyWithValidationException(
            @ForAll("interactions") Interaction original,
            @ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll byte replacement) {
        byte[] bytes = RecordCodec.encode(original);
        bytes[2 + position % (bytes.length - 2)] = replacement;
        try {
            Payload p = RecordCodec.decode(bytes);
            assertThat(p).isInstanceOf(Payload.OfInteraction.class);
        } catch (ValidationException expected) {
            // refused with a message, never an IndexOutOfBounds or a huge allocation
        }
    }

    @Test
    void messagesNeverQuoteRecordText() {
        String secret = "s3cr3t-prompt-text";
        Interaction i = interaction().toBuilder()
                .userMessage(secret)
                .assistantResponse(secret)
                .build();
        byte[] bytes = RecordCodec.encode(i);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] prefix = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> RecordCodec.decode(prefix))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
        }
    }

    // ------------------------------------------------------------------ guards: the generators cover the model

    @Test
    void codecKnowsEveryComponentOfTheEncodedRecords() {
        // if this fails, a field was added: encode it (with a new SCHEMA_VERSION) and generate it below
        assertThat(components(Interaction.class))
                .containsExactly(
                        "id",
                        "createdAt",
                        "userId",
                        "sessionId",
                        "systemPrompt",
                        "userMessage",
                        "assistantResponse",
                        "retrievedContext",
                        "modelUsed",
                        "priorTurns",
                        "latency",
                        "promptTokens",
                        "completionTokens",
                        "metadata",
                        "steps",
                        "tools",
                        "userMessageParts");
        assertThat(components(RetrievedDocument.class)).containsExactly("id", "source", "text");
        assertThat(components(ChatMessage.class))
                .containsExactly("role", "content", "toolCalls", "toolCallId", "parts");
        assertThat(components(ContentPart.class)).containsExactly("type", "text", "url", "fileId", "mediaType");
        assertThat(ContentPart.Type.values()).hasSize(2);
        assertThat(components(ToolCall.class)).containsExactly("id", "name", "arguments");
        assertThat(components(ToolDefinition.class)).containsExactly("name", "description", "parameters");
        assertThat(components(FeedbackEvent.class)).containsExactly("eventId", "interactionId", "at", "feedback");
        assertThat(components(Rating.class)).containsExactly("value", "comment");
        assertThat(components(Edit.class)).containsExactly("editedResponse", "editor");
        assertThat(components(FollowUp.class)).containsExactly("message");
        assertThat(Arrays.stream(Feedback.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .containsExactlyInAnyOrder("Rating", "Edit", "FollowUp");
        assertThat(Role.values()).hasSize(5);
        assertThat(Rating.Value.values()).hasSize(2);
    }

    @Test
    void everyFeedbackKindAndEveryRoleRoundTrips() {
        InteractionId id = InteractionId.next();
        Instant at = Instant.parse("2026-03-16T12:00:00.123456Z");
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (Feedback f : List.of(
                Rating.up(),
                Rating.down("meh"),
                Edit.of("fixed"),
                new Edit("fixed", "ann"),
                FollowUp.of(),
                FollowUp.of("why?"))) {
            FeedbackEvent e = FeedbackEvent.of(id, at, f);
            assertThat(RecordCodec.decode(RecordCodec.encode(e))).isEqualTo(new Payload.OfFeedback(e));
            seen.add(f.getClass());
        }
        assertThat(seen).containsExactlyInAnyOrder(Feedback.class.getPermittedSubclasses());
        for (Role r : Role.values()) {
            if (r == Role.SYSTEM || r == Role.DEVELOPER) {
                continue; // not allowed in prior turns
            }
            Interaction i = interaction().toBuilder()
                    .priorTurns(List.of(new ChatMessage(r, "x")))
                    .build();
            assertThat(RecordCodec.decode(RecordCodec.encode(i))).isEqualTo(new Payload.OfInteraction(i));
        }
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .collect(Collectors.toList());
    }

    // ------------------------------------------------------------------ generators

    static Interaction interaction() {
        return Interaction.builder()
                .userId("user-1")
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse("$1.4B.")
                .modelUsed("gpt-4o-mini")
                .build();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** Any valid Unicode: no U+0000, no unpaired surrogate; astral code points, combining marks, RTL, emoji. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x01, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x1F600, 0x05D0, 0x0301, 0x200D, 0xFEFF, 0x0A, 0x09)));
        return codePoint
                .list()
                .ofMaxSize(40)
                .map(cps -> cps.stream().map(Character::toString).collect(Collectors.joining()));
    }

    private Arbitrary<String> nonBlank() {
        return texts().map(s -> s.isBlank() ? "x" + s : s);
    }

    private Arbitrary<String> shortNonBlank() {
        return nonBlank().filter(s -> s.length() <= Interaction.MAX_ID_CHARS);
    }

    private Arbitrary<String> nullable(Arbitrary<String> a) {
        return a.injectNull(0.3);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    private Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    @Provide
    Arbitrary<Interaction> interactions() {
        Arbitrary<RetrievedDocument> doc =
                Combinators.combine(nonBlank(), nullable(texts()), texts()).as(RetrievedDocument::new);
        Arbitrary<ToolCall> call =
                Combinators.combine(shortNonBlank(), shortNonBlank(), texts()).as(ToolCall::new);
        Arbitrary<ChatMessage> turn = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Role.USER, Role.ASSISTANT, Role.TOOL), texts())
                        .as(ChatMessage::new),
                Combinators.combine(texts(), call.list().ofMaxSize(3)).as(ChatMessage::assistant),
                Combinators.combine(shortNonBlank(), texts()).as(ChatMessage::toolResult),
                Combinators.combine(
                                Arbitraries.of(Role.USER, Role.ASSISTANT),
                                parts().list().ofMinSize(1).ofMaxSize(4))
                        .as(ChatMessage::ofParts));
        // steps: rounds of (parallel) calls, each answered by one tool message per call; ids unique per interaction
        Arbitrary<List<ChatMessage>> steps = Combinators.combine(
                        texts(), texts().list().ofMinSize(1).ofMaxSize(3), texts())
                .as((content, results, args) -> {
                    List<ToolCall> calls = new java.util.ArrayList<>();
                    List<ChatMessage> out = new java.util.ArrayList<>();
                    for (int k = 0; k < results.size(); k++) {
                        calls.add(new ToolCall("call_" + k, "tool_" + k, args));
                    }
                    out.add(ChatMessage.assistant(content, calls));
                    for (int k = 0; k < results.size(); k++) {
                        out.add(ChatMessage.toolResult("call_" + k, results.get(k)));
                    }
                    return out;
                })
                .injectNull(0.4)
                .map(l -> l == null ? List.<ChatMessage>of() : l);
        // a tool's parameters are a JSON schema (never blank); the description is any text or absent
        Arbitrary<String> schemas = texts().map(t -> "{\"type\":\"object\",\"description\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(t).toString() + "}");
        Arbitrary<List<ToolDefinition>> tools = Combinators.combine(nullable(texts()), schemas)
                .as((d, p) -> new ToolDefinition("tool_0", d, p))
                .list()
                .ofMaxSize(1);
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(nonBlank().filter(k -> k.length() <= 128), texts())
                .ofMaxSize(8);
        Arbitrary<Duration> latency = Combinators.combine(
                        Arbitraries.longs().between(0, 1_000_000),
                        Arbitraries.integers().between(0, 999_999_999))
                .as((s, n) -> Duration.ofSeconds(s, n));
        Arbitrary<Interaction.Builder> base = Combinators.combine(
                        uuids(),
                        instants(),
                        shortNonBlank(),
                        nullable(shortNonBlank()),
                        nullable(texts()),
                        nonBlank(),
                        nonBlank(),
                        shortNonBlank())
                .as((id, at, user, session, system, message, response, model) -> Interaction.builder()
                        .id(InteractionId.of(id))
                        .createdAt(at)
                        .userId(user)
                        .sessionId(session)
                        .systemPrompt(system)
                        .userMessage(message)
                        .assistantResponse(response)
                        .modelUsed(model));
        return Combinators.combine(
                        base,
                        doc.list().ofMaxSize(4),
                        turn.list().ofMaxSize(4),
                        latency,
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        metadata)
                .as((b, docs, turns, lat, prompt, completion, meta) -> b.retrievedContext(docs)
                        .priorTurns(turns)
                        .latency(lat)
                        .tokens(prompt, completion)
                        .metadata(meta)
                        .build())
                .flatMap(i -> Combinators.combine(steps, tools, userParts()).as((s, t, p) -> {
                    Interaction.Builder b = i.toBuilder().steps(s).tools(t);
                    return (p.isEmpty() ? b : b.userMessageParts(p)).build();
                }));
    }

    /** A multi-part user message (any parts and one non-blank text, somewhere), or none (text only). */
    private Arbitrary<List<ContentPart>> userParts() {
        return Combinators.combine(
                        parts().list().ofMaxSize(4),
                        nonBlank(),
                        Arbitraries.integers().between(0, 4))
                .as((parts, text, at) -> {
                    List<ContentPart> out = new java.util.ArrayList<>(parts);
                    out.add(Math.min(at, out.size()), ContentPart.text(text));
                    return out;
                })
                .injectNull(0.5)
                .map(p -> p == null ? List.<ContentPart>of() : p);
    }

    /** Text parts (empty ones too), images by URL or by file id, with or without a media type. */
    private Arbitrary<ContentPart> parts() {
        return Arbitraries.oneOf(
                texts().map(ContentPart::text),
                Combinators.combine(nonBlank(), nullable(texts()))
                        .as((u, m) -> ContentPart.imageUrl("https://img.example/" + u, m)),
                Combinators.combine(nonBlank(), nullable(texts())).as(ContentPart::imageFile));
    }

    @Test
    void aMultiPartMessageIsWrittenAsVersionThreeAndOthersKeepTheirVersion() {
        Interaction parts = interaction().toBuilder()
                .priorTurns(List.of(
                        ChatMessage.ofParts(
                                Role.USER,
                                List.of(
                                        ContentPart.text("What does this chart show?"),
                                        ContentPart.imageUrl("https://img.example/q3.png", "image/png"),
                                        ContentPart.imageFile("file-abc123", null))),
                        ChatMessage.assistant("Revenue by quarter.")))
                .build();
        byte[] bytes = RecordCodec.encode(parts);
        assertThat(bytes[0]).isEqualTo((byte) 3);
        assertThat(RecordCodec.decode(bytes)).isEqualTo(new Payload.OfInteraction(parts));
        assertThat(RecordCodec.encode(interaction())[0]).isEqualTo((byte) 1);
    }

    @Test
    void aMultiPartUserMessageIsWrittenAsVersionFour() {
        Interaction parts = interaction().toBuilder()
                .userMessageParts(List.of(
                        ContentPart.text("What does this chart show?"),
                        ContentPart.imageUrl("https://img.example/q3.png", "image/png"),
                        ContentPart.imageFile("file-abc123", null)))
                .build();
        byte[] bytes = RecordCodec.encode(parts);
        assertThat(bytes[0]).isEqualTo((byte) 4);
        Payload decoded = RecordCodec.decode(bytes);
        assertThat(decoded).isEqualTo(new Payload.OfInteraction(parts));
        assertThat(((Payload.OfInteraction) decoded).interaction().userMessage())
                .isEqualTo("What does this chart show?");
        // a text-only user message keeps the version its other parts need
        assertThat(RecordCodec.encode(parts.toBuilder().userMessage("Q").build())[0])
                .isEqualTo((byte) 1);
    }

    @Provide
    Arbitrary<FeedbackEvent> events() {
        Arbitrary<Feedback> feedback = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Rating.Value.values()), nullable(texts()))
                        .as(Rating::new),
                Combinators.combine(nonBlank(), nullable(texts())).as(Edit::new),
                nullable(texts()).map(FollowUp::new));
        return Combinators.combine(uuids(), uuids(), instants(), feedback)
                .as((event, interaction, at, f) -> new FeedbackEvent(event, InteractionId.of(interaction), at, f));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        // mostly valid headers, so the field readers behind them are exercised
        Arbitrary<byte[]> headed = Combinators.combine(Arbitraries.integers().between(1, 4), random)
                .as((kind, rest) -> {
                    byte[] b = new byte[rest.length + 2];
                    b[0] = 1;
                    b[1] = kind.byteValue();
                    System.arraycopy(rest, 0, b, 2, rest.length);
                    return b;
                });
        return Arbitraries.oneOf(random, headed, headed, headed);
    }
}
