package dev.mosaic.query.replay;

import dev.mosaic.query.agent.AgentsProjection;
import dev.mosaic.query.api.Replay;
import dev.mosaic.query.audit.AuditProjection;
import dev.mosaic.query.breakglass.BreakglassCredentialsProjection;
import dev.mosaic.query.eventstore.StoredEvents;
import dev.mosaic.query.fleet.Fleet;
import dev.mosaic.query.installation.InstallationProjection;
import dev.mosaic.query.provider.ProvidersProjection;
import dev.mosaic.query.rendering.ConfigRenderer;
import dev.mosaic.query.token.ApiTokensProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Rebuilds every query-side view from the event store in one transaction: readers keep seeing the old
 * views until the rebuilt ones commit. Then renders every agent again in the same transaction: the version
 * history is kept, and an agent whose rendered bytes equal its newest version keeps that version.
 * While it runs, commands wait (an advisory lock they share and the replay holds alone), so nothing
 * committed meanwhile is lost between the events read and the views written.
 * <p>
 * For speed the events are read in pages straight from the store; the providers and agents views are folded in
 * memory ({@link Fleet}, with the reducers the projections use) and written once; the audit trail is loaded with COPY
 * into a fresh table that replaces the old one at the end; the
 * rare breakglass, installation and API token events go through their live handlers.
 */
@Component
class ProjectionReplay implements Replay {
    private static final Logger log = LoggerFactory.getLogger(ProjectionReplay.class);
    static final long PROGRESS_EVERY = 10_000;
    private static final int AUDIT_BATCH = 1000;
    private final StoredEvents events;
    private final ProvidersProjection providers;
    private final AgentsProjection agents;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final List<Object> resets;
    private final List<Object> handled;
    private final AuditProjection audit;
    private final ConfigRenderer renderer;

    ProjectionReplay(StoredEvents events, TransactionTemplate transaction, JdbcClient jdbc,
                     ProvidersProjection providers, AgentsProjection agents, BreakglassCredentialsProjection breakglass,
                     InstallationProjection installation, AuditProjection audit, ConfigRenderer renderer,
                     ApiTokensProjection tokens) {
        this.events = events;
        this.providers = providers;
        this.agents = agents;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.renderer = renderer;
        this.resets = List.of(providers, agents, breakglass, installation, tokens);
        this.handled = List.of(breakglass, installation, tokens);
    }

    /** Tells {@code progress} the count every {@value #PROGRESS_EVERY} events. */
    @Override
    public long replayAll(LongConsumer progress) {
        return transaction.execute(status -> {
            long started = System.nanoTime();
            ReplayLock.takeExclusive(jdbc);
            resets.stream().map(AnnotationEventHandlerAdapter::new).forEach(AnnotationEventHandlerAdapter::prepareReset);
            List<AnnotationEventHandlerAdapter> adapters = handled.stream().map(AnnotationEventHandlerAdapter::new).toList();
            Fleet fleet = new Fleet();
            AuditProjection.Batch auditRows = audit.rebuild(AUDIT_BATCH);
            long[] count = {0};
            events.readAll(stored -> {
                if (++count[0] % PROGRESS_EVERY == 0) {
                    progress.accept(count[0]);
                }
                fleet.apply(stored.payload(), stored.version());
                TrackedEventMessage<?> event = stored.message();
                for (AnnotationEventHandlerAdapter adapter : adapters) {
                    if (adapter.canHandle(event)) {
                        handle(adapter, event);
                    }
                }
                auditRows.on(stored.payload(), event, stored.seq());
            });
            long folded = System.nanoTime();
            auditRows.finish();
            long audited = System.nanoTime();
            providers.writeAll(fleet.providers());
            agents.writeAll(fleet.agents());
            long viewsWritten = System.nanoTime();
            renderer.requestAll(events.head());
            renderer.renderPending();
            log.info("replayed {} events: read and folded in {} ms, audit trail finished in {} ms, views written in {} ms,"
                            + " configs rendered in {} ms", count[0], millis(started, folded), millis(folded, audited),
                    millis(audited, viewsWritten), millis(viewsWritten, System.nanoTime()));
            return count[0];
        });
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void handle(AnnotationEventHandlerAdapter adapter, TrackedEventMessage<?> event) {
        try {
            adapter.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("replay failed at event " + event.getIdentifier(), e);
        }
    }

    @Override
    public void holdOffReplayInThisTransaction() {
        ReplayLock.takeShared(jdbc);
    }
}
