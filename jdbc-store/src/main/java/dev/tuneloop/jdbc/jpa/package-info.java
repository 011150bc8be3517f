/**
 * Read-only JPA entities mapping Tuneloop's tables, for hosts on JPA/Hibernate that want to query them (reports,
 * admin screens). Needs {@code jakarta.persistence-api} 3.x on the classpath (an optional dependency of this module).
 * Register the classes with your persistence unit; they validate ({@code hibernate.hbm2ddl.auto=validate}) against the
 * migrated schema on PostgreSQL and H2. Write only through {@link dev.tuneloop.jdbc.JdbcStore}.
 *
 * <p>Getters of {@code NOT NULL} columns never return {@code null} on an entity the persistence provider loaded;
 * getters of nullable columns are annotated {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.tuneloop.jdbc.jpa;

import org.jspecify.annotations.NullMarked;
