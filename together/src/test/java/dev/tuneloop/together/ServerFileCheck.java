package dev.tuneloop.together;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The local server's own file check, written from Together's "Preparing your data" documentation (not from the
 * client's check): UTF-8 JSON Lines; each line an object in one of the formats: {@code messages} (roles system, user,
 * assistant, tool; content a string), {@code prompt}+{@code completion}, {@code text}, or preference
 * ({@code input.messages}, {@code preferred_output}, {@code non_preferred_output}); the file's lines share one
 * format.
 */
final class ServerFileCheck {
    private ServerFileCheck() {}

    /** The first problem, or null when the file is accepted. */
    static String problem(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return "not UTF-8";
        }
        String format = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode o;
            try {
                o = LocalTogetherServer.JSON.readTree(line);
            } catch (IOException e) {
                return "line " + n + " is not JSON";
            }
            String f = o.has("messages")
                    ? "conversation"
                    : o.has("preferred_output")
                            ? "preference"
                            : o.has("prompt") ? "instruction" : o.has("text") ? "general" : null;
            if (f == null) {
                return "line " + n + " has no known format";
            }
            if (format != null && !format.equals(f)) {
                return "line " + n + " mixes formats";
            }
            format = f;
            JsonNode messages = f.equals("conversation")
                    ? o.get("messages")
                    : f.equals("preference") ? o.path("input").get("messages") : null;
            if (messages != null) {
                if (!messages.isArray() || messages.isEmpty()) {
                    return "line " + n + " has no messages";
                }
                for (JsonNode m : messages) {
                    String role = m.path("role").asText();
                    if (!(role.equals("system")
                                    || role.equals("user")
                                    || role.equals("assistant")
                                    || role.equals("tool"))
                            || !m.path("content").isTextual()) {
                        return "line " + n + " has a message without a known role and string content";
                    }
                }
            }
            if (f.equals("preference")) {
                for (String side : new String[] {"preferred_output", "non_preferred_output"}) {
                    JsonNode out = o.get(side);
                    if (out == null
                            || !out.isArray()
                            || out.isEmpty()
                            || !out.get(0).path("role").asText().equals("assistant")) {
                        return "line " + n + " needs an assistant message in " + side;
                    }
                }
            }
        }
        return format == null ? "no examples" : null;
    }
}
