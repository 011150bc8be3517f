package dev.tuneloop.admin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The review console's static files (one page, its script and its style sheet), read once from the classpath. They
 * hold no data, so they are served without a token; the page asks for the token and sends it on every API call.
 */
final class Console {
    static final String PREFIX = AdminServer.BASE_PATH + "console";

    /** One static file; the bytes are never modified after loading. */
    private static final class Asset {
        private final String contentType;
        private final byte[] bytes;

        Asset(String contentType, byte[] bytes) {
            this.contentType = contentType;
            this.bytes = bytes;
        }

        String contentType() {
            return contentType;
        }

        byte[] bytes() {
            return bytes;
        }
    }

    private final Map<String, Asset> assets;

    private Console(Map<String, Asset> assets) {
        this.assets = assets;
    }

    static Console load() {
        return new Console(Map.of(
                PREFIX + "/",
                new Asset("text/html; charset=utf-8", read("index.html")),
                PREFIX + "/console.js",
                new Asset("text/javascript; charset=utf-8", read("console.js")),
                PREFIX + "/console-loop.js",
                new Asset("text/javascript; charset=utf-8", read("console-loop.js")),
                PREFIX + "/console-data.js",
                new Asset("text/javascript; charset=utf-8", read("console-data.js")),
                PREFIX + "/console-suggest.js",
                new Asset("text/javascript; charset=utf-8", read("console-suggest.js")),
                PREFIX + "/console.css",
                new Asset("text/css; charset=utf-8", read("console.css"))));
    }

    private static byte[] read(String name) {
        try (InputStream in = Console.class.getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console resource " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean handles(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    int serve(HttpExchange exchange, String method, String path) throws IOException {
        if (path.equals(PREFIX)) {
            exchange.getResponseHeaders().set("Location", PREFIX + "/");
            Responses.bytes(exchange, 308, "text/plain; charset=utf-8", new byte[0]);
            return 308;
        }
        Asset asset = assets.get(path);
        if (asset == null) {
            throw HttpError.notFound("no console file at " + HttpError.shorten(path));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw HttpError.methodNotAllowed(method, path, "GET, HEAD");
        }
        Responses.bytes(exchange, 200, asset.contentType(), asset.bytes());
        return 200;
    }
}
