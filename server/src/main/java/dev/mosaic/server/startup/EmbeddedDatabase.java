package dev.mosaic.server.startup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/** Development mode: a PostgreSQL started from the bundled binaries, its data kept under {@code ./data/postgres}. */
final class EmbeddedDatabase {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private EmbeddedDatabase() {
    }

    static DatabaseUrl start(Path dataDir) {
        try {
            Path pgData = dataDir.resolve("postgres");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("pg-runtime").toFile())
                    .start();
            log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with data in {}", postgres.getPort(), pgData);
            return new DatabaseUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        } catch (IOException e) {
            throw new StartupException("could not start the embedded PostgreSQL under " + dataDir
                    + " (set DATABASE_URL to use your own): " + e.getMessage(), e);
        }
    }
}
