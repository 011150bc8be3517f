package dev.tuneloop.spring.boot;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import dev.tuneloop.admin.AdminServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Serves the admin API and the review console of {@code tuneloop-admin} from a Jakarta Servlet container (the host's
 * own server, port and security), with the same handlers, limits and error JSON as the JDK server.
 *
 * <p>Map it to {@code <prefix>/*}: the API answers under {@code <prefix>/admin/}, the console at
 * {@code <prefix>/admin/console/}. The servlet hands each request to the handler that
 * {@link AdminServer.Builder#mount} registers, through an {@link HttpExchange} view of the servlet request and
 * response; nothing of the admin module is changed or copied.
 *
 * <p>Two ways to protect the API:
 *
 * <ul>
 *   <li>{@linkplain #withBearerToken token}: every API call carries {@code Authorization: Bearer <token>}, as on the
 *       JDK server;
 *   <li>{@linkplain #withRole role}: the host's security (e.g. Spring Security) authenticates the user, and the user
 *       must be in the role ({@link HttpServletRequest#isUserInRole}); an anonymous API call gets 401, a user without
 *       the role 403, and the token the admin handler checks is an internal random one that never leaves the JVM.
 *       The authenticated user is the reviewer the API records for approvals, rejections and claims; a request that
 *       names another reviewer is refused (400).
 * </ul>
 *
 * <p>The host server's own timeouts bound slow clients here (the admin module's read deadlines are meant for the JDK
 * server and are set to their maximum). Thread-safe.
 */
public final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient AdminServer server;
    private final transient HttpHandler handler;
    // transient like the parts above: a servlet is never serialized, and the token must never be written anywhere
    private final transient String prefix;
    private final transient @Nullable String role;
    private final transient String internalAuthorization;

    private AdminServlet(AdminServer.Builder builder, String prefix, @Nullable String role, String token) {
        this.prefix = checkPrefix(prefix);
        this.role = role;
        this.internalAuthorization = "Bearer " + token;
        CapturingServer capture = new CapturingServer();
        this.server = builder.token(token)
                .bodyTimeout(AdminServer.Builder.MAX_TIMEOUT)
                .mount(capture);
        this.handler = Objects.requireNonNull(capture.handler, "the admin server registered no handler");
    }

    /**
     * A servlet whose API calls need {@code Authorization: Bearer <token>}.
     *
     * @param builder the admin server's parts (curation, export, fine-tuning, …); its token is set here
     * @param prefix the path the servlet is mapped under, e.g. {@code /tuneloop} (context path excluded)
     * @param token the bearer token, at least {@value AdminServer.Builder#MIN_TOKEN_CHARS} characters
     * @return the servlet
     * @throws dev.tuneloop.errors.ValidationException when a setting breaks a rule of the admin server
     */
    public static AdminServlet withBearerToken(AdminServer.Builder builder, String prefix, String token) {
        return new AdminServlet(builder, prefix, null, token);
    }

    /**
     * A servlet whose API calls need an authenticated user in {@code role}, as the host's security tells through
     * {@link HttpServletRequest#isUserInRole}.
     *
     * @param builder the admin server's parts; its token is set here to an internal random one
     * @param prefix the path the servlet is mapped under, e.g. {@code /tuneloop} (context path excluded)
     * @param role the role, e.g. {@code TUNELOOP_ADMIN} (Spring Security: authority {@code ROLE_TUNELOOP_ADMIN})
     * @return the servlet
     * @throws dev.tuneloop.errors.ValidationException when a setting breaks a rule of the admin server
     */
    public static AdminServlet withRole(AdminServer.Builder builder, String prefix, String role) {
        Objects.requireNonNull(role, "role");
        return new AdminServlet(builder, prefix, role, AdminServer.randomToken());
    }

    private static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
            throw new IllegalArgumentException(
                    "prefix must be empty or start with '/' and not end with '/', but was " + prefix);
        }
        return prefix;
    }

    /**
     * The path the servlet is mapped under.
     *
     * @return e.g. {@code /tuneloop}
     */
    public String prefix() {
        return prefix;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String raw = req.getRequestURI();
        String base = req.getContextPath() + prefix;
        String path = raw.startsWith(base) ? raw.substring(base.length()) : raw;
        if (path.isEmpty()) {
            path = "/";
        }
        URI uri;
        try {
            String query = req.getQueryString();
            uri = new URI(path + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) {
            error(resp, 400, "bad_request", "the request target is not a valid URI");
            return;
        }
        Headers headers = new Headers();
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
        }
        if (role != null) {
            headers.remove("Authorization");
            boolean console = path.equals(AdminServer.BASE_PATH + "console")
                    || path.startsWith(AdminServer.BASE_PATH + "console/");
            if (!console && path.startsWith(AdminServer.BASE_PATH)) {
                if (req.getUserPrincipal() == null) {
                    error(resp, 401, "unauthorized", "this endpoint needs an authenticated user in role " + role);
                    return;
                }
                if (!req.isUserInRole(role)) {
                    error(resp, 403, "forbidden", "this endpoint needs role " + role);
                    return;
                }
                headers.set("Authorization", internalAuthorization);
            }
        }
        // in role mode the authenticated user is the reviewer the admin API records (and the only one it accepts)
        Principal user = role == null ? null : req.getUserPrincipal();
        HttpPrincipal principal = user == null ? null : new HttpPrincipal(user.getName(), "tuneloop");
        handler.handle(new ServletExchange(req, resp, uri, headers, base, principal));
    }

    private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        byte[] body = ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentType("application/json; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    @Override
    public void destroy() {
        server.close();
    }

    @Override
    public String toString() {
        return "AdminServlet[" + prefix + ", " + (role == null ? "bearer token" : "role " + role) + "]";
    }

    /** The servlet request and response seen as the JDK server's exchange. */
    private static final class ServletExchange extends HttpExchange {
        private final HttpServletRequest req;
        private final HttpServletResponse resp;
        private final URI uri;
        private final Headers requestHeaders;
        private final Headers responseHeaders = new Headers();
        private final String base;
        private final Map<String, Object> attributes = new HashMap<>();
        private int responseCode = -1;
        private @Nullable InputStream in;
        private @Nullable OutputStream out;
        private final @Nullable HttpPrincipal principal;

        ServletExchange(
                HttpServletRequest req,
                HttpServletResponse resp,
                URI uri,
                Headers headers,
                String base,
                @Nullable HttpPrincipal principal) {
            this.principal = principal;
            this.req = req;
            this.resp = resp;
            this.uri = uri;
            this.requestHeaders = headers;
            this.base = base;
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return uri;
        }

        @Override
        public String getRequestMethod() {
            return req.getMethod();
        }

        @Override
        public HttpContext getHttpContext() {
            throw new UnsupportedOperationException("no JDK server context behind a servlet");
        }

        @Override
        public void close() {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException e) {
                // the client went away: nothing to answer
            }
        }

        @Override
        public InputStream getRequestBody() {
            if (in == null) {
                try {
                    in = req.getInputStream();
                } catch (IOException e) {
                    in = InputStream.nullInputStream();
                }
            }
            return in;
        }

        @Override
        public OutputStream getResponseBody() {
            if (out == null) {
                try {
                    out = resp.getOutputStream();
                } catch (IOException e) {
                    out = OutputStream.nullOutputStream();
                }
            }
            return out;
        }

        @Override
        public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
            if (responseCode != -1) {
                throw new IOException("headers already sent");
            }
            responseCode = rCode;
            resp.setStatus(rCode);
            for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
                boolean first = true;
                for (String v : h.getValue()) {
                    String value = h.getKey().equalsIgnoreCase("Location") && v.startsWith(AdminServer.BASE_PATH)
                            ? base + v
                            : v;
                    if (first) {
                        resp.setHeader(h.getKey(), value);
                        first = false;
                    } else {
                        resp.addHeader(h.getKey(), value);
                    }
                }
            }
            if (responseLength > 0) {
                resp.setContentLengthLong(responseLength);
            } else if (responseLength < 0 && !"HEAD".equals(req.getMethod())) {
                resp.setContentLength(0);
            }
            resp.flushBuffer();
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return InetSocketAddress.createUnresolved(req.getRemoteAddr(), req.getRemotePort());
        }

        @Override
        public int getResponseCode() {
            return responseCode;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return InetSocketAddress.createUnresolved(req.getLocalAddr(), req.getLocalPort());
        }

        @Override
        public String getProtocol() {
            return req.getProtocol();
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, @Nullable Object value) {
            if (value == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        }

        @Override
        public void setStreams(@Nullable InputStream i, @Nullable OutputStream o) {
            if (i != null) {
                in = i;
            }
            if (o != null) {
                out = o;
            }
        }

        @Override
        public @Nullable HttpPrincipal getPrincipal() {
            return principal;
        }
    }

    /**
     * A stand-in for the JDK server that only keeps the handler {@link AdminServer.Builder#mount} registers; it never
     * binds or serves.
     */
    private static final class CapturingServer extends HttpServer {
        @Nullable
        HttpHandler handler;

        @Override
        public void bind(InetSocketAddress addr, int backlog) {
            throw new UnsupportedOperationException("a stand-in server does not bind");
        }

        @Override
        public void start() {}

        @Override
        public void setExecutor(@Nullable Executor executor) {}

        @Override
        public @Nullable Executor getExecutor() {
            return null;
        }

        @Override
        public void stop(int delay) {}

        @Override
        public HttpContext createContext(String path, HttpHandler h) {
            this.handler = h;
            return new CapturedContext(this, path, h);
        }

        @Override
        public HttpContext createContext(String path) {
            throw new UnsupportedOperationException("the admin server always registers a handler");
        }

        @Override
        public void removeContext(String path) {
            handler = null;
        }

        @Override
        public void removeContext(HttpContext context) {
            handler = null;
        }

        @Override
        public @Nullable InetSocketAddress getAddress() {
            return null;
        }
    }

    private static final class CapturedContext extends HttpContext {
        private final HttpServer server;
        private final String path;
        private HttpHandler handler;
        private final Map<String, Object> attributes = new HashMap<>();
        private final List<Filter> filters = new ArrayList<>();
        private @Nullable Authenticator authenticator;

        CapturedContext(HttpServer server, String path, HttpHandler handler) {
            this.server = server;
            this.path = path;
            this.handler = handler;
        }

        @Override
        public HttpHandler getHandler() {
            return handler;
        }

        @Override
        public void setHandler(HttpHandler h) {
            this.handler = h;
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public HttpServer getServer() {
            return server;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public List<Filter> getFilters() {
            return filters;
        }

        @Override
        public @Nullable Authenticator setAuthenticator(@Nullable Authenticator auth) {
            Authenticator old = authenticator;
            authenticator = auth;
            return old;
        }

        @Override
        public @Nullable Authenticator getAuthenticator() {
            return authenticator;
        }
    }
}
