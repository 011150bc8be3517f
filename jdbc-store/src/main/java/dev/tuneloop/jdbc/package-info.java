/**
 * Tuneloop's stores on JDBC: {@link dev.tuneloop.jdbc.JdbcStore} over a host-supplied {@link javax.sql.DataSource},
 * PostgreSQL in production and H2 as the embedded default, with versioned migrations shipped in the jar
 * ({@link dev.tuneloop.jdbc.JdbcDialect#migrationLocation()}). {@code java.sql} appears only in this module.
 *
 * <p>The only public types are the aggregate {@link dev.tuneloop.jdbc.JdbcStore} (with its builder) and
 * {@link dev.tuneloop.jdbc.JdbcDialect}; the per-table stores behind {@code JdbcStore.interactions()},
 * {@code examples()}, {@code jobs()} and {@code registry()} are package-private and reached through the core
 * interfaces. The store never opens, closes or configures the pool: each unit of work takes a connection from it
 * and gives it back, and every write runs in a transaction. {@link java.sql.SQLException}s are translated into
 * {@code dev.tuneloop.errors} exceptions at that one edge, with the driver's exception kept as the cause.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless it is annotated
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.tuneloop.jdbc;

import org.jspecify.annotations.NullMarked;
