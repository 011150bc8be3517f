package dev.tuneloop.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's one tool, {@code get_filing(ticker, form)}: the assistant calls it for questions about a company's 10-K,
 * 10-Q or 8-K, and it answers with excerpts of that filing from the bundled dataset (SYNTHETIC figures, like the
 * rest of the demo's data). {@link #run(ToolCall)} is what the host's tool runner does; {@link #callFor} is what the
 * simulated model decides.
 */
public final class FilingTool {
    /** The tool's name, as the model calls it. */
    public static final String NAME = "get_filing";

    /** The definition offered to the model: two required string arguments, the form one of three. */
    public static final ToolDefinition DEFINITION = new ToolDefinition(
            NAME,
            "Fetches excerpts of a company's latest SEC filing of one form.",
            "{\"type\":\"object\",\"properties\":{"
                    + "\"ticker\":{\"type\":\"string\",\"description\":\"The stock ticker, e.g. NVDA\"},"
                    + "\"form\":{\"type\":\"string\",\"enum\":[\"10-K\",\"10-Q\",\"8-K\"]}},"
                    + "\"required\":[\"ticker\",\"form\"],\"additionalProperties\":false}");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EXCERPTS = 3;

    private final List<SigmaSightDataset.Item> items;

    /**
     * The tool over the bundled dataset's items.
     *
     * @param items the items whose reference answers are the filings' excerpts
     */
    public FilingTool(List<SigmaSightDataset.Item> items) {
        this.items = List.copyOf(items);
    }

    /**
     * Runs a call: the excerpts of the asked company's filings of the asked form, as JSON; an {@code error} object
     * when the arguments are not {@code {"ticker": ..., "form": ...}}.
     *
     * @param call the model's call of {@link #NAME}
     * @return the tool's result, JSON text given back to the model
     */
    public String run(ToolCall call) {
        ObjectNode out = JSON.createObjectNode();
        JsonNode args;
        try {
            args = JSON.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            return out.put("error", "arguments are not JSON").toString();
        }
        if (!NAME.equals(call.name())
                || args == null
                || !args.path("ticker").isTextual()
                || !args.path("form").isTextual()) {
            return out.put("error", "expected get_filing with string arguments ticker and form")
                    .toString();
        }
        String ticker = args.get("ticker").asText().toUpperCase(Locale.ROOT);
        String form = args.get("form").asText();
        out.put("ticker", ticker).put("form", form).put("source", "SYNTHETIC demo data");
        ArrayNode excerpts = out.putArray("excerpts");
        for (SigmaSightDataset.Item item : items) {
            if (excerpts.size() < MAX_EXCERPTS
                    && ticker.equals(item.ticker())
                    && form.equals(SigmaSightDataset.formOf(item).orElse(null))) {
                excerpts.add(item.reference());
            }
        }
        return out.toString();
    }

    /**
     * The call a tool-using model makes for {@code item}'s question, when it is about one filing.
     *
     * @param item the question asked
     * @param callId the id to give the call
     * @return the call of {@link #NAME} with the item's ticker and form; empty for other questions
     */
    public static Optional<ToolCall> callFor(SigmaSightDataset.Item item, String callId) {
        return SigmaSightDataset.formOf(item).map(form -> {
            ObjectNode args =
                    JSON.createObjectNode().put("ticker", item.ticker()).put("form", form);
            return new ToolCall(callId, NAME, args.toString());
        });
    }
}
