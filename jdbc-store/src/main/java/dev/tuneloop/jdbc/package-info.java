/**
 * Tuneloop's stores on JDBC: {@link dev.tuneloop.jdbc.JdbcStore} over a host-supplied {@link javax.sql.DataSource},
 * PostgreSQL in production and H2 as the embedded default, with versioned migrations shipped in the jar
 * ({@link dev.tuneloop.jdbc.JdbcDialect#migrationLocation()}). {@code java.sql} appears only in this module.
 */
package dev.tuneloop.jdbc;
