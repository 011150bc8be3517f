/**
 * The admin API and review console over HTTP: {@link dev.tuneloop.admin.AdminServer}, on its own JDK server or
 * mounted on the host's {@code com.sun.net.httpserver.HttpServer}. Every API call needs the bearer token; the
 * console's static files hold no data.
 *
 * <p>Uses only the public API of tuneloop-core.
 */
@NullMarked
package dev.tuneloop.admin;

import org.jspecify.annotations.NullMarked;
