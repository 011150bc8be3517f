package dev.tuneloop.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The JSON text kept in the list and map columns ({@code retrieved_context}, {@code prior_turns}, {@code metadata},
 * {@code changed_fields}). Stable: metadata keys are written sorted, so equal maps give equal text.
 */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private JsonColumns() {}

    static String documents(List<RetrievedDocument> docs) {
        ArrayNode a = MAPPER.createArrayNode();
        for (RetrievedDocument d : docs) {
            ObjectNode o = a.addObject();
            o.put("id", d.id());
            if (d.source() != null) {
                o.put("source", d.source());
            }
            o.put("text", d.text());
        }
        return write(a);
    }

    static List<RetrievedDocument> documents(String json) {
        List<RetrievedDocument> out = new ArrayList<>();
        for (JsonNode n : read(json)) {
            JsonNode source = n.get("source");
            out.add(new RetrievedDocument(
                    n.get("id").asText(),
                    source == null || source.isNull() ? null : source.asText(),
                    n.get("text").asText()));
        }
        return out;
    }

    /**
     * Messages as {@code {"role","content"}} objects, plus {@code "tool_calls"} ({@code [{"id","name","arguments"}]})
     * and {@code "tool_call_id"} when the message has them, and {@code "parts"} ({@code [{"type","text","url",
     * "file_id","media_type"}]}, absent keys being null) for a multi-part message: rows written before read the same.
     */
    static String turns(List<ChatMessage> turns) {
        ArrayNode a = MAPPER.createArrayNode();
        for (ChatMessage m : turns) {
            ObjectNode o = a.addObject().put("role", m.role().wireName()).put("content", m.content());
            if (!m.toolCalls().isEmpty()) {
                ArrayNode calls = o.putArray("tool_calls");
                for (ToolCall call : m.toolCalls()) {
                    calls.addObject()
                            .put("id", call.id())
                            .put("name", call.name())
                            .put("arguments", call.arguments());
                }
            }
            if (m.toolCallId() != null) {
                o.put("tool_call_id", m.toolCallId());
            }
            if (m.hasParts()) {
                parts(o.putArray("parts"), m.parts());
            }
        }
        return write(a);
    }

    /**
     * Content parts (the {@code user_message_parts} column) as {@code [{"type","text","url","file_id","media_type"}]}
     * objects, absent keys being null, as in a message's {@code "parts"}; {@code []} for a text-only message.
     */
    static String parts(List<ContentPart> parts) {
        ArrayNode a = MAPPER.createArrayNode();
        parts(a, parts);
        return write(a);
    }

    private static void parts(ArrayNode into, List<ContentPart> parts) {
        for (ContentPart p : parts) {
            ObjectNode part = into.addObject().put("type", p.type().wireName());
            if (p.text() != null) {
                part.put("text", p.text());
            }
            if (p.url() != null) {
                part.put("url", p.url());
            }
            if (p.fileId() != null) {
                part.put("file_id", p.fileId());
            }
            if (p.mediaType() != null) {
                part.put("media_type", p.mediaType());
            }
        }
    }

    static List<ContentPart> parts(String json) {
        return parts(read(json));
    }

    private static List<ContentPart> parts(@Nullable JsonNode partNodes) {
        List<ContentPart> parts = new ArrayList<>();
        if (partNodes != null) {
            for (JsonNode p : partNodes) {
                parts.add(new ContentPart(
                        ContentPart.Type.fromWireName(p.get("type").asText()),
                        textOrNull(p, "text"),
                        textOrNull(p, "url"),
                        textOrNull(p, "file_id"),
                        textOrNull(p, "media_type")));
            }
        }
        return parts;
    }

    static List<ChatMessage> turns(String json) {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode n : read(json)) {
            List<ToolCall> calls = new ArrayList<>();
            JsonNode callNodes = n.get("tool_calls");
            if (callNodes != null) {
                for (JsonNode c : callNodes) {
                    calls.add(new ToolCall(
                            c.get("id").asText(),
                            c.get("name").asText(),
                            c.get("arguments").asText()));
                }
            }
            JsonNode callId = n.get("tool_call_id");
            List<ContentPart> parts = parts(n.get("parts"));
            out.add(new ChatMessage(
                    Role.fromWireName(n.get("role").asText()),
                    n.get("content").asText(),
                    calls,
                    callId == null || callId.isNull() ? null : callId.asText(),
                    parts));
        }
        return out;
    }

    private static @Nullable String textOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Tool definitions as {@code {"name","description","parameters"}} objects; the schema is kept as JSON text. */
    static String tools(List<ToolDefinition> tools) {
        ArrayNode a = MAPPER.createArrayNode();
        for (ToolDefinition t : tools) {
            ObjectNode o = a.addObject().put("name", t.name());
            if (t.description() != null) {
                o.put("description", t.description());
            }
            o.put("parameters", t.parameters());
        }
        return write(a);
    }

    static List<ToolDefinition> tools(String json) {
        List<ToolDefinition> out = new ArrayList<>();
        for (JsonNode n : read(json)) {
            JsonNode description = n.get("description");
            out.add(new ToolDefinition(
                    n.get("name").asText(),
                    description == null || description.isNull() ? null : description.asText(),
                    n.get("parameters").asText()));
        }
        return out;
    }

    static String metadata(Map<String, String> metadata) {
        return write(MAPPER.valueToTree(new TreeMap<>(metadata)));
    }

    static Map<String, String> metadata(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new TuneloopException("stored metadata is not a JSON object of strings", e);
        }
    }

    /** One entry as it appears inside {@link #metadata(Map)}'s output: {@code "key":"value"}, escaped the same way. */
    static String entry(String key, String value) {
        String one = metadata(Map.of(key, value));
        return one.substring(1, one.length() - 1);
    }

    static String strings(List<String> values) {
        return write(MAPPER.valueToTree(values));
    }

    static List<String> strings(String json) {
        try {
            return MAPPER.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new TuneloopException("stored list is not a JSON array of strings", e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new TuneloopException("cannot write a JSON column", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (!n.isArray()) {
                throw new TuneloopException("stored JSON column is not an array");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new TuneloopException("stored JSON column cannot be read", e);
        }
    }
}
