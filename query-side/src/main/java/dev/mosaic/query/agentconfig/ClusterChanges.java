package dev.mosaic.query.agentconfig;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * Tells every Mosaic node which agents' configs changed. The projections run in the command's transaction on
 * the node that handled the command, so the other nodes learn of it here: the renderer sends a PostgreSQL
 * {@code NOTIFY} inside that transaction (delivered only if it commits), and each node {@code LISTEN}s on a
 * connection of its own, re-reads those agents and tells its own subscribers. On the node that made the change
 * the re-read finds nothing new, so nobody hears of a version twice.
 */
@Component
class ClusterChanges {
    static final String CHANNEL = "mosaic_agent_config";
    private static final Logger log = LoggerFactory.getLogger(ClusterChanges.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AgentConfigStore store;
    private final ConfigChangeStream stream;
    private volatile boolean running = true;
    private Thread listener;

    ClusterChanges(JdbcClient jdbc, DataSource dataSource, AgentConfigStore store, ConfigChangeStream stream) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.store = store;
        this.stream = stream;
    }

    /** Inside the committing transaction: the notifications leave only if it commits. */
    void announce(Collection<String> agentIds) {
        for (String agentId : agentIds) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, agentId).query().rowSet();
        }
    }

    @PostConstruct
    void start() {
        listener = new Thread(this::listen, "agent-config-cluster");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            apply(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("agent config change listener lost its connection ({}); reconnecting", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void apply(String agentId) {
        AgentConfigStore.Change change = store.reload(agentId);
        if (change.credentialsRevoked()) {
            stream.disconnect(change.before().name());
        }
        if (change.versionMoved() && change.after().active()) {
            stream.publish(change.after());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
