package dev.tuneloop.opentelemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the GenAI content attributes ({@code gen_ai.input.messages}, {@code gen_ai.output.messages},
 * {@code gen_ai.system_instructions}, {@code gen_ai.tool.definitions}) as the conventions' JSON schemas define them,
 * whether a span carries them as JSON text or as structured {@link Value}s. A broken rule is thrown as a
 * {@link Skip} naming the attribute and the rule, never the content.
 *
 * <p>Parts kept: {@code text}, {@code tool_call}, {@code tool_call_response}. Parts dropped: {@code reasoning},
 * {@code blob}, {@code file}, {@code uri}, {@code server_tool_call}, {@code server_tool_call_response},
 * {@code compaction} and unknown types.
 */
final class GenAiMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GenAiMessages() {}

    /** A span that cannot be mapped, with the rule it breaks. */
    static final class Skip extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * A skip.
         *
         * @param rule the attribute and the rule, never the content
         */
        Skip(String rule) {
            super(rule, null, false, false);
        }

        /**
         * The rule.
         *
         * @return the attribute and the rule
         */
        String rule() {
            return String.valueOf(getMessage());
        }
    }

    /** One message as the conventions define it: a role and its parts, mapped to Tuneloop's model. */
    record Message(String role, String text, List<ToolCall> toolCalls, List<ChatMessage> toolResults) {}

    /**
     * Reads an attribute's value as a JSON tree.
     *
     * @param attribute the attribute's name, for the rule
     * @param value a JSON string or a structured {@link Value}
     * @return the tree
     * @throws Skip when a string is not valid JSON
     */
    static JsonNode tree(String attribute, Object value) throws Skip {
        if (value instanceof String s) {
            try {
                return JSON.readTree(s);
            } catch (JsonProcessingException e) {
                throw new Skip(attribute + " is not valid JSON");
            }
        }
        return toNode((Value<?>) value);
    }

    /**
     * Reads {@code gen_ai.input.messages} or {@code gen_ai.output.messages}.
     *
     * @param attribute the attribute's name, for the rule
     * @param tree the attribute's tree
     * @return the messages in order
     * @throws Skip naming the broken rule
     */
    static List<Message> messages(String attribute, JsonNode tree) throws Skip {
        if (!tree.isArray()) {
            throw new Skip(attribute + " must be an array of messages");
        }
        List<Message> out = new ArrayList<>(tree.size());
        for (JsonNode m : tree) {
            JsonNode role = m.get("role");
            JsonNode parts = m.get("parts");
            if (role == null || !role.isTextual()) {
                throw new Skip(attribute + ": message.role is required and must be a string");
            }
            if (parts == null || !parts.isArray()) {
                throw new Skip(attribute + ": message.parts is required and must be an array");
            }
            StringBuilder text = new StringBuilder();
            List<ToolCall> calls = new ArrayList<>();
            List<ChatMessage> results = new ArrayList<>();
            for (JsonNode p : parts) {
                JsonNode type = p.get("type");
                if (type == null || !type.isTextual()) {
                    throw new Skip(attribute + ": part.type is required and must be a string");
                }
                switch (type.asText()) {
                    case "text" -> {
                        JsonNode content = p.get("content");
                        if (content == null || !content.isTextual()) {
                            throw new Skip(attribute + ": a text part's content must be a string");
                        }
                        if (text.length() > 0) {
                            text.append('\n');
                        }
                        text.append(content.asText());
                    }
                    case "tool_call" -> {
                        String id = string(p.get("id"));
                        String name = string(p.get("name"));
                        if (id == null || name == null) {
                            throw new Skip(attribute + ": a tool_call part needs an id and a name");
                        }
                        calls.add(new ToolCall(id, name, jsonText(p.get("arguments"))));
                    }
                    case "tool_call_response" -> {
                        String id = string(p.get("id"));
                        if (id == null) {
                            throw new Skip(attribute + ": a tool_call_response part needs an id");
                        }
                        // "response" per the JSON schema; the conventions' older examples call it "result"
                        JsonNode response = p.has("response") ? p.get("response") : p.get("result");
                        results.add(new ChatMessage(Role.TOOL, responseText(response), List.of(), id));
                    }
                    default -> {
                        // reasoning, blob, file, uri, server tool calls, compaction, custom parts: not kept
                    }
                }
            }
            out.add(new Message(role.asText(), text.toString(), calls, results));
        }
        return out;
    }

    /**
     * Reads {@code gen_ai.system_instructions}: its text parts joined by newlines.
     *
     * @param tree the attribute's tree
     * @return the instructions' text; empty when there is no text part
     * @throws Skip naming the broken rule
     */
    static String systemInstructions(JsonNode tree) throws Skip {
        String attribute = "gen_ai.system_instructions";
        if (!tree.isArray()) {
            throw new Skip(attribute + " must be an array of parts");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode p : tree) {
            JsonNode type = p.get("type");
            if (type == null || !type.isTextual()) {
                throw new Skip(attribute + ": part.type is required and must be a string");
            }
            if (type.asText().equals("text")) {
                JsonNode content = p.get("content");
                if (content == null || !content.isTextual()) {
                    throw new Skip(attribute + ": a text part's content must be a string");
                }
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(content.asText());
            }
        }
        return text.toString();
    }

    /**
     * Reads {@code gen_ai.tool.definitions}: the function tools (other tool types are not kept).
     *
     * @param tree the attribute's tree
     * @return the definitions
     * @throws Skip naming the broken rule
     */
    static List<ToolDefinition> toolDefinitions(JsonNode tree) throws Skip {
        String attribute = "gen_ai.tool.definitions";
        if (!tree.isArray()) {
            throw new Skip(attribute + " must be an array of tools");
        }
        List<ToolDefinition> out = new ArrayList<>();
        for (JsonNode t : tree) {
            JsonNode type = t.get("type");
            if (type != null && !"function".equals(type.asText())) {
                continue;
            }
            String name = string(t.get("name"));
            if (name == null) {
                throw new Skip(attribute + ": a function tool needs a name");
            }
            JsonNode parameters = t.get("parameters");
            out.add(new ToolDefinition(
                    name,
                    string(t.get("description")),
                    parameters == null || parameters.isNull() ? "{}" : jsonText(parameters)));
        }
        return out;
    }

    private static @Nullable String string(@Nullable JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    /** Arguments as the model wrote them: a string is kept as is, a structure is written as JSON. */
    private static String jsonText(@Nullable JsonNode n) {
        if (n == null || n.isNull()) {
            return "{}";
        }
        return n.isTextual() ? n.asText() : n.toString();
    }

    private static String responseText(@Nullable JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        return n.isTextual() ? n.asText() : n.toString();
    }

    private static JsonNode toNode(Value<?> value) {
        return switch (value.getType()) {
            case STRING -> NODES.textNode((String) value.getValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value.getValue());
            case LONG -> NODES.numberNode((Long) value.getValue());
            case DOUBLE -> NODES.numberNode((Double) value.getValue());
            case ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (Object v : (List<?>) value.getValue()) {
                    a.add(toNode((Value<?>) v));
                }
                yield a;
            }
            case KEY_VALUE_LIST -> {
                ObjectNode o = NODES.objectNode();
                for (Object kv : (List<?>) value.getValue()) {
                    KeyValue entry = (KeyValue) kv;
                    o.set(entry.getKey(), toNode(entry.getValue()));
                }
                yield o;
            }
            case BYTES -> {
                ByteBuffer b = ((ByteBuffer) value.getValue()).duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case EMPTY -> NODES.nullNode();
        };
    }
}
