package dev.tuneloop.langchain4j;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.tuneloop.record.ToolDefinition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns LangChain4j {@link ToolSpecification}s into Tuneloop {@link ToolDefinition}s, writing the parameters as the
 * JSON schema LangChain4j's OpenAI client sends (non-strict). Results are cached: an app offers the same few tools
 * on every call, so the schema is written once per tool, not once per call. Thread-safe.
 */
final class ToolDefinitions {
    /** Beyond this many distinct tools (an app that makes tools per call), definitions are made without caching. */
    static final int MAX_CACHED = 512;

    private static final String EMPTY_OBJECT = "{\"type\":\"object\",\"properties\":{}}";
    private static final JsonFactory JSON = new JsonFactory();

    private final Map<ToolSpecification, ToolDefinition> cache = new ConcurrentHashMap<>();

    ToolDefinition of(ToolSpecification spec) {
        ToolDefinition cached = cache.get(spec);
        if (cached != null) {
            return cached;
        }
        ToolDefinition made = new ToolDefinition(spec.name(), spec.description(), parameters(spec.parameters()));
        if (cache.size() < MAX_CACHED) {
            cache.putIfAbsent(spec, made);
        }
        return made;
    }

    static String parameters(@Nullable JsonObjectSchema schema) {
        if (schema == null) {
            return EMPTY_OBJECT;
        }
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, @Nullable JsonSchemaElement e) throws IOException {
        if (e instanceof JsonRawSchema raw && raw.schema() != null) {
            g.writeRawValue(raw.schema()); // JSON text already, kept as the app wrote it
            return;
        }
        g.writeStartObject();
        if (e instanceof JsonObjectSchema o) {
            g.writeStringField("type", "object");
            description(g, o.description());
            g.writeObjectFieldStart("properties");
            for (Map.Entry<String, JsonSchemaElement> p : o.properties().entrySet()) {
                g.writeFieldName(p.getKey());
                write(g, p.getValue());
            }
            g.writeEndObject();
            strings(g, "required", o.required());
            if (o.additionalProperties() != null) {
                g.writeBooleanField("additionalProperties", o.additionalProperties());
            }
            if (o.definitions() != null && !o.definitions().isEmpty()) {
                g.writeObjectFieldStart("$defs");
                for (Map.Entry<String, JsonSchemaElement> d : o.definitions().entrySet()) {
                    g.writeFieldName(d.getKey());
                    write(g, d.getValue());
                }
                g.writeEndObject();
            }
        } else if (e instanceof JsonArraySchema a) {
            g.writeStringField("type", "array");
            description(g, a.description());
            g.writeFieldName("items");
            write(g, a.items());
        } else if (e instanceof JsonEnumSchema en) {
            g.writeStringField("type", "string");
            description(g, en.description());
            strings(g, "enum", en.enumValues());
        } else if (e instanceof JsonStringSchema s) {
            typed(g, "string", s.description());
        } else if (e instanceof JsonIntegerSchema i) {
            typed(g, "integer", i.description());
        } else if (e instanceof JsonNumberSchema n) {
            typed(g, "number", n.description());
        } else if (e instanceof JsonBooleanSchema b) {
            typed(g, "boolean", b.description());
        } else if (e instanceof JsonNullSchema) {
            g.writeStringField("type", "null");
        } else if (e instanceof JsonReferenceSchema r) {
            if (r.reference() != null) {
                g.writeStringField("$ref", "#/$defs/" + r.reference());
            }
        } else if (e instanceof JsonAnyOfSchema any) {
            description(g, any.description());
            g.writeArrayFieldStart("anyOf");
            for (JsonSchemaElement option : any.anyOf()) {
                write(g, option);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void typed(JsonGenerator g, String type, @Nullable String description) throws IOException {
        g.writeStringField("type", type);
        description(g, description);
    }

    private static void description(JsonGenerator g, @Nullable String description) throws IOException {
        if (description != null) {
            g.writeStringField("description", description);
        }
    }

    private static void strings(JsonGenerator g, String field, @Nullable List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(field);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }
}
