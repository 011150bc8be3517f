package dev.tuneloop.admin;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import dev.tuneloop.errors.TuneloopException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** {@link AdminServer} on the JDK's HTTP server: an own server, or a context on the host's. */
final class JdkAdminServer implements AdminServer {
    private final HttpServer server;
    private final HttpContext context;
    private final @Nullable HttpContext feedbackContext; // null when feedback is not configured
    private final @Nullable ExecutorService ownExecutor; // null when mounted on the host's server
    private final ReadDeadlines deadlines;
    private final URI uri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdkAdminServer(
            HttpServer server,
            HttpContext context,
            @Nullable HttpContext feedbackContext,
            @Nullable ExecutorService ownExecutor,
            ReadDeadlines deadlines) {
        this.server = server;
        this.context = context;
        this.feedbackContext = feedbackContext;
        this.ownExecutor = ownExecutor;
        this.deadlines = deadlines;
        this.uri = uriOf(server.getAddress());
    }

    static AdminServer start(AdminServer.Builder b) {
        ReadDeadlines deadlines = new ReadDeadlines(b.headerTimeout, b.bodyTimeout);
        AdminHandler handler = handler(b, deadlines);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(b.host, b.port), 0);
        } catch (IOException e) {
            deadlines.close();
            throw new TuneloopException(
                    "the admin server cannot listen on " + b.host + ":" + b.port + " (" + e.getMessage() + ")", e);
        }
        AtomicInteger n = new AtomicInteger();
        // a thread per request in progress, up to the bound; beyond it the pool refuses the exchange and the JDK
        // server closes that connection
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                b.threads, b.maxActiveConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "tuneloop-admin-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(deadlines.executor(executor));
        HttpContext context = server.createContext(BASE_PATH, handler);
        HttpContext feedback = feedback(b, server, deadlines);
        // without a root context the JDK answers other paths itself, with an HTML page naming its own internals
        server.createContext("/", handler);
        server.start();
        return new JdkAdminServer(server, context, feedback, executor, deadlines);
    }

    static AdminServer mount(AdminServer.Builder b, HttpServer server) {
        ReadDeadlines deadlines = new ReadDeadlines(b.headerTimeout, b.bodyTimeout);
        HttpContext context = server.createContext(BASE_PATH, handler(b, deadlines));
        HttpContext feedback = feedback(b, server, deadlines);
        return new JdkAdminServer(server, context, feedback, null, deadlines);
    }

    /** Browser feedback on its own context, so the admin API's bearer check never applies to it. */
    private static @Nullable HttpContext feedback(AdminServer.Builder b, HttpServer server, ReadDeadlines deadlines) {
        if (b.feedbackTokens == null) {
            return null;
        }
        return server.createContext(FeedbackHandler.PATH, new FeedbackHandler(b, deadlines));
    }

    private static AdminHandler handler(AdminServer.Builder b, ReadDeadlines deadlines) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new CurationEndpoints(b).routes());
        routes.addAll(new PairEndpoints(b).routes());
        routes.addAll(new ExportEndpoints(b).routes());
        routes.addAll(new DataEndpoints(b).routes());
        routes.addAll(new FineTuneEndpoints(b).routes());
        routes.addAll(new ReviewEndpoints(b).routes());
        routes.addAll(new AgreementEndpoints(b).routes());
        routes.addAll(new PreReviewEndpoints(b).routes());
        routes.addAll(new LaunchEndpoints(b).routes());
        routes.addAll(new EvaluationEndpoints(b).routes());
        routes.addAll(new DeploymentEndpoints(b).routes());
        return new AdminHandler(
                Objects.requireNonNull(b.token, "token"), b.maxBodyBytes, routes, Console.load(), deadlines);
    }

    private static URI uriOf(InetSocketAddress address) {
        if (address == null) {
            // a host server that is not bound yet: the address is only known to the host
            return URI.create(BASE_PATH);
        }
        InetAddress a = address.getAddress();
        String host = a == null || a.isAnyLocalAddress() ? "localhost" : a.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + BASE_PATH);
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ownExecutor != null) {
            server.stop(0);
            ownExecutor.shutdownNow();
        } else {
            server.removeContext(context);
            if (feedbackContext != null) {
                server.removeContext(feedbackContext);
            }
        }
        deadlines.close();
    }

    @Override
    public String toString() {
        return "AdminServer[" + uri + (ownExecutor == null ? ", mounted" : "") + "]";
    }
}
