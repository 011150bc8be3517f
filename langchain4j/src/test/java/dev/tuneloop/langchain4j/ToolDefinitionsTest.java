package dev.tuneloop.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.tuneloop.record.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tool parameters are written as the JSON schema LangChain4j itself sends: compared, as JSON trees, with LangChain4j's
 * own (internal) schema mapper in its non-strict mode, over every kind of schema element.
 */
class ToolDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySchemaElementIsWrittenAsLangChain4jWritesIt() throws Exception {
        JsonObjectSchema address = JsonObjectSchema.builder()
                .description("a postal address")
                .addStringProperty("street")
                .addIntegerProperty("number", "house number")
                .required("street")
                .build();
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addProperty(
                        "ticker",
                        JsonStringSchema.builder().description("the ticker").build())
                .addProperty("limit", JsonIntegerSchema.builder().build())
                .addProperty(
                        "ratio", JsonNumberSchema.builder().description("0-1").build())
                .addProperty("audited", JsonBooleanSchema.builder().build())
                .addEnumProperty("form", List.of("10-Q", "10-K"), "the form")
                .addProperty(
                        "quarters",
                        JsonArraySchema.builder()
                                .items(JsonIntegerSchema.builder().build())
                                .description("fiscal quarters")
                                .build())
                .addProperty("anything", JsonArraySchema.builder().build())
                .addProperty("office", address)
                .addProperty(
                        "either",
                        JsonAnyOfSchema.builder()
                                .anyOf(JsonStringSchema.builder().build(), new JsonNullSchema())
                                .build())
                .addProperty(
                        "parent",
                        JsonReferenceSchema.builder().reference("node").build())
                .definitions(Map.of("node", address))
                .required("ticker", "form")
                .build();

        String written = ToolDefinitions.parameters(schema);

        JsonNode expected = JSON.valueToTree(JsonSchemaElementUtils.toMap(schema, false));
        assertThat(JSON.readTree(written)).isEqualTo(expected);
    }

    @Test
    void aToolWithoutParametersTakesAnEmptyObjectAndDefinitionsAreMadeOncePerTool() {
        ToolDefinitions tools = new ToolDefinitions();
        ToolSpecification now = ToolSpecification.builder().name("now").build();

        ToolDefinition first = tools.of(now);

        assertThat(first).isEqualTo(new ToolDefinition("now", null, "{\"type\":\"object\",\"properties\":{}}"));
        assertThat(tools.of(ToolSpecification.builder().name("now").build())).isSameAs(first);
    }
}
