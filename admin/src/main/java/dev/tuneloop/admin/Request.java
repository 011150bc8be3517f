package dev.tuneloop.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One request as a handler sees it: path parameters, query parameters and a size-limited JSON body. */
final class Request {
    final HttpExchange exchange;
    final List<String> pathParams;
    private final long maxBodyBytes;
    private final Map<String, String> query;

    Request(HttpExchange exchange, List<String> pathParams, long maxBodyBytes) {
        this.exchange = exchange;
        this.pathParams = List.copyOf(pathParams);
        this.maxBodyBytes = maxBodyBytes;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    /**
     * The reviewer a request acts as. When the host's security authenticated the caller (the servlet in role mode
     * hands the user on as the exchange's principal), that user is the reviewer: a different name in the request is
     * refused, so nobody approves, claims or releases under someone else's name. Otherwise the name the request
     * gives, else {@code fallback}.
     *
     * @param given the reviewer the request names, if any
     * @param where where the request names it, for the message (e.g. "field reviewer")
     * @param fallback the reviewer when neither the login nor the request names one; null to require one
     * @throws HttpError 400 when the request names a user other than the logged-in one, or names none and there is
     *     neither a login nor a fallback
     */
    String reviewer(@Nullable String given, String where, @Nullable String fallback) {
        HttpPrincipal principal = exchange.getPrincipal();
        String named = given == null || given.isBlank() ? null : given;
        if (principal != null) {
            String user = principal.getUsername();
            if (named != null && !named.equals(user)) {
                throw HttpError.badRequest(where + " must be the logged-in user or left out: reviews are recorded"
                        + " under the user the host's security authenticated");
            }
            return user;
        }
        if (named != null) {
            return named;
        }
        if (fallback == null) {
            throw HttpError.badRequest("reviewer is required (" + where + ")");
        }
        return fallback;
    }

    String pathParam(int i) {
        return pathParams.get(i);
    }

    /**
     * The query parameters, checked against the allowed names.
     *
     * @throws HttpError 400 naming an unknown or repeated parameter
     */
    Map<String, String> query(Set<String> allowed) {
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw HttpError.badRequest("unknown query parameter '" + HttpError.shorten(name) + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return query;
    }

    /** A query parameter's value; null when absent. */
    @Nullable
    String param(String name) {
        return query.get(name);
    }

    /** An integer query parameter in [min, max], or {@code dflt} when absent. @throws HttpError 400 naming it */
    int intParam(String name, int min, int max, int dflt) {
        String raw = query.get(name);
        if (raw == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw HttpError.badRequest(name + " must be between " + min + " and " + max + ", but was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + " must be an integer between " + min + " and " + max + ", but was '"
                    + HttpError.shorten(raw) + "'");
        }
    }

    /**
     * The body as a JSON object, after checking its content type and size; an empty body is an empty object.
     *
     * @throws HttpError 415 for a content type other than JSON, 413 when too large, 400 when not a JSON object
     */
    ObjectNode jsonBody() {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = body();
        if (body.length == 0 && contentType == null) {
            return Json.MAPPER.createObjectNode();
        }
        if (contentType == null || !isJson(contentType)) {
            throw HttpError.unsupportedMediaType(contentType);
        }
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            // a limit, not a syntax error: it has no location
            throw HttpError.badRequest("request body exceeds a parser limit: it may nest at most "
                    + Json.MAX_NESTING_DEPTH + " levels deep and a number may have at most " + Json.MAX_NUMBER_LENGTH
                    + " digits");
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the input: give only the position, when there is one
            JsonLocation at = e.getLocation();
            throw HttpError.badRequest("request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw HttpError.badRequest("request body must be a JSON object, but was "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    private static boolean isJson(String contentType) {
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json")) {
            return false;
        }
        for (String param : contentType.split(";", -1)) {
            String p = param.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.equals("charset=utf-8") && !p.equals("charset=\"utf-8\"")) {
                return false;
            }
        }
        return true;
    }

    /** The raw body, at most {@code maxBodyBytes}. @throws HttpError 413 when larger */
    byte[] body() {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    throw HttpError.tooLarge(maxBodyBytes);
                }
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Content-Length must be a number");
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] bytes;
        try {
            bytes = ReadDeadlines.readBody(() -> in.readNBytes((int) maxBodyBytes + 1));
        } catch (IOException e) {
            // the client closed the connection or stopped sending: there is no one to answer
            throw new ReadDeadlines.ConnectionGone("the request body could not be read (" + e + ")", e);
        }
        if (bytes.length > maxBodyBytes) {
            throw HttpError.tooLarge(maxBodyBytes);
        }
        return bytes;
    }

    /** Fails with 400 naming the first field of {@code body} that is not in {@code allowed}. */
    static void onlyFields(ObjectNode body, Set<String> allowed) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw HttpError.badRequest("unknown field '" + HttpError.shorten(name) + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** A string field; null when absent or JSON null. @throws HttpError 400 naming the field when not a string */
    static @Nullable String text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw HttpError.badRequest(field + " must be a string, but was " + type(n));
        }
        return n.textValue();
    }

    /** A required non-blank string field. @throws HttpError 400 naming the field */
    static String requiredText(ObjectNode body, String field) {
        String v = text(body, field);
        if (v == null || v.isBlank()) {
            throw HttpError.badRequest(field + " is required and must not be blank");
        }
        return v;
    }

    /** An integer field in [min, max]; null when absent. @throws HttpError 400 naming the field */
    static @Nullable Integer integer(ObjectNode body, String field, int min, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw HttpError.badRequest(field + " must be an integer between " + min + " and " + max + ", but was "
                    + (n.isNumber() ? n.asText() : type(n)));
        }
        int v = n.intValue();
        if (v < min || v > max) {
            throw HttpError.badRequest(field + " must be between " + min + " and " + max + ", but was " + v);
        }
        return v;
    }

    private static String type(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        List<String> repeated = new ArrayList<>();
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("the query string is not properly percent-encoded");
            }
            if (out.put(name, value) != null) {
                repeated.add(name);
            }
        }
        if (!repeated.isEmpty()) {
            throw HttpError.badRequest(
                    "query parameter '" + HttpError.shorten(repeated.get(0)) + "' must be given once");
        }
        return out;
    }
}
