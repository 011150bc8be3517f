package dev.tuneloop.admin;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One endpoint: a method and a path pattern (its groups are the path parameters, matched against the raw path) and
 * what answers it.
 */
record Route(String method, Pattern path, Handler handler) {

    /** Answers one request; writes the response itself or throws an {@link HttpError} or a Tuneloop exception. */
    @FunctionalInterface
    interface Handler {
        void handle(Request request) throws IOException;
    }

    static Route get(String regex, Handler handler) {
        return new Route("GET", Pattern.compile(regex), handler);
    }

    static Route post(String regex, Handler handler) {
        return new Route("POST", Pattern.compile(regex), handler);
    }
}
