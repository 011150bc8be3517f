package dev.tuneloop.openai;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays OpenAI's files, fine-tuning and models API with state, for the provider contract: uploads (multipart),
 * deletes, jobs, events, checkpoints and models, with cursor paging ({@code limit}, {@code after}, {@code has_more})
 * capped at a scriptable page size, and failures queued per route group in OpenAI's error shape.
 */
final class OpenAiContractServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    enum Route {
        UPLOAD,
        CREATE,
        GET,
        CANCEL,
        LIST,
        DELETE_FILE
    }

    record Failure(int status, String message, String type, String code, String param) {}

    private record Answer(int status, String json) {}

    private static final Pattern JOB = Pattern.compile("/v1/fine_tuning/jobs/([^/]+)");
    private static final Pattern JOB_SUB = Pattern.compile("/v1/fine_tuning/jobs/([^/]+)/(events|checkpoints|cancel)");
    private static final Pattern FILE = Pattern.compile("/v1/files/([^/]+)");

    private final HttpServer server;
    private final String key;
    private final Map<String, ObjectNode> files = new LinkedHashMap<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> events = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> checkpoints = new LinkedHashMap<>();
    private final List<ObjectNode> models = new ArrayList<>();
    private final Map<Route, Deque<Failure>> failures = new EnumMap<>(Route.class);
    private final Map<String, Deque<String>> progressions = new LinkedHashMap<>();
    private final List<String> progression = new ArrayList<>();
    private final List<JsonNode> createRequests = new ArrayList<>();
    private BiFunction<String, String, Optional<String>> chat = (model, question) -> Optional.empty();
    private int pageSize = 100;
    private int seq;
    private long clock = 1_767_225_600L;

    OpenAiContractServer(String key) throws IOException {
        this.key = key;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        addModel("gpt-4o-mini-2024-07-18");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized void fail(Route route, Failure f, int times) {
        for (int i = 0; i < times; i++) {
            failures.computeIfAbsent(route, k -> new ArrayDeque<>()).add(f);
        }
    }

    synchronized void pageSize(int size) {
        this.pageSize = size;
    }

    /** Every job created from now on advances one status per GET of it, through {@code statuses}. */
    synchronized void advanceJobsThrough(String... statuses) {
        progression.clear();
        progression.addAll(List.of(statuses));
    }

    /** Answers {@code POST /v1/chat/completions} with {@code answer(model, last user message)}; empty is a 404. */
    synchronized void onChat(BiFunction<String, String, Optional<String>> answer) {
        this.chat = answer;
    }

    /** The bodies of the create requests received, in order. */
    synchronized List<JsonNode> createRequests() {
        return List.copyOf(createRequests);
    }

    synchronized byte[] content(String fileId) {
        return contents.get(fileId).clone();
    }

    synchronized String addJob(String status, String model) {
        String id = "ftjob-" + ++seq;
        ObjectNode j = JSON.createObjectNode();
        j.put("id", id)
                .put("object", "fine_tuning.job")
                .put("created_at", clock += 60)
                .putNull("error");
        j.put("fine_tuned_model", status.equals("succeeded") ? "ft:" + model + ":org-test::" + id : null);
        j.put("finished_at", status.equals("succeeded") || status.equals("cancelled") ? clock : null);
        j.put("model", model).put("organization_id", "org-test").putArray("result_files");
        j.put("seed", 42).put("status", status).putNull("trained_tokens");
        j.put("training_file", "file-seeded").putNull("validation_file").putNull("estimated_finish");
        ObjectNode hp = JSON.createObjectNode().put("n_epochs", 2).put("batch_size", "auto");
        hp.put("learning_rate_multiplier", "auto");
        j.set("hyperparameters", hp);
        ObjectNode method = j.putObject("method").put("type", "supervised");
        method.putObject("supervised").set("hyperparameters", hp.deepCopy());
        jobs.put(id, j);
        events.put(id, new ArrayList<>());
        checkpoints.put(id, new ArrayList<>());
        return id;
    }

    synchronized String addEvent(String jobId, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", "ftevent-" + ++seq).put("object", "fine_tuning.job.event").put("created_at", clock += 1);
        e.put("level", "info").put("message", message).put("type", "message");
        events.get(jobId).add(0, e); // the API lists newest first
        return message;
    }

    synchronized long addCheckpoint(String jobId, long step) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", "ftckpt-" + ++seq)
                .put("object", "fine_tuning.job.checkpoint")
                .put("created_at", clock += 1);
        c.put("fine_tuned_model_checkpoint", "ft:gpt-4o-mini:org-test::" + jobId + ":ckpt-step-" + step);
        c.put("fine_tuning_job_id", jobId).put("step_number", step);
        c.putObject("metrics").put("step", step).put("train_loss", 1.0 / step);
        checkpoints.get(jobId).add(c);
        return step;
    }

    synchronized void addModel(String id) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", id).put("object", "model").put("created", clock += 1).put("owned_by", "system");
        models.add(m);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Answer a;
            synchronized (this) {
                a = answer(
                        ex.getRequestMethod(),
                        ex.getRequestURI().getPath(),
                        ex.getRequestURI().getRawQuery(),
                        ex.getRequestHeaders().getFirst("Authorization"),
                        ex.getRequestHeaders().getFirst("Content-Type"),
                        body);
            }
            byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private Answer answer(String method, String path, String query, String auth, String contentType, byte[] body) {
        Route route = routeOf(method, path);
        Deque<Failure> q = route == null ? null : failures.get(route);
        Failure f = q == null ? null : q.poll();
        if (f != null) {
            String message = f.status() == 401 ? f.message() + ": " + auth : f.message();
            return error(f.status(), message, f.type(), f.code(), f.param());
        }
        if (!("Bearer " + key).equals(auth)) {
            return error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key", null);
        }
        Matcher file = FILE.matcher(path);
        if (method.equals("POST") && path.equals("/v1/files")) {
            return upload(contentType, body);
        }
        if (method.equals("DELETE") && file.matches()) {
            if (files.remove(file.group(1)) == null) {
                return error(404, "No such File object: " + file.group(1), "invalid_request_error", null, "id");
            }
            return ok(JSON.createObjectNode()
                    .put("id", file.group(1))
                    .put("object", "file")
                    .put("deleted", true));
        }
        if (method.equals("POST") && path.equals("/v1/fine_tuning/jobs")) {
            return create(body);
        }
        if (method.equals("POST") && path.equals("/v1/chat/completions")) {
            return chat(body);
        }
        if (method.equals("GET") && path.equals("/v1/fine_tuning/jobs")) {
            List<ObjectNode> newestFirst = new ArrayList<>(jobs.values());
            java.util.Collections.reverse(newestFirst);
            return page(newestFirst, query);
        }
        if (method.equals("GET") && path.equals("/v1/models")) {
            ObjectNode r = JSON.createObjectNode().put("object", "list");
            models.forEach(r.putArray("data")::add);
            return ok(r);
        }
        Matcher sub = JOB_SUB.matcher(path);
        if (sub.matches()) {
            String id = sub.group(1);
            ObjectNode j = jobs.get(id);
            if (j == null) {
                return error(404, "Could not find fine-tune: " + id, "invalid_request_error", null, null);
            }
            if (sub.group(2).equals("events")) {
                return page(events.get(id), query);
            }
            if (sub.group(2).equals("checkpoints")) {
                return page(checkpoints.get(id), query);
            }
            String s = j.get("status").asText();
            if (s.equals("succeeded") || s.equals("failed") || s.equals("cancelled")) {
                return error(400, "Job has already completed: " + s, "invalid_request_error", null, null);
            }
            j.put("status", "cancelled");
            return ok(j);
        }
        Matcher one = JOB.matcher(path);
        if (method.equals("GET") && one.matches()) {
            ObjectNode j = jobs.get(one.group(1));
            Deque<String> next = progressions.get(one.group(1));
            if (j != null && next != null && !next.isEmpty()) {
                String status = next.poll();
                j.put("status", status);
                if (status.equals("succeeded")) {
                    String id = j.get("id").asText();
                    j.put("fine_tuned_model", "ft:" + j.get("model").asText() + ":org-test:sigmasight-v1:" + id);
                    j.put("finished_at", clock += 600).put("trained_tokens", 123_456);
                }
            }
            return j == null
                    ? error(404, "Could not find fine-tune: " + one.group(1), "invalid_request_error", null, null)
                    : ok(j);
        }
        return error(404, "Unknown route " + method + " " + path, "invalid_request_error", null, null);
    }

    private static Route routeOf(String method, String path) {
        if (method.equals("POST") && path.equals("/v1/files")) {
            return Route.UPLOAD;
        }
        if (method.equals("DELETE")) {
            return Route.DELETE_FILE;
        }
        if (method.equals("POST") && path.equals("/v1/fine_tuning/jobs")) {
            return Route.CREATE;
        }
        if (path.endsWith("/cancel")) {
            return Route.CANCEL;
        }
        if (path.equals("/v1/fine_tuning/jobs")
                || path.endsWith("/events")
                || path.endsWith("/checkpoints")
                || path.equals("/v1/models")) {
            return Route.LIST;
        }
        return path.startsWith("/v1/fine_tuning/jobs/") ? Route.GET : null;
    }

    /** One page after the {@code after} cursor, at most min(limit, page size) items. */
    private Answer page(List<ObjectNode> all, String query) {
        String after = null;
        int limit = 20;
        if (query != null) {
            for (String kv : query.split("&", -1)) {
                String[] p = kv.split("=", 2);
                if (p[0].equals("after")) {
                    after = p[1];
                } else if (p[0].equals("limit")) {
                    limit = Integer.parseInt(p[1]);
                }
            }
        }
        int start = 0;
        if (after != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).get("id").asText().equals(after)) {
                    start = i + 1;
                }
            }
        }
        int end = Math.min(all.size(), start + Math.min(limit, pageSize));
        ObjectNode r = JSON.createObjectNode().put("object", "list");
        ArrayNode data = r.putArray("data");
        all.subList(start, end).forEach(data::add);
        r.put("has_more", end < all.size());
        return ok(r);
    }

    private Answer upload(String contentType, byte[] body) {
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        Map<String, byte[]> parts = new LinkedHashMap<>();
        String filename = "upload.jsonl";
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : text.split("--" + Pattern.quote(boundary), -1)) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            if (!name.find()) {
                continue;
            }
            Matcher fn = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (fn.find()) {
                filename = fn.group(1);
            }
            String value = part.substring(split + 4, part.length() - 2); // the CRLF before the next boundary
            parts.put(name.group(1), value.getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] content = parts.get("file");
        String id = "file-" + ++seq;
        ObjectNode f = JSON.createObjectNode();
        f.put("id", id).put("object", "file").put("bytes", content.length).put("created_at", clock += 1);
        f.put("filename", filename).put("purpose", new String(parts.get("purpose"), StandardCharsets.UTF_8));
        f.put("status", "processed");
        files.put(id, f);
        contents.put(id, Arrays.copyOf(content, content.length));
        return ok(f);
    }

    private Answer create(byte[] body) {
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "We could not parse the JSON body", "invalid_request_error", null, null);
        }
        String training = req.path("training_file").asText();
        if (!files.containsKey(training)) {
            return error(400, "invalid training_file: " + training, "invalid_request_error", null, "training_file");
        }
        createRequests.add(req);
        String id = addJob("validating_files", req.path("model").asText());
        jobs.get(id).put("training_file", training);
        if (!progression.isEmpty()) {
            progressions.put(id, new ArrayDeque<>(progression));
        }
        return ok(jobs.get(id));
    }

    /** OpenAI's chat completion, answered by {@link #onChat}. */
    private Answer chat(byte[] body) {
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "We could not parse the JSON body", "invalid_request_error", null, null);
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
                    404,
                    "The model `" + model + "` does not exist or you do not have access to it.",
                    "invalid_request_error",
                    "model_not_found",
                    null);
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("id", "chatcmpl-" + ++seq).put("object", "chat.completion").put("created", clock += 1);
        r.put("model", model);
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop").putNull("logprobs");
        choice.putObject("message")
                .put("role", "assistant")
                .put("content", text.get())
                .putNull("refusal");
        r.putObject("usage")
                .put("prompt_tokens", 40)
                .put("completion_tokens", 20)
                .put("total_tokens", 60);
        return ok(r);
    }

    private static Answer ok(JsonNode n) {
        return new Answer(200, n.toString());
    }

    private static Answer error(int status, String message, String type, String code, String param) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode inner = e.putObject("error").put("message", message).put("type", type);
        inner.put("code", code);
        inner.put("param", param);
        return new Answer(status, e.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
