package dev.tuneloop.vertex;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server that plays the Vertex AI tuning API (v1beta1 {@code projects.locations.tuningJobs}: create,
 * get, list with paging and a label filter, cancel) closely enough for the real google-genai SDK. It answers with
 * the project <em>number</em> in job names, as Vertex AI does, checks the bearer token, records every request, and
 * can be told to fail the next calls or to store a job and still answer a 5xx.
 */
final class FakeVertexServer implements AutoCloseable {
    static final String TOKEN = "ya29.test-token-for-the-fake";
    static final String PROJECT_NUMBER = "123456789012";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOBS =
            Pattern.compile("/v1beta1/projects/([^/]+)/locations/([^/]+)/tuningJobs(?:/([0-9]+)(:cancel)?)?");
    private static final Pattern GENERATE = Pattern.compile("/v1beta1/projects/([^/]+)/locations/([^/]+)/"
            + "(?:publishers/google/models/([^/:]+)|endpoints/([0-9]+)):generateContent");
    private static final Pattern LABEL_FILTER = Pattern.compile("labels\\.([a-z0-9_-]+)=\"?([^\"]*)\"?");

    /** One received request. */
    record Request(String method, String path, String query, String authorization, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A scripted failure: the HTTP status, the google.rpc status and the message. */
    record Failure(int code, String status, String message, boolean storeCreate) {}

    private final HttpServer server;
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Map<String, Deque<Failure>> routeFailures = new LinkedHashMap<>();
    private final Map<String, Deque<String>> progressions = new LinkedHashMap<>();
    private final List<String> progression = new ArrayList<>();
    private BiFunction<String, String, Optional<String>> chat = (model, question) -> Optional.empty();
    private int forcedPageSize = Integer.MAX_VALUE;
    private int next = 1000;
    private boolean finishBeforeNextCancel;
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    FakeVertexServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathPart) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.method().equals(method) && r.path().contains(pathPart)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Every job created from now on advances one state per GET of it, through {@code states}; on
     * {@code JOB_STATE_SUCCEEDED} it gets a tuned model and the endpoint that serves it.
     */
    synchronized void advanceJobsThrough(String... states) {
        progression.clear();
        progression.addAll(List.of(states));
    }

    /**
     * Answers {@code generateContent} (on a publisher model or on a tuned model's endpoint) with {@code answer(model,
     * last user text)}, the model being what the URL names (e.g. {@code gemini-2.5-flash} or
     * {@code projects/…/endpoints/…}); empty is a 404.
     */
    synchronized void onGenerateContent(BiFunction<String, String, Optional<String>> answer) {
        this.chat = answer;
    }

    synchronized int jobCount() {
        return jobs.size();
    }

    /** The next call answers this failure (calls after it answer normally unless more are queued). */
    synchronized void failNext(int code, String status, String message) {
        failures.add(new Failure(code, status, message, false));
    }

    /**
     * The next {@code n} requests of a route fail. Routes: {@code create} (POST tuningJobs), {@code get} (GET one
     * job), {@code cancel} (POST :cancel), {@code list} (GET tuningJobs).
     */
    synchronized void failRoute(String route, int n, int code, String status, String message) {
        Deque<Failure> q = routeFailures.computeIfAbsent(route, k -> new ArrayDeque<>());
        for (int i = 0; i < n; i++) {
            q.add(new Failure(code, status, message, false));
        }
    }

    /** Every list is served in pages of at most {@code size} jobs, whatever page size the client asks for. */
    synchronized void forcePageSize(int size) {
        forcedPageSize = size;
    }

    /** Adds a job directly, in a state, with extra fields merged in; returns its name. */
    synchronized String addJob(String baseModel, String state, String extraJson) {
        ObjectNode request = JSON.createObjectNode();
        request.put("baseModel", baseModel);
        request.putObject("supervisedTuningSpec").put("trainingDatasetUri", "gs://test-bucket/added.jsonl");
        String name = create("us-central1", request).path("name").asText();
        update(name, state, extraJson);
        return name;
    }

    /** The next create stores the job, then answers this failure, as when a response is lost after the commit. */
    synchronized void storeThenFailNextCreate(int code, String status, String message) {
        failures.add(new Failure(code, status, message, true));
    }

    /** The next cancel finds its job already SUCCEEDED, as when the job finishes between a read and the cancel. */
    synchronized void finishBeforeNextCancel() {
        finishBeforeNextCancel = true;
    }

    /** Moves a job to a state, with optional fields merged in (e.g. tunedModel, error, tuningDataStats). */
    synchronized void update(String name, String state, String extraJson) {
        ObjectNode job = jobs.get(name);
        if (job == null) {
            throw new AssertionError("no job " + name);
        }
        job.put("state", state);
        now = now.plusSeconds(60);
        job.put("updateTime", now.toString());
        if (state.equals("JOB_STATE_RUNNING")) {
            job.put("startTime", now.toString());
        }
        if (state.matches("JOB_STATE_(SUCCEEDED|FAILED|CANCELLED|EXPIRED)")) {
            job.put("endTime", now.toString());
        }
        try {
            job.setAll((ObjectNode) JSON.readTree(extraJson));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String query = ex.getRequestURI().getRawQuery();
            Request r = new Request(
                    ex.getRequestMethod(),
                    ex.getRequestURI().getPath(),
                    query == null ? "" : query,
                    auth == null ? "" : auth,
                    body);
            requests.add(r);
            synchronized (this) {
                answer(ex, r);
            }
        }
    }

    private void answer(HttpExchange ex, Request r) throws IOException {
        if (!("Bearer " + TOKEN).equals(r.authorization())) {
            error(
                    ex,
                    401,
                    "UNAUTHENTICATED",
                    "Request had invalid authentication credentials. Expected OAuth 2"
                            + " access token, login cookie or other valid authentication credential.");
            return;
        }
        Failure f = failures.poll();
        Deque<Failure> routeQueue = routeFailures.get(route(r));
        if (f == null && routeQueue != null) {
            f = routeQueue.poll();
        }
        if (f != null && !f.storeCreate()) {
            error(ex, f.code(), f.status(), f.message());
            return;
        }
        Matcher g = GENERATE.matcher(r.path());
        if (g.matches() && r.method().equals("POST")) {
            generateContent(ex, g, r);
            return;
        }
        Matcher m = JOBS.matcher(r.path());
        if (!m.matches()) {
            error(ex, 404, "NOT_FOUND", "no route " + r.method() + " " + r.path());
            return;
        }
        String location = m.group(2);
        String id = m.group(3);
        boolean cancel = m.group(4) != null;
        if (id == null && r.method().equals("POST")) {
            ObjectNode job = create(location, (ObjectNode) r.json());
            if (!progression.isEmpty()) {
                progressions.put(job.path("name").asText(), new ArrayDeque<>(progression));
            }
            if (f != null) {
                error(ex, f.code(), f.status(), f.message());
                return;
            }
            send(ex, 200, job);
        } else if (id == null && r.method().equals("GET")) {
            list(ex, r.query());
        } else {
            String name = "projects/" + PROJECT_NUMBER + "/locations/" + location + "/tuningJobs/" + id;
            ObjectNode job = jobs.get(name);
            if (job == null || !m.group(1).equals(PROJECT_NUMBER)) {
                error(ex, 404, "NOT_FOUND", "The TuningJob does not exist.");
            } else if (cancel && r.method().equals("POST")) {
                if (finishBeforeNextCancel) {
                    finishBeforeNextCancel = false;
                    update(name, "JOB_STATE_SUCCEEDED", "{}");
                }
                String state = job.path("state").asText();
                if (state.matches("JOB_STATE_(SUCCEEDED|FAILED|CANCELLED|EXPIRED)")) {
                    error(ex, 400, "FAILED_PRECONDITION", "Cannot cancel a tuning job in state " + state + ".");
                } else {
                    update(name, "JOB_STATE_CANCELLED", "{}");
                    send(ex, 200, JSON.createObjectNode());
                }
            } else if (!cancel && r.method().equals("GET")) {
                Deque<String> next = progressions.get(name);
                if (next != null && !next.isEmpty()) {
                    String state = next.poll();
                    update(
                            name,
                            state,
                            state.equals("JOB_STATE_SUCCEEDED")
                                    ? "{\"tunedModel\":{\"model\":\"projects/" + PROJECT_NUMBER + "/locations/"
                                            + location + "/models/" + id + "@1\",\"endpoint\":\"projects/"
                                            + PROJECT_NUMBER + "/locations/" + location + "/endpoints/"
                                            + (Integer.parseInt(id) + 5000)
                                            + "\"},\"tuningDataStats\":{\"supervisedTuningDataStats\":{"
                                            + "\"totalBillableTokenCount\":\"123456\"}}}"
                                    : "{}");
                }
                send(ex, 200, job);
            } else {
                error(ex, 404, "NOT_FOUND", "no route " + r.method() + " " + r.path());
            }
        }
    }

    private void generateContent(HttpExchange ex, Matcher g, Request r) throws IOException {
        String model = g.group(3) != null
                ? g.group(3)
                : "projects/" + g.group(1) + "/locations/" + g.group(2) + "/endpoints/" + g.group(4);
        String question = "";
        for (JsonNode c : r.json().path("contents")) {
            if (c.path("role").asText("user").equals("user")) {
                question = c.path("parts").path(0).path("text").asText();
            }
        }
        Optional<String> text = chat.apply(model, question);
        if (text.isEmpty()) {
            error(ex, 404, "NOT_FOUND", "Publisher Model or Endpoint `" + model + "` was not found.");
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        candidate
                .putObject("content")
                .put("role", "model")
                .putArray("parts")
                .addObject()
                .put("text", text.get());
        candidate.put("finishReason", "STOP");
        body.putObject("usageMetadata")
                .put("promptTokenCount", 40)
                .put("candidatesTokenCount", 20)
                .put("totalTokenCount", 60);
        body.put("modelVersion", model);
        send(ex, 200, body);
    }

    private static String route(Request r) {
        Matcher m = JOBS.matcher(r.path());
        if (!m.matches()) {
            return "other";
        }
        if (m.group(3) == null) {
            return r.method().equals("POST") ? "create" : "list";
        }
        return m.group(4) != null ? "cancel" : "get";
    }

    private ObjectNode create(String location, ObjectNode request) {
        String name = "projects/" + PROJECT_NUMBER + "/locations/" + location + "/tuningJobs/" + next++;
        ObjectNode job = request.deepCopy();
        job.put("name", name);
        job.put("state", "JOB_STATE_PENDING");
        now = now.plusSeconds(1);
        job.put("createTime", now.toString());
        job.put("updateTime", now.toString());
        jobs.put(name, job);
        return job;
    }

    private void list(HttpExchange ex, String rawQuery) throws IOException {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        List<ObjectNode> all = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(all); // newest first, as Vertex AI lists
        String filter = q.get("filter");
        if (filter != null) {
            Matcher f = LABEL_FILTER.matcher(filter);
            if (!f.matches()) {
                error(ex, 400, "INVALID_ARGUMENT", "Unsupported filter.");
                return;
            }
            all.removeIf(
                    j -> !f.group(2).equals(j.path("labels").path(f.group(1)).asText(null)));
        }
        int size = Math.min(forcedPageSize, Integer.parseInt(q.getOrDefault("pageSize", "50")));
        int from = Integer.parseInt(q.getOrDefault("pageToken", "0"));
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("tuningJobs");
        for (int i = from; i < Math.min(all.size(), from + size); i++) {
            items.add(all.get(i));
        }
        if (from + size < all.size()) {
            page.put("nextPageToken", Integer.toString(from + size));
        }
        send(ex, 200, page);
    }

    private static void error(HttpExchange ex, int code, String status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        send(ex, code, body);
    }

    private static void send(HttpExchange ex, int code, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
