package dev.tuneloop.together;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays Together's fine-tuning API (paths and JSON of its OpenAPI spec) on 127.0.0.1 with state: files, jobs,
 * events, checkpoints and the supported-model list. It checks the bearer key, runs a file check on uploads modelled
 * on Together's (JSON Lines in one known format), and fails routes on request with Together's error shape
 * ({@code {"error":{"message","type","param","code"}}}). Every request is recorded.
 */
final class LocalTogetherServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The route groups a failure can be scripted for. */
    enum Route {
        UPLOAD,
        CREATE,
        GET,
        CANCEL,
        LIST,
        DELETE_FILE
    }

    record Failure(int status, String type, String message, String param, String code) {}

    @SuppressWarnings("ArrayRecordComponent") // a test recording; equality is never used
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final String key;
    private final Map<String, ObjectNode> files = new LinkedHashMap<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final Map<String, ArrayNode> events = new LinkedHashMap<>();
    private final Map<String, ArrayNode> checkpoints = new LinkedHashMap<>();
    private final List<String> models = new ArrayList<>(List.of("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference"));
    private final Map<Route, Deque<Failure>> failures = new EnumMap<>(Route.class);
    private final List<Received> received = new ArrayList<>();
    private boolean signedUploads;
    private final Map<String, Deque<String>> progressions = new LinkedHashMap<>();
    private final List<String> progression = new ArrayList<>();
    private BiFunction<String, String, Optional<String>> chat = (model, question) -> Optional.empty();
    private final Map<String, String> pendingNames = new LinkedHashMap<>();
    private int seq;
    private long clock = 1_767_225_600L; // 2026-01-01T00:00:00Z

    LocalTogetherServer(String key) throws IOException {
        this.key = key;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized void fail(Route route, Failure failure, int times) {
        for (int i = 0; i < times; i++) {
            failures.computeIfAbsent(route, k -> new ArrayDeque<>()).add(failure);
        }
    }

    /** Answers uploads the way the SDKs expect: 302 to a signed PUT address, then a preprocess call. */
    synchronized void signedUploads() {
        this.signedUploads = true;
    }

    /**
     * Every job created from now on advances one status per GET of it, through {@code statuses} (e.g. queued, running,
     * completed), as a real job does while it is polled.
     */
    synchronized void advanceJobsThrough(String... statuses) {
        progression.clear();
        progression.addAll(List.of(statuses));
    }

    /** Answers {@code POST /v1/chat/completions} with {@code answer(model, last user message)}; empty is a 404. */
    synchronized void onChat(BiFunction<String, String, Optional<String>> answer) {
        this.chat = answer;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized byte[] content(String fileId) {
        return contents.get(fileId).clone();
    }

    synchronized String addJob(String rawStatus, String model) {
        String id = "ft-" + String.format("%08d", ++seq) + "-0000-4000-8000-000000000000";
        ObjectNode j = JSON.createObjectNode();
        j.put("id", id).put("status", rawStatus).put("model", model).put("training_file", "file-seeded");
        j.put("created_at", Instant.ofEpochSecond(clock += 60).toString());
        j.put("updated_at", Instant.ofEpochSecond(clock).toString());
        j.put("model_output_name", "tuneloop/" + model.substring(model.indexOf('/') + 1) + "-" + id);
        j.putObject("training_method").put("method", "sft").put("train_on_inputs", "auto");
        jobs.put(id, j);
        events.put(id, JSON.createArrayNode());
        checkpoints.put(id, JSON.createArrayNode());
        return id;
    }

    synchronized String addEvent(String jobId, String message) {
        ObjectNode e = events.get(jobId).addObject();
        e.put("object", "fine-tune-event")
                .put("created_at", Instant.ofEpochSecond(clock += 1).toString());
        e.put("level", "info").put("message", message).put("type", "job_start").put("hash", "h" + ++seq);
        return message;
    }

    synchronized long addCheckpoint(String jobId, long step) {
        ObjectNode c = checkpoints.get(jobId).addObject();
        c.put("step", step).put("created_at", Instant.ofEpochSecond(clock += 1).toString());
        c.put("path", "s3://together-ft/" + jobId + "/checkpoint-" + step).put("checkpoint_type", "Intermediate");
        return step;
    }

    synchronized void addModel(String id) {
        models.add(id);
    }

    synchronized ObjectNode job(String id) {
        return jobs.get(id);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            Answer a;
            synchronized (this) {
                received.add(new Received(method, path, Map.copyOf(ex.getRequestHeaders()), body));
                a = answer(
                        method,
                        path,
                        ex.getRequestHeaders().getFirst("Authorization"),
                        ex.getRequestHeaders().getFirst("Content-Type"),
                        body);
            }
            byte[] out = a.json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            a.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(a.status, out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private record Answer(int status, String json, Map<String, String> headers) {
        Answer(int status, String json) {
            this(status, json, Map.of());
        }
    }

    private static final Pattern JOB = Pattern.compile("/v1/fine-tunes/([^/]+)");
    private static final Pattern JOB_SUB = Pattern.compile("/v1/fine-tunes/([^/]+)/(events|checkpoints|cancel)");
    private static final Pattern FILE = Pattern.compile("/v1/files/([^/]+)");

    private Answer answer(String method, String path, String auth, String contentType, byte[] body) {
        Route route = routeOf(method, path);
        Deque<Failure> q = route == null ? null : failures.get(route);
        Failure f = q == null ? null : q.poll();
        if (f != null) {
            String message = f.status == 401 ? f.message + " (" + auth + ")" : f.message;
            return error(f.status, message, f.type, f.param, f.code);
        }
        if (method.equals("PUT") && path.startsWith("/storage/")) {
            String id = path.substring("/storage/".length());
            if (auth != null) {
                return error(
                        400,
                        "signed storage must not get an Authorization header",
                        "invalid_request_error",
                        null,
                        null);
            }
            String problem = ServerFileCheck.problem(body);
            if (problem != null || !pendingNames.containsKey(id)) {
                return error(400, "Invalid file: " + problem, "invalid_request_error", "file", null);
            }
            contents.put(id, body);
            return new Answer(200, "{}");
        }
        if (!("Bearer " + key).equals(auth)) {
            return error(401, "Invalid API key provided: " + auth, "invalid_request_error", null, "invalid_api_key");
        }
        Matcher file = FILE.matcher(path);
        if (method.equals("POST") && path.equals("/v1/files/upload")) {
            if (signedUploads) {
                String id = "file-" + String.format("%08d", ++seq) + "-0000-4000-8000-000000000000";
                String boundary = contentType.substring(contentType.indexOf('=') + 1);
                byte[] name = Multipart.parse(body, boundary).get("file_name");
                pendingNames.put(id, name == null ? "unnamed" : new String(name, StandardCharsets.UTF_8));
                return new Answer(
                        302,
                        "",
                        Map.of("Location", baseUrl().replace("/v1", "/storage/") + id, "X-Together-File-Id", id));
            }
            return upload(contentType, body);
        }
        if (method.equals("POST") && path.startsWith("/v1/files/") && path.endsWith("/preprocess")) {
            String id = path.substring("/v1/files/".length(), path.length() - "/preprocess".length());
            byte[] content = contents.get(id);
            if (content == null) {
                return error(404, "File not found", "invalid_request_error", null, null);
            }
            ObjectNode meta = JSON.createObjectNode();
            meta.put("id", id)
                    .put("object", "file")
                    .put("created_at", clock += 1)
                    .put("filename", pendingNames.get(id));
            meta.put("bytes", content.length)
                    .put("purpose", "fine-tune")
                    .put("Processed", true)
                    .put("FileType", "jsonl");
            files.put(id, meta);
            return ok(meta);
        }
        if (method.equals("DELETE") && file.matches()) {
            ObjectNode removed = files.remove(file.group(1));
            if (removed == null) {
                return error(404, "File not found", "invalid_request_error", null, null);
            }
            return ok(JSON.createObjectNode().put("id", file.group(1)).put("deleted", true));
        }
        if (method.equals("POST") && path.equals("/v1/fine-tunes")) {
            Answer created = create(body);
            if (created.status == 200 && !progression.isEmpty()) {
                try {
                    progressions.put(JSON.readTree(created.json).get("id").asText(), new ArrayDeque<>(progression));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return created;
        }
        if (method.equals("POST") && path.equals("/v1/chat/completions")) {
            return chat(body);
        }
        if (method.equals("GET") && path.equals("/v1/fine-tunes")) {
            ObjectNode r = JSON.createObjectNode();
            ArrayNode data = r.putArray("data");
            jobs.values().forEach(data::add);
            return ok(r);
        }
        if (method.equals("GET") && path.equals("/v1/fine-tunes/models/supported")) {
            ObjectNode r = JSON.createObjectNode();
            models.forEach(r.putArray("models")::add);
            return ok(r);
        }
        Matcher sub = JOB_SUB.matcher(path);
        if (sub.matches()) {
            ObjectNode j = jobs.get(sub.group(1));
            if (j == null) {
                return error(404, "Fine-tune job " + sub.group(1) + " not found", "invalid_request_error", null, null);
            }
            String kind = sub.group(2);
            if (kind.equals("events")) {
                return ok(JSON.createObjectNode()
                        .set("data", events.get(j.get("id").asText())));
            }
            if (kind.equals("checkpoints")) {
                return ok(JSON.createObjectNode()
                        .set("data", checkpoints.get(j.get("id").asText())));
            }
            if (method.equals("POST")) {
                if (Set.of("completed", "cancelled", "error", "user_error")
                        .contains(j.get("status").asText())) {
                    return error(
                            400,
                            "Job is in a terminal state and cannot be cancelled",
                            "invalid_request_error",
                            null,
                            null);
                }
                j.put("status", "cancel_requested");
                return ok(j);
            }
        }
        Matcher one = JOB.matcher(path);
        if (method.equals("GET") && one.matches()) {
            ObjectNode j = jobs.get(one.group(1));
            Deque<String> next = progressions.get(one.group(1));
            if (j != null && next != null && !next.isEmpty()) {
                String status = next.poll();
                j.put("status", status)
                        .put("updated_at", Instant.ofEpochSecond(clock += 60).toString());
                if (status.equals("completed")) {
                    j.put("trained_tokens", 123_456);
                }
            }
            return j == null
                    ? error(404, "Fine-tune job " + one.group(1) + " not found", "invalid_request_error", null, null)
                    : ok(j);
        }
        return error(404, "no route " + method + " " + path, "invalid_request_error", null, null);
    }

    private static Route routeOf(String method, String path) {
        if (path.equals("/v1/files/upload")) {
            return Route.UPLOAD;
        }
        if (method.equals("DELETE") && path.startsWith("/v1/files/")) {
            return Route.DELETE_FILE;
        }
        if (method.equals("POST") && path.equals("/v1/fine-tunes")) {
            return Route.CREATE;
        }
        if (path.endsWith("/cancel")) {
            return Route.CANCEL;
        }
        if (path.equals("/v1/fine-tunes")
                || path.endsWith("/events")
                || path.endsWith("/checkpoints")
                || path.endsWith("/models/supported")) {
            return Route.LIST;
        }
        return path.startsWith("/v1/fine-tunes/") ? Route.GET : null;
    }

    private Answer upload(String contentType, byte[] body) {
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            return error(400, "expected multipart/form-data", "invalid_request_error", null, null);
        }
        String boundary = contentType.substring(contentType.indexOf('=') + 1);
        Map<String, byte[]> parts = Multipart.parse(body, boundary);
        for (String required : List.of("purpose", "file_name", "file")) {
            if (!parts.containsKey(required)) {
                return error(400, "missing field " + required, "invalid_request_error", required, null);
            }
        }
        String purpose = new String(parts.get("purpose"), StandardCharsets.UTF_8);
        if (!purpose.equals("fine-tune")) {
            return error(400, "purpose must be fine-tune", "invalid_request_error", "purpose", null);
        }
        byte[] content = parts.get("file");
        String problem = ServerFileCheck.problem(content);
        if (problem != null) {
            return error(400, "Invalid file: " + problem, "invalid_request_error", "file", null);
        }
        String id = "file-" + String.format("%08d", ++seq) + "-0000-4000-8000-000000000000";
        ObjectNode f = JSON.createObjectNode();
        f.put("id", id).put("object", "file").put("created_at", clock += 1);
        f.put("filename", new String(parts.get("file_name"), StandardCharsets.UTF_8));
        f.put("bytes", content.length)
                .put("purpose", purpose)
                .put("Processed", true)
                .put("FileType", "jsonl");
        files.put(id, f);
        contents.put(id, content);
        return ok(f);
    }

    private Answer create(byte[] body) {
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "body is not JSON", "invalid_request_error", null, null);
        }
        String model = req.path("model").asText();
        if (!models.contains(model)) {
            return error(
                    400,
                    "Model " + model + " is not supported for fine-tuning",
                    "invalid_request_error",
                    "model",
                    null);
        }
        String training = req.path("training_file").asText();
        if (!files.containsKey(training)) {
            return error(
                    400,
                    "training_file " + training + " does not exist",
                    "invalid_request_error",
                    "training_file",
                    null);
        }
        if (req.has("train_on_inputs")) {
            return error(
                    400,
                    "train_on_inputs is deprecated at the top level",
                    "invalid_request_error",
                    "train_on_inputs",
                    null);
        }
        String id = addJob("pending", model);
        ObjectNode j = jobs.get(id);
        j.put("training_file", training);
        req.properties().forEach(e -> {
            if (!e.getKey().equals("model") && !e.getKey().equals("training_file")) {
                j.set(e.getKey(), e.getValue());
            }
        });
        return ok(j);
    }

    /** Together's OpenAI-compatible chat completion, answered by {@link #onChat}. */
    private Answer chat(byte[] body) {
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "body is not JSON", "invalid_request_error", null, null);
        }
        String model = req.path("model").asText();
        String question = "";
        for (JsonNode m : req.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                question = m.path("content").asText();
            }
        }
        Optional<String> text = chat.apply(model, question);
        if (text.isEmpty()) {
            return error(
                    404, "Unable to access model " + model, "invalid_request_error", "model", "model_not_available");
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("id", "chat-" + ++seq).put("object", "chat.completion").put("created", clock += 1);
        r.put("model", model);
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text.get());
        r.putObject("usage")
                .put("prompt_tokens", 40)
                .put("completion_tokens", 20)
                .put("total_tokens", 60);
        return ok(r);
    }

    private static Answer ok(JsonNode n) {
        return new Answer(200, n.toString());
    }

    static Answer error(int status, String message, String type, String param, String code) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode inner = e.putObject("error").put("message", message).put("type", type);
        inner.put("param", param);
        inner.put("code", code);
        return new Answer(status, e.toString());
    }

    /** Reads a body the way the client wrote it (used only by tests that need the raw bytes of a file). */
    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
