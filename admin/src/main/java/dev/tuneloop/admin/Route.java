package dev.tuneloop.admin;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One endpoint: a method and a path pattern (its groups are the path parameters, matched against the raw path) and
 * what answers it. An open route is answered without the bearer token: only for what carries its own authorization
 * (a single-use link).
 */
record Route(String method, Pattern path, Handler handler, boolean open) {

    /** Answers one request; writes the response itself or throws an {@link HttpError} or a Tuneloop exception. */
    @FunctionalInterface
    interface Handler {
        void handle(Request request) throws IOException;
    }

    static Route get(String regex, Handler handler) {
        return new Route("GET", Pattern.compile(regex), handler, false);
    }

    static Route post(String regex, Handler handler) {
        return new Route("POST", Pattern.compile(regex), handler, false);
    }

    /** A GET route answered without the bearer token; its handler checks the request's own authorization. */
    static Route openGet(String regex, Handler handler) {
        return new Route("GET", Pattern.compile(regex), handler, true);
    }
}
