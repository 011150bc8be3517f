package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Requests the JDK server itself would answer (paths outside the admin context) and HEAD requests, sent as raw bytes
 * so that no client library tidies them up.
 */
class ProtocolEdgesTest {

    /** One raw HTTP/1.1 exchange on a fresh connection: the whole response as text (head and body). */
    static String raw(AdminServer server, String requestHead) throws IOException {
        try (Socket s = new Socket(server.uri().getHost(), server.uri().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    static String header(String response, String name) {
        for (String line : response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n", -1)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Test
    void paths_outside_the_admin_context_get_the_json_error_not_the_jdks_page() throws IOException {
        try (Harness h = Harness.start()) {
            for (String path : List.of("/", "/elsewhere", "/admin", "/favicon.ico", "/adminx/curation/candidates")) {
                String r = raw(h.server, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertThat(status(r)).as(path).isEqualTo(404);
                assertThat(header(r, "Content-Type")).as(path).startsWith("application/json");
                assertThat(header(r, "X-Content-Type-Options")).as(path).isEqualTo("nosniff");
                JsonNode error = Harness.JSON.readTree(body(r)).path("error");
                assertThat(error.path("code").asText()).as(path).isEqualTo("not_found");
                assertThat(error.path("message").asText()).as(path).contains("/admin/");
                assertThat(body(r)).as(path).doesNotContain("<h1>", "context", "Exception");
            }
        }
    }

    @Test
    void head_requests_are_answered_without_a_body_or_a_jdk_warning() throws IOException {
        Logger jdk = Logger.getLogger("com.sun.net.httpserver");
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (warnings) {
                        warnings.add(r);
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jdk.addHandler(capture);
        try (Harness h = Harness.start()) {
            String console = raw(h.server, "HEAD /admin/console/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(status(console)).isEqualTo(200);
            assertThat(header(console, "Content-Type")).startsWith("text/html");
            assertThat(body(console)).isEmpty();

            String noToken =
                    raw(h.server, "HEAD /admin/curation/candidates HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(status(noToken)).isEqualTo(401);
            assertThat(body(noToken)).isEmpty();

            String api = raw(
                    h.server,
                    "HEAD /admin/curation/candidates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Harness.TOKEN
                            + "\r\nConnection: close\r\n\r\n");
            assertThat(status(api)).isEqualTo(405);
            assertThat(header(api, "Allow")).isEqualTo("GET");
            assertThat(body(api)).isEmpty();

            String outside = raw(h.server, "HEAD /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(status(outside)).isEqualTo(404);
            assertThat(body(outside)).isEmpty();
        } finally {
            jdk.removeHandler(capture);
        }
        synchronized (warnings) {
            assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
        }
    }
}
