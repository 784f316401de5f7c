package dev.mosaic.query.agentconfig;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.query.agentconfig.ConfigSources.AgentSource;
import dev.mosaic.query.agentconfig.ConfigSources.ProviderSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders each agent touched by a transaction once, just before it commits (so a command that emits
 * several events yields one new version, and a provider change re-renders all its agents in one batch),
 * and after the commit hands the results to the in-memory store and the change stream. The version moves
 * only when the document or SOUL.md changed.
 */
@Component
class ConfigRenderer {
    private final JdbcClient jdbc;
    private final ConfigSources sources;
    private final SecretCipher cipher;
    private final AgentConfigStore store;
    private final ConfigChangeStream stream;
    private final ClusterChanges otherNodes;

    ConfigRenderer(JdbcClient jdbc, ConfigSources sources, SecretCipher cipher, AgentConfigStore store,
                   ConfigChangeStream stream, ClusterChanges otherNodes) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.cipher = cipher;
        this.store = store;
        this.stream = stream;
        this.otherNodes = otherNodes;
    }

    void renderAtCommit(Collection<String> agentIds) {
        if (agentIds.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("agent configs are rendered only inside a transaction");
        }
        Touched touched = (Touched) TransactionSynchronizationManager.getResource(this);
        if (touched == null) {
            touched = new Touched();
            TransactionSynchronizationManager.bindResource(this, touched);
            TransactionSynchronizationManager.registerSynchronization(touched);
        }
        touched.agentIds.addAll(agentIds);
    }

    private final class Touched implements TransactionSynchronization {
        final Set<String> agentIds = new LinkedHashSet<>();
        /** Agent id → what it is served after the commit; null when it no longer exists. */
        final Map<String, AgentConfig> results = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            agentIds.forEach(id -> results.put(id, null));
            Map<String, Stored> stored = stored(agentIds);
            Map<String, Optional<ProviderSource>> providers = new HashMap<>();
            for (AgentSource agent : sources.agents(agentIds)) {
                results.put(agent.agentId(), render(agent, stored.get(agent.agentId()),
                        id -> providers.computeIfAbsent(id, sources::provider).orElse(null)));
            }
            otherNodes.announce(agentIds);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ConfigRenderer.this);
            if (status != STATUS_COMMITTED) {
                return;
            }
            results.forEach((agentId, config) -> {
                AgentConfigStore.Change change = store.replace(agentId, config);
                if (change.credentialsRevoked()) {
                    stream.disconnect(change.before().name());
                }
                if (change.versionMoved() && change.after().active()) {
                    stream.publish(change.after());
                }
            });
        }
    }

    private record Stored(long version, String stateHash) {
    }

    private Map<String, Stored> stored(Collection<String> agentIds) {
        Map<String, Stored> stored = new HashMap<>();
        jdbc.sql("select agent_id, version, state_hash from agent_config where agent_id = any(?)")
                .param(agentIds.toArray(String[]::new))
                .query(rs -> {
                    stored.put(rs.getString(1), new Stored(rs.getLong(2), rs.getString(3)));
                });
        return stored;
    }

    private AgentConfig render(AgentSource agent, Stored stored, java.util.function.Function<String, ProviderSource> providers) {
        OpenClawConfig.Rendered rendered = OpenClawConfig.render(agent, providers, cipher);
        String soul = agent.personality() == null ? "" : agent.personality();
        String state = OpenClawConfig.sha256((rendered.etag() + "\n" + soul).getBytes(StandardCharsets.UTF_8));
        long version = stored == null ? 1 : stored.stateHash().equals(state) ? stored.version() : stored.version() + 1;
        if (stored == null || version != stored.version()) {
            String document = cipher.encrypt(new String(rendered.bytes(), StandardCharsets.UTF_8),
                    SecretOwner.agentConfig(agent.agentId())).ciphertext();
            jdbc.sql("""
                            insert into agent_config (agent_id, name, version, etag, state_hash, document)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (agent_id) do update set name = excluded.name, version = excluded.version,
                                etag = excluded.etag, state_hash = excluded.state_hash, document = excluded.document""")
                    .params(agent.agentId(), agent.name(), version, rendered.etag(), state, document).update();
        }
        return new AgentConfig(agent.agentId(), agent.name(), version, rendered.etag(), rendered.bytes(),
                agent.personality(), agent.tokenHash(), agent.active(), agent.gatewayUrl(),
                cipher.decrypt(agent.token(), SecretOwner.agentToken(agent.agentId())));
    }
}
