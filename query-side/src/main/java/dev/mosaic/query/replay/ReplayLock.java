package dev.mosaic.query.replay;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A PostgreSQL advisory lock, held for one transaction: shared by every command's transaction, exclusive for a
 * replay. A replay therefore sees every committed event, and no command commits until the rebuilt views have.
 */
final class ReplayLock {
    static final long KEY = 0x6d6f7361_69637270L; // "mosaicrp"

    private ReplayLock() {
    }

    static void takeShared(JdbcClient jdbc) {
        jdbc.sql("select pg_advisory_xact_lock_shared(?)").param(KEY).query().rowSet();
    }

    static void takeExclusive(JdbcClient jdbc) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(KEY).query().rowSet();
    }
}
