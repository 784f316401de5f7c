package dev.mosaic.server.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;


/**
 * Turns Mosaic's two environment variables into Spring properties. With {@code DATABASE_URL} unset Mosaic
 * runs in development mode: an embedded PostgreSQL and a secret key generated once, both under {@code ./data}.
 */
public final class StartupSettings {
    public static final int MIN_KEY_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(StartupSettings.class);

    private StartupSettings() {
    }

    public static Map<String, Object> resolve(Map<String, String> env, Path dataDir) {
        String databaseUrl = env.get("DATABASE_URL");
        String secretKey = env.get("MOSAIC_SECRET_KEY");
        DatabaseUrl database;
        if (databaseUrl == null || databaseUrl.isBlank()) {
            warnDevelopmentMode(dataDir);
            if (secretKey == null || secretKey.isBlank()) {
                secretKey = developmentKey(dataDir);
            }
            database = EmbeddedDatabase.start(dataDir);
        } else {
            try {
                database = DatabaseUrl.parse(databaseUrl);
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage());
            }
        }
        checkKey(secretKey);
        return properties(database, secretKey);
    }

    public static void checkKey(String secretKey) {
        if (secretKey == null || secretKey.isBlank()) {
            throw new StartupException("MOSAIC_SECRET_KEY is not set: set it to a random secret of at least "
                    + MIN_KEY_LENGTH + " characters (e.g. `openssl rand -base64 48`).");
        }
        if (secretKey.length() < MIN_KEY_LENGTH) {
            throw new StartupException("MOSAIC_SECRET_KEY is too short: set it to a random secret of at least "
                    + MIN_KEY_LENGTH + " characters (e.g. `openssl rand -base64 48`).");
        }
    }

    static Map<String, Object> properties(DatabaseUrl database, String secretKey) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        if (database.username() != null) {
            properties.put("spring.datasource.username", database.username());
        }
        if (database.password() != null) {
            properties.put("spring.datasource.password", database.password());
        }
        properties.put("mosaic.secret-key", secretKey);
        return properties;
    }

    private static String developmentKey(Path dataDir) {
        Path keyFile = dataDir.resolve("secret.key");
        try {
            if (Files.exists(keyFile)) {
                return Files.readString(keyFile, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String key = Base64.getEncoder().encodeToString(bytes);
            Files.writeString(keyFile, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file still lives only in the developer's data folder
            }
            log.warn("Generated a development secret key in {}", keyFile);
            return key;
        } catch (IOException e) {
            throw new StartupException("cannot read or write the development key " + keyFile
                    + "; set MOSAIC_SECRET_KEY instead", e);
        }
    }

    private static void warnDevelopmentMode(Path dataDir) {
        log.warn("""

                ********************************************************************************
                *  DEVELOPMENT MODE: DATABASE_URL is not set.                                   *
                *  Mosaic runs an embedded PostgreSQL and a generated secret key under           *
                *  {}
                *  Do not use this for production: set DATABASE_URL and MOSAIC_SECRET_KEY.      *
                ********************************************************************************""",
                dataDir.toAbsolutePath());
    }

}
