package dev.mosaic.server.replay;

import dev.mosaic.query.api.Replay;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.PrintStream;

/**
 * {@code java -jar mosaic.jar replay}: rebuilds every read model from the event store and renders every agent
 * again (keeping the version of each config whose bytes did not change), printing progress. Safe while other
 * nodes run: their commands wait until the rebuilt views commit.
 */
@Component
public class ReplayCommand {
    private final Replay replay;
    private final JdbcClient jdbc;

    ReplayCommand(Replay replay, JdbcClient jdbc) {
        this.replay = replay;
        this.jdbc = jdbc;
    }

    public int run(PrintStream out) {
        long total = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
        long versionsBefore = versions();
        out.println("Replaying " + total + " events; commands on every node wait until the rebuilt views are committed.");
        long started = System.nanoTime();
        long replayed = replay.replayAll(count -> out.printf("  %d / %d events (%d%%)%n", count, total,
                total == 0 ? 100 : count * 100 / total));
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        out.printf("Replayed %d events in %.1f s (%.0f events/s); %d new agent config versions rendered.%n",
                replayed, seconds, replayed / seconds, versions() - versionsBefore);
        return 0;
    }

    private long versions() {
        return jdbc.sql("select count(*) from agent_config_version").query(Long.class).single();
    }
}
