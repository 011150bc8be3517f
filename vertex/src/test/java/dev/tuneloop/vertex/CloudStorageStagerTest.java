package dev.tuneloop.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tuneloop.errors.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real google-cloud-storage client against a local server that plays the Cloud Storage JSON API's resumable
 * upload ({@code POST /upload/storage/v1/b/{bucket}/o?uploadType=resumable}, then {@code PUT} the bytes to the session
 * URL) and object delete.
 */
class CloudStorageStagerTest {
    @TempDir
    Path dir;

    HttpServer server;
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final Map<String, ByteArrayOutputStream> sessions = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    Storage storage;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        storage = StorageOptions.http()
                .setHost("http://127.0.0.1:" + server.getAddress().getPort())
                .setProjectId("tuneloop-test")
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
    }

    @AfterEach
    void stop() throws Exception {
        storage.close();
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery() == null
                    ? ""
                    : ex.getRequestURI().getRawQuery();
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(method + " " + path + "?" + query);
            if (method.equals("POST")
                    && path.startsWith("/upload/storage/v1/b/")
                    && query.contains("uploadType=resumable")) {
                String bucket = path.substring("/upload/storage/v1/b/".length(), path.indexOf("/o"));
                String name = new String(body, StandardCharsets.UTF_8)
                        .replaceAll("(?s).*\"name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                String session = Integer.toString(sessions.size() + 1);
                sessions.put(session, new ByteArrayOutputStream());
                objects.put("pending:" + session, (bucket + "/" + name).getBytes(StandardCharsets.UTF_8));
                ex.getResponseHeaders()
                        .set(
                                "Location",
                                "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/storage/v1/b/" + bucket
                                        + "/o?uploadType=resumable&upload_id=" + session);
                ex.sendResponseHeaders(200, -1);
            } else if (method.equals("PUT") && query.contains("upload_id=")) {
                String session = query.replaceAll(".*upload_id=([0-9]+).*", "$1");
                sessions.get(session).write(body);
                String range = ex.getRequestHeaders().getFirst("Content-Range");
                boolean last = range == null || !range.endsWith("/*");
                if (!last) {
                    long end = sessions.get(session).size() - 1L;
                    ex.getResponseHeaders().set("Range", "bytes=0-" + end);
                    ex.sendResponseHeaders(308, -1);
                    return;
                }
                String key = new String(objects.remove("pending:" + session), StandardCharsets.UTF_8);
                objects.put(key, sessions.get(session).toByteArray());
                String[] parts = key.split("/", 2);
                byte[] json = ("{\"kind\":\"storage#object\",\"bucket\":\"" + parts[0] + "\",\"name\":\"" + parts[1]
                                + "\",\"generation\":\"1\",\"size\":\""
                                + sessions.get(session).size() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, json.length);
                ex.getResponseBody().write(json);
            } else if (method.equals("DELETE") && path.startsWith("/storage/v1/b/")) {
                String rest = path.substring("/storage/v1/b/".length());
                String bucket = rest.substring(0, rest.indexOf('/'));
                String name = URLDecoder.decode(rest.substring(rest.indexOf("/o/") + 3), StandardCharsets.UTF_8);
                boolean existed = objects.remove(bucket + "/" + name) != null;
                if (existed) {
                    ex.sendResponseHeaders(204, -1);
                } else {
                    byte[] json = "{\"error\":{\"code\":404,\"message\":\"No such object\"}}"
                            .getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(404, json.length);
                    ex.getResponseBody().write(json);
                }
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        }
    }

    @Test
    void stagesTheFileUnchangedAndDeletesIt() throws Exception {
        Path f = dir.resolve("train.jsonl");
        String content = GeminiJsonlCheckTest.SFT_LINE + "\nGrüße\n";
        Files.writeString(f, content, StandardCharsets.UTF_8);
        CloudStorageStager stager = CloudStorageStager.create(storage, "my-tuning-bucket", "tuneloop/");

        String uri = stager.stage(f, "abc-train.jsonl");

        assertThat(uri).isEqualTo("gs://my-tuning-bucket/tuneloop/abc-train.jsonl");
        assertThat(objects.get("my-tuning-bucket/tuneloop/abc-train.jsonl"))
                .isEqualTo(content.getBytes(StandardCharsets.UTF_8));
        assertThat(requests.get(0)).contains("ifGenerationMatch=0"); // never overwrites
        assertThat(stager.delete(uri)).isTrue();
        assertThat(stager.delete(uri)).isFalse();
    }

    @Test
    void badBucketNamesAndUrisAreRefused() {
        assertThatThrownBy(() -> CloudStorageStager.create(storage, "My Bucket", ""))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("bucket must be a Cloud Storage bucket name");
        CloudStorageStager stager = CloudStorageStager.create(storage, "my-tuning-bucket", "");
        assertThatThrownBy(() -> stager.delete("s3://x/y"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("gs://bucket/object");
    }
}
