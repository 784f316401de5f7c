package dev.mosaic.query.agentconfig;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import dev.mosaic.query.api.RenderedElsewhere;
import dev.mosaic.query.rendering.RenderNode;
import dev.mosaic.query.rendering.RenderedBatch;
import dev.mosaic.query.rendering.RenderedNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps this node's served configs current: the node that renders a batch serves it as rendered once it commits,
 * and sends a PostgreSQL {@code NOTIFY} in the batch's transaction (delivered only if it commits) naming the agents
 * it touched; every other node {@code LISTEN}s on a connection of its own, re-reads those agents and tells its own
 * subscribers. After (re)connecting it re-reads every agent, in case it missed a notification.
 */
@Component
class ServedConfigSync implements RenderedBatch.Listener, RenderedElsewhere {
    private static final Logger log = LoggerFactory.getLogger(ServedConfigSync.class);

    private final DataSource dataSource;
    private final RenderNode node;
    private final AgentConfigStore store;
    private final ConfigChangeStream stream;
    private volatile boolean running = true;
    private Thread listener;

    ServedConfigSync(DataSource dataSource, AgentConfigStore store, ConfigChangeStream stream, RenderNode node) {
        this.node = node;
        this.dataSource = dataSource;
        this.store = store;
        this.stream = stream;
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
                    statement.execute("LISTEN " + RenderedNotice.CHANNEL);
                }
                publish(store.reloadAll());
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            apply(RenderedNotice.parse(notification.getParameter()));
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

    /** A batch this node rendered: served as rendered, without reading it back. */
    @Override
    public void rendered(RenderedBatch batch) {
        try {
            publish(store.apply(batch));
        } catch (RuntimeException e) {
            log.warn("serving a rendered batch failed ({}); re-reading every agent", e.toString());
            publish(store.reloadAll());
        }
    }

    @Override
    public boolean serveIfRenderedElsewhere(String token) {
        java.util.List<AgentConfigStore.Change> changes = store.reloadFor(token);
        publish(changes);
        return !changes.isEmpty();
    }

    private void apply(RenderedNotice notice) {
        if (!notice.node().equals(node.id())) {
            publish(store.reload(notice.agentIds(), notice.lastSeq(), notice.batch()));
        }
    }

    private void publish(java.util.List<AgentConfigStore.Change> changes) {
        for (AgentConfigStore.Change change : changes) {
            if (change.credentialsRevoked()) {
                stream.disconnect(change.before().name());
            }
            if (change.versionMoved() && change.after().active()) {
                stream.publish(change.after());
            }
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
