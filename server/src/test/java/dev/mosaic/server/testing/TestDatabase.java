package dev.mosaic.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL that integration tests use: {@code TEST_DATABASE_URL} (a {@code jdbc:postgresql://}
 * URL of a server whose user may create databases) when set, otherwise one embedded PostgreSQL per test JVM
 * (zonky; its own shutdown hook stops it after the cached Spring contexts are closed). There is no Docker
 * engine on these machines, so Testcontainers is not among the choices.
 */
public final class TestDatabase {
    private static final String USER_URL = System.getenv("TEST_DATABASE_URL");
    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    /** A database of this name, created on first use; tests sharing a name share its data. */
    public static synchronized String url(String database) {
        String admin = serverUrl("postgres");
        try (Connection connection = DriverManager.getConnection(admin, user(), password());
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
        return serverUrl(database);
    }

    /** A new, empty database. */
    public static String fresh() {
        return url("mosaic_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public static String user() {
        return USER_URL != null ? null : "postgres";
    }

    public static String password() {
        return null;
    }

    private static String serverUrl(String database) {
        if (USER_URL != null) {
            return USER_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        }
        return embedded().getJdbcUrl("postgres", database);
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
            }
        }
        return embedded;
    }
}
