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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders each agent touched by a transaction once, just before it commits (so a command that emits
 * several events yields one new version), and after the commit refreshes the in-memory store and tells
 * the change stream. The version moves only when the document or SOUL.md changed.
 */
@Component
class ConfigRenderer {
    private final JdbcClient jdbc;
    private final ConfigSources sources;
    private final SecretCipher cipher;
    private final AgentConfigStore store;
    private final ConfigChangeStream stream;

    ConfigRenderer(JdbcClient jdbc, ConfigSources sources, SecretCipher cipher, AgentConfigStore store,
                   ConfigChangeStream stream) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.cipher = cipher;
        this.store = store;
        this.stream = stream;
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

        @Override
        public void beforeCommit(boolean readOnly) {
            Map<String, Optional<ProviderSource>> providers = new HashMap<>();
            for (String agentId : agentIds) {
                sources.agent(agentId).ifPresent(agent -> render(agent,
                        id -> providers.computeIfAbsent(id, sources::provider).orElse(null)));
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ConfigRenderer.this);
            if (status != STATUS_COMMITTED) {
                return;
            }
            for (String agentId : agentIds) {
                AgentConfigStore.Change change = store.refresh(agentId);
                if (change.credentialsRevoked()) {
                    stream.disconnect(change.before().name());
                }
                if (change.versionMoved() && change.after().active()) {
                    stream.publish(change.after());
                }
            }
        }
    }

    private void render(AgentSource agent, java.util.function.Function<String, ProviderSource> providers) {
        OpenClawConfig.Rendered rendered = OpenClawConfig.render(agent, providers, cipher);
        String soul = agent.personality() == null ? "" : agent.personality();
        String state = OpenClawConfig.sha256((rendered.etag() + "\n" + soul).getBytes(StandardCharsets.UTF_8));
        String document = cipher.encrypt(new String(rendered.bytes(), StandardCharsets.UTF_8),
                SecretOwner.agentConfig(agent.agentId())).ciphertext();
        int updated = jdbc.sql("""
                        update agent_config set version = version + 1, etag = ?, state_hash = ?, document = ?, name = ?
                        where agent_id = ? and state_hash <> ?""")
                .params(rendered.etag(), state, document, agent.name(), agent.agentId(), state).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into agent_config (agent_id, name, version, etag, state_hash, document)
                            values (?, ?, 1, ?, ?, ?) on conflict (agent_id) do nothing""")
                    .params(agent.agentId(), agent.name(), rendered.etag(), state, document).update();
        }
    }
}
