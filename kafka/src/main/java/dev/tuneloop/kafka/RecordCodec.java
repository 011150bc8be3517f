package dev.tuneloop.kafka;

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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The wire format of Tuneloop's Kafka records: a compact binary encoding that carries every field of an
 * {@link Interaction} and of each {@link FeedbackEvent} kind losslessly, and the two erasure records.
 *
 * <p>Layout, schema versions 1 to {@value #SCHEMA_VERSION}:
 * <pre>
 * byte    schema version (1, 2, 3 or 4)
 * byte    kind: 1 interaction, 2 feedback event, 3 user erasure, 4 erased interaction
 * ...     the fields of that kind, in declaration order:
 *         uuid      16 bytes, most significant first
 *         instant   zigzag varint epoch second, varint nano of second
 *         duration  zigzag varint seconds, varint nanos
 *         int       zigzag varint
 *         string    varint byte length, then UTF-8 bytes; a nullable string stores length + 1, 0 meaning null
 *         list, map varint count, then the entries
 *         role      byte: 1 system, 2 developer, 3 user, 4 assistant, 5 tool
 *         feedback  byte: 1 rating (byte 1 up / 2 down, nullable comment), 2 edit (text, nullable editor),
 *                   3 follow-up (nullable message)
 * version 2 adds, for an interaction only:
 *         message   (each prior turn, and each step) role, content, then a list of tool calls (id, name,
 *                   arguments) and a nullable tool call id
 *         after metadata: the steps (a list of messages), then the tools (a list of name, nullable description,
 *                   parameters)
 * version 3 adds, to each message of version 2:
 *         parts     a list of content parts: byte type (1 text, 2 image), then nullable text, url, file id and
 *                   media type
 * version 4 adds, for an interaction, after the tools:
 *         the user message's parts (a list of content parts, as in a version 3 message); the user message before
 *                   is their text parts joined
 * </pre>
 * The writer uses version 1 for every record that version 1 can carry (feedback, erasures, interactions without tool
 * calls, steps or tools), so bridges that read only version 1 keep reading them during a rolling upgrade; version 2
 * only for interactions with tool calls, version 3 only for interactions with a multi-part message among the prior
 * turns and steps, version 4 only for interactions whose user message has parts.
 * Texts are kept exactly (any valid Unicode), timestamps to the nanosecond (records hold microseconds), maps and
 * lists with all their entries. Nothing is compressed here: the producer compresses whole batches.
 *
 * <p>Versioning: a reader refuses a record whose schema version it does not know with a
 * {@link ValidationException} that says so (the bridge dead-letters it with that reason); so a new field means a
 * new version, written only once every bridge reads it. Decoding checks every length against the bytes left, so a
 * corrupt record fails with a message naming the field, never with a huge allocation. Messages never contain text
 * from the record.
 *
 * <p>Thread-safe: the methods are static and keep no state.
 */
public final class RecordCodec {
    /** The highest schema version this codec writes and reads; it reads every version from 1. */
    public static final int SCHEMA_VERSION = 4;

    /** The version that added content parts to the messages of prior turns and steps. */
    static final int VERSION_3 = 3;

    /** The version that added tool calls, steps and tools. */
    static final int VERSION_2 = 2;

    /** The first version: interactions without tool calls, feedback events, erasures. */
    static final int VERSION_1 = 1;

    static final byte KIND_INTERACTION = 1;
    static final byte KIND_FEEDBACK = 2;
    static final byte KIND_USER_ERASURE = 3;
    static final byte KIND_ERASED_INTERACTION = 4;

    private static final byte FEEDBACK_RATING = 1;
    private static final byte FEEDBACK_EDIT = 2;
    private static final byte FEEDBACK_FOLLOW_UP = 3;

    private RecordCodec() {}

    /**
     * Encodes an interaction.
     *
     * @param interaction the interaction
     * @return its record value
     */
    public static byte[] encode(Interaction interaction) {
        Writer w = new Writer(256
                + 3 * interaction.userMessage().length()
                + 3 * interaction.assistantResponse().length());
        boolean v4 = interaction.hasUserMessageParts();
        boolean v3 = v4
                || interaction.priorTurns().stream().anyMatch(ChatMessage::hasParts)
                || interaction.steps().stream().anyMatch(ChatMessage::hasParts);
        boolean v2 = v3
                || interaction.hasToolCalls()
                || !interaction.tools().isEmpty()
                || interaction.priorTurns().stream().anyMatch(m -> m.toolCallId() != null);
        int version = v4 ? SCHEMA_VERSION : v3 ? VERSION_3 : v2 ? VERSION_2 : VERSION_1;
        w.header(version, KIND_INTERACTION);
        w.uuid(interaction.id().value());
        w.instant(interaction.createdAt());
        w.string(interaction.userId());
        w.nullableString(interaction.sessionId());
        w.nullableString(interaction.systemPrompt());
        w.string(interaction.userMessage());
        w.string(interaction.assistantResponse());
        w.varint(interaction.retrievedContext().size());
        for (RetrievedDocument d : interaction.retrievedContext()) {
            w.string(d.id());
            w.nullableString(d.source());
            w.string(d.text());
        }
        w.string(interaction.modelUsed());
        w.varint(interaction.priorTurns().size());
        for (ChatMessage m : interaction.priorTurns()) {
            message(w, m, version);
        }
        w.duration(interaction.latency());
        w.signed(interaction.promptTokens());
        w.signed(interaction.completionTokens());
        w.varint(interaction.metadata().size());
        for (Map.Entry<String, String> e : interaction.metadata().entrySet()) {
            w.string(e.getKey());
            w.string(e.getValue());
        }
        if (v2) {
            w.varint(interaction.steps().size());
            for (ChatMessage m : interaction.steps()) {
                message(w, m, version);
            }
            w.varint(interaction.tools().size());
            for (ToolDefinition t : interaction.tools()) {
                w.string(t.name());
                w.nullableString(t.description());
                w.string(t.parameters());
            }
        }
        if (v4) {
            parts(w, interaction.userMessageParts());
        }
        return w.toByteArray();
    }

    private static void message(Writer w, ChatMessage m, int version) {
        w.raw(roleCode(m.role()));
        w.string(m.content());
        if (version >= VERSION_2) {
            w.varint(m.toolCalls().size());
            for (ToolCall c : m.toolCalls()) {
                w.string(c.id());
                w.string(c.name());
                w.string(c.arguments());
            }
            w.nullableString(m.toolCallId());
        }
        if (version >= VERSION_3) {
            parts(w, m.parts());
        }
    }

    private static void parts(Writer w, List<ContentPart> parts) {
        w.varint(parts.size());
        for (ContentPart p : parts) {
            w.raw(p.type() == ContentPart.Type.TEXT ? (byte) 1 : (byte) 2);
            w.nullableString(p.text());
            w.nullableString(p.url());
            w.nullableString(p.fileId());
            w.nullableString(p.mediaType());
        }
    }

    /**
     * Encodes a feedback event.
     *
     * @param event the event
     * @return its record value
     */
    public static byte[] encode(FeedbackEvent event) {
        Writer w = new Writer(64);
        w.header(VERSION_1, KIND_FEEDBACK);
        w.uuid(event.eventId());
        w.uuid(event.interactionId().value());
        w.instant(event.at());
        Feedback f = event.feedback();
        // Feedback is sealed; Java 17 has no exhaustive switch over types, so the property test iterates over
        // Feedback.class.getPermittedSubclasses() and fails when a new kind is not encoded here
        if (f instanceof Rating r) {
            w.raw(FEEDBACK_RATING);
            w.raw(r.value() == Rating.Value.UP ? (byte) 1 : (byte) 2);
            w.nullableString(r.comment());
        } else if (f instanceof Edit e) {
            w.raw(FEEDBACK_EDIT);
            w.string(e.editedResponse());
            w.nullableString(e.editor());
        } else if (f instanceof FollowUp u) {
            w.raw(FEEDBACK_FOLLOW_UP);
            w.nullableString(u.message());
        } else {
            throw new IllegalArgumentException("feedback kind " + f.getClass().getName() + " has no encoding");
        }
        return w.toByteArray();
    }

    /**
     * Encodes an erasure record.
     *
     * @param erasure a {@link Payload.UserErasure} or a {@link Payload.ErasedInteraction}
     * @return its record value
     */
    public static byte[] encode(Payload erasure) {
        if (erasure instanceof Payload.UserErasure u) {
            Writer w = new Writer(32 + u.userId().length() * 3);
            w.header(VERSION_1, KIND_USER_ERASURE);
            w.string(u.userId());
            w.instant(u.requestedAt());
            return w.toByteArray();
        }
        if (erasure instanceof Payload.ErasedInteraction e) {
            Writer w = new Writer(40);
            w.header(VERSION_1, KIND_ERASED_INTERACTION);
            w.uuid(e.interactionId().value());
            w.instant(e.requestedAt());
            return w.toByteArray();
        }
        if (erasure instanceof Payload.OfInteraction i) {
            return encode(i.interaction());
        }
        return encode(((Payload.OfFeedback) erasure).event());
    }

    /**
     * Decodes a record value of any kind.
     *
     * @param value the record value
     * @return the payload
     * @throws ValidationException when the value is empty, has a schema version this codec does not read, an unknown
     *     kind, a malformed field (each message names the field and the rule), trailing bytes, or a decoded value
     *     that breaks the domain's rules (e.g. a blank user message)
     */
    public static Payload decode(byte[] value) {
        Reader r = new Reader(value);
        int version = r.u8("schema version");
        if (version < VERSION_1 || version > SCHEMA_VERSION) {
            throw new ValidationException("record has schema version " + version + ", but this reader knows versions "
                    + VERSION_1 + " to " + SCHEMA_VERSION
                    + (version > SCHEMA_VERSION ? ": upgrade tuneloop-kafka where it is read" : ""));
        }
        int kind = r.u8("kind");
        Payload p = switch (kind) {
            case KIND_INTERACTION -> new Payload.OfInteraction(readInteraction(r, version));
            case KIND_FEEDBACK -> new Payload.OfFeedback(readFeedback(r));
            case KIND_USER_ERASURE -> new Payload.UserErasure(r.string("userId"), r.instant("requestedAt"));
            case KIND_ERASED_INTERACTION ->
                new Payload.ErasedInteraction(InteractionId.of(r.uuid("interactionId")), r.instant("requestedAt"));
            default ->
                throw new ValidationException("record kind must be 1 (interaction), 2 (feedback event), "
                        + "3 (user erasure) or 4 (erased interaction), but was " + kind);
        };
        r.end();
        return p;
    }

    private static Interaction readInteraction(Reader r, int version) {
        boolean v2 = version >= VERSION_2;
        InteractionId id = InteractionId.of(r.uuid("id"));
        Instant createdAt = r.instant("createdAt");
        String userId = r.string("userId");
        String sessionId = r.nullableString("sessionId");
        String systemPrompt = r.nullableString("systemPrompt");
        String userMessage = r.string("userMessage");
        String assistantResponse = r.string("assistantResponse");
        int docs = r.count("retrievedContext", 3);
        List<RetrievedDocument> context = new ArrayList<>(docs);
        for (int k = 0; k < docs; k++) {
            context.add(new RetrievedDocument(
                    r.string("retrievedContext.id"),
                    r.nullableString("retrievedContext.source"),
                    r.string("retrievedContext.text")));
        }
        String modelUsed = r.string("modelUsed");
        List<ChatMessage> priorTurns = readMessages(r, "priorTurns", version);
        Duration latency = r.duration("latency");
        int promptTokens = r.signed("promptTokens");
        int completionTokens = r.signed("completionTokens");
        int entries = r.count("metadata", 2);
        Map<String, String> metadata = new HashMap<>(Math.max(4, entries * 2));
        for (int k = 0; k < entries; k++) {
            String key = r.string("metadata key");
            if (metadata.put(key, r.string("metadata value")) != null) {
                throw new ValidationException("metadata must not repeat a key, but entry " + k + " does");
            }
        }
        List<ChatMessage> steps = v2 ? readMessages(r, "steps", version) : List.of();
        List<ToolDefinition> tools = List.of();
        if (v2) {
            int n = r.count("tools", 3);
            tools = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                tools.add(new ToolDefinition(
                        r.string("tools.name"), r.nullableString("tools.description"), r.string("tools.parameters")));
            }
        }
        List<ContentPart> userMessageParts = version >= SCHEMA_VERSION ? readParts(r, "userMessageParts") : List.of();
        return new Interaction(
                id,
                createdAt,
                userId,
                sessionId,
                systemPrompt,
                userMessage,
                assistantResponse,
                context,
                modelUsed,
                priorTurns,
                latency,
                promptTokens,
                completionTokens,
                metadata,
                steps,
                tools,
                userMessageParts);
    }

    private static List<ChatMessage> readMessages(Reader r, String field, int version) {
        boolean v2 = version >= VERSION_2;
        int n = r.count(field, version >= VERSION_3 ? 5 : v2 ? 4 : 2);
        List<ChatMessage> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Role role = role(r.u8(field + ".role"));
            String content = r.string(field + ".content");
            if (!v2) {
                out.add(new ChatMessage(role, content));
                continue;
            }
            int calls = r.count(field + ".toolCalls", 3);
            List<ToolCall> toolCalls = new ArrayList<>(calls);
            for (int c = 0; c < calls; c++) {
                toolCalls.add(new ToolCall(
                        r.string(field + ".toolCalls.id"),
                        r.string(field + ".toolCalls.name"),
                        r.string(field + ".toolCalls.arguments")));
            }
            String toolCallId = r.nullableString(field + ".toolCallId");
            List<ContentPart> parts = version >= VERSION_3 ? readParts(r, field + ".parts") : List.of();
            out.add(new ChatMessage(role, content, toolCalls, toolCallId, parts));
        }
        return out;
    }

    private static List<ContentPart> readParts(Reader r, String field) {
        int m = r.count(field, 5);
        List<ContentPart> parts = new ArrayList<>(m);
        for (int q = 0; q < m; q++) {
            int type = r.u8(field + ".type");
            if (type != 1 && type != 2) {
                throw new ValidationException(field + ".type must be 1 (text) or 2 (image), but was " + type);
            }
            parts.add(new ContentPart(
                    type == 1 ? ContentPart.Type.TEXT : ContentPart.Type.IMAGE,
                    r.nullableString(field + ".text"),
                    r.nullableString(field + ".url"),
                    r.nullableString(field + ".fileId"),
                    r.nullableString(field + ".mediaType")));
        }
        return parts;
    }

    private static FeedbackEvent readFeedback(Reader r) {
        UUID eventId = r.uuid("eventId");
        InteractionId interactionId = InteractionId.of(r.uuid("interactionId"));
        Instant at = r.instant("at");
        int kind = r.u8("feedback kind");
        Feedback feedback = switch (kind) {
            case FEEDBACK_RATING -> {
                int v = r.u8("rating value");
                if (v != 1 && v != 2) {
                    throw new ValidationException("rating value must be 1 (up) or 2 (down), but was " + v);
                }
                yield new Rating(v == 1 ? Rating.Value.UP : Rating.Value.DOWN, r.nullableString("rating comment"));
            }
            case FEEDBACK_EDIT -> new Edit(r.string("editedResponse"), r.nullableString("editor"));
            case FEEDBACK_FOLLOW_UP -> new FollowUp(r.nullableString("followUp.message"));
            default ->
                throw new ValidationException(
                        "feedback kind must be 1 (rating), 2 (edit) or 3 (follow-up), but was " + kind);
        };
        return new FeedbackEvent(eventId, interactionId, at, feedback);
    }

    private static byte roleCode(Role role) {
        // exhaustive over the enum without a default: a new role does not compile until it has a code
        return switch (role) {
            case SYSTEM -> 1;
            case DEVELOPER -> 2;
            case USER -> 3;
            case ASSISTANT -> 4;
            case TOOL -> 5;
        };
    }

    private static Role role(int code) {
        return switch (code) {
            case 1 -> Role.SYSTEM;
            case 2 -> Role.DEVELOPER;
            case 3 -> Role.USER;
            case 4 -> Role.ASSISTANT;
            case 5 -> Role.TOOL;
            default -> throw new ValidationException("message role must be 1 to 5, but was " + code);
        };
    }

    /** A growable byte array with the primitive encodings. */
    private static final class Writer {
        private byte[] buf;
        private int n;

        Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void header(int version, byte kind) {
            raw((byte) version);
            raw(kind);
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(n + more, buf.length * 2));
            }
        }

        void raw(byte b) {
            ensure(1);
            buf[n++] = b;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
        }

        void signed(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void uuid(UUID u) {
            ensure(16);
            long msb = u.getMostSignificantBits();
            long lsb = u.getLeastSignificantBits();
            for (int k = 7; k >= 0; k--) {
                buf[n++] = (byte) (msb >>> (8 * k));
            }
            for (int k = 7; k >= 0; k--) {
                buf[n++] = (byte) (lsb >>> (8 * k));
            }
        }

        void instant(Instant t) {
            signed(t.getEpochSecond());
            varint(t.getNano());
        }

        void duration(Duration d) {
            signed(d.getSeconds());
            varint(d.getNano());
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            bytes(b);
        }

        void nullableString(@Nullable String s) {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length + 1L);
            bytes(b);
        }

        private void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, n);
        }
    }

    /** Reads the primitive encodings; every failure names the field being read. */
    private static final class Reader {
        private final byte[] buf;
        private int pos;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        Reader(byte[] buf) {
            this.buf = buf;
        }

        private ValidationException truncated(String field) {
            return new ValidationException("record ends inside " + field + " (at byte " + pos + " of " + buf.length
                    + "); it is truncated or not a Tuneloop record");
        }

        int u8(String field) {
            if (pos >= buf.length) {
                throw truncated(field);
            }
            return buf[pos++] & 0xFF;
        }

        long varint(String field) {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8(field);
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new ValidationException(field + " must be a varint of at most 10 bytes, but is longer");
        }

        long signedLong(String field) {
            long v = varint(field);
            return (v >>> 1) ^ -(v & 1);
        }

        int signed(String field) {
            long v = signedLong(field);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new ValidationException(field + " must fit in 32 bits, but was " + v);
            }
            return (int) v;
        }

        int nano(String field) {
            long v = varint(field);
            if (v < 0 || v > 999_999_999) {
                throw new ValidationException(field + " nanos must be 0 to 999999999, but was " + v);
            }
            return (int) v;
        }

        /** A count of entries, each at least {@code minBytes} long, so a corrupt count cannot allocate much. */
        int count(String field, int minBytes) {
            long v = varint(field + " count");
            if (v < 0 || v > (long) (buf.length - pos) / minBytes) {
                throw new ValidationException(
                        field + " count must fit in the " + (buf.length - pos) + " bytes left, but was " + v);
            }
            return (int) v;
        }

        UUID uuid(String field) {
            if (buf.length - pos < 16) {
                throw truncated(field);
            }
            long msb = 0;
            long lsb = 0;
            for (int k = 0; k < 8; k++) {
                msb = (msb << 8) | (buf[pos++] & 0xFF);
            }
            for (int k = 0; k < 8; k++) {
                lsb = (lsb << 8) | (buf[pos++] & 0xFF);
            }
            return new UUID(msb, lsb);
        }

        Instant instant(String field) {
            long seconds = signedLong(field);
            int nanos = nano(field);
            try {
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (DateTimeException e) {
                throw new ValidationException(field + " must be within Instant's range, but was " + seconds + " s");
            }
        }

        Duration duration(String field) {
            long seconds = signedLong(field);
            int nanos = nano(field);
            try {
                return Duration.ofSeconds(seconds, nanos);
            } catch (ArithmeticException e) {
                throw new ValidationException(field + " must be within Duration's range, but was " + seconds + " s");
            }
        }

        String string(String field) {
            long len = varint(field + " length");
            return text(field, len);
        }

        @Nullable
        String nullableString(String field) {
            long len = varint(field + " length");
            return len == 0 ? null : text(field, len - 1);
        }

        private String text(String field, long len) {
            if (len < 0 || len > buf.length - pos) {
                throw new ValidationException(
                        field + " length must fit in the " + (buf.length - pos) + " bytes left, but was " + len);
            }
            int l = (int) len;
            try {
                CharBuffer chars = utf8.decode(ByteBuffer.wrap(buf, pos, l));
                pos += l;
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw new ValidationException(field + " must be valid UTF-8, but is not");
            }
        }

        void end() {
            if (pos != buf.length) {
                throw new ValidationException("record has " + (buf.length - pos) + " bytes after its last field");
            }
        }
    }
}
