package dev.mosaic.query.rendering;

import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.events.agent.AgentEvent;
import dev.mosaic.events.agent.AgentTokenRotated;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderDetailsChanged;
import dev.mosaic.events.provider.ProviderModelsChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In the command's transaction, notes each event that can change rendered configs as a {@code render_request}
 * row (one row per event, however many agents it touches: a write's cost stays flat in the fleet's size),
 * and wakes the {@link ConfigRenderer} once the transaction has committed. The rows are the durable list of
 * what is still to render: a process that dies between commit and render leaves them for the next renderer.
 */
@Component
@ProcessingGroup("render-requests")
class RenderRequests {
    private final JdbcClient jdbc;
    private final ConfigRenderer renderer;

    RenderRequests(JdbcClient jdbc, ConfigRenderer renderer) {
        this.jdbc = jdbc;
        this.renderer = renderer;
    }

    /** Every agent event may change the agent's document, SOUL.md, token or whether it is served at all. */
    @EventHandler
    void on(AgentEvent e, EventMessage<?> message) {
        request(message, e.agentId(), null);
    }

    @EventHandler
    void on(ProviderDetailsChanged e, EventMessage<?> message) {
        request(message, null, e.providerId());
    }

    @EventHandler
    void on(ProviderApiKeyRotated e, EventMessage<?> message) {
        request(message, null, e.providerId());
    }

    @EventHandler
    void on(ProviderModelsChanged e, EventMessage<?> message) {
        request(message, null, e.providerId());
    }

    private void request(EventMessage<?> message, String agentId, String providerId) {
        // a rollout's rollback and a rotated token are served at once, never held back by the rollout policy: the
        // old token must stop opening the agent's gateway now, not when a wave reaches it
        boolean release = message.getMetaData().containsKey(AuditMetadata.ROLLOUT)
                || message.getPayload() instanceof AgentTokenRotated;
        Object rolloutId = message.getMetaData().get(AuditMetadata.STARTS_ROLLOUT);
        jdbc.sql("insert into render_request (seq, agent_id, provider_id, release, rollout_id) values (?, ?, ?, ?, ?)")
                .params(globalIndex(message), agentId, providerId, release,
                        rolloutId == null ? null : rolloutId.toString()).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(this)) {
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    renderer.wake();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RenderRequests.this);
                }
            });
        }
    }

    private long globalIndex(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked
                && tracked.trackingToken() instanceof GlobalSequenceTrackingToken token) {
            return token.getGlobalIndex();
        }
        return jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                .param(message.getIdentifier()).query(Long.class).single();
    }
}
