package dev.mosaic.query.agentconfig;

import dev.mosaic.events.agent.AgentActivated;
import dev.mosaic.events.agent.AgentDeactivated;
import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentPersonalityChanged;
import dev.mosaic.events.agent.AgentProfileChanged;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentRemoved;
import dev.mosaic.events.agent.AgentTokenRotated;
import dev.mosaic.events.agent.AgentToolPermissionsChanged;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderDetailsChanged;
import dev.mosaic.events.provider.ProviderModelsChanged;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.provider.ProviderRemoved;
import dev.mosaic.query.common.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps what each agent's config is rendered from and marks the agents an event affects; the
 * {@link ConfigRenderer} renders each marked agent once when the transaction commits.
 */
@Component
@ProcessingGroup("agent-config")
public class AgentConfigProjection {
    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final ConfigSources sources;
    private final ConfigRenderer renderer;

    AgentConfigProjection(JdbcClient jdbc, JsonColumns json, ConfigSources sources, ConfigRenderer renderer) {
        this.jdbc = jdbc;
        this.json = json;
        this.sources = sources;
        this.renderer = renderer;
    }

    @EventHandler
    void on(ProviderRegistered e) {
        jdbc.sql("""
                        insert into config_provider (provider_id, name, type, base_url, api_type, api_key, models, active)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, true)""")
                .params(e.providerId(), e.name(), e.type(), e.baseUrl(), e.apiType(),
                        e.apiKey() == null ? null : e.apiKey().ciphertext(), json.write(e.models()))
                .update();
    }

    @EventHandler
    void on(ProviderDetailsChanged e) {
        jdbc.sql("update config_provider set type = ?, base_url = ?, api_type = ? where provider_id = ?")
                .params(e.type(), e.baseUrl(), e.apiType(), e.providerId()).update();
        renderer.renderAtCommit(sources.agentsUsing(e.providerId()));
    }

    @EventHandler
    void on(ProviderApiKeyRotated e) {
        jdbc.sql("update config_provider set api_key = ? where provider_id = ?")
                .params(e.apiKey() == null ? null : e.apiKey().ciphertext(), e.providerId()).update();
        renderer.renderAtCommit(sources.agentsUsing(e.providerId()));
    }

    @EventHandler
    void on(ProviderModelsChanged e) {
        jdbc.sql("update config_provider set models = ?::jsonb where provider_id = ?")
                .params(json.write(e.models()), e.providerId()).update();
        renderer.renderAtCommit(sources.agentsUsing(e.providerId()));
    }

    @EventHandler
    void on(ProviderRemoved e) {
        jdbc.sql("delete from config_provider where provider_id = ?").param(e.providerId()).update();
    }

    @EventHandler
    void on(AgentRegistered e) {
        jdbc.sql("""
                        insert into config_agent (agent_id, name, gateway_url, fallbacks, tool_permissions, token,
                                                  token_hash, active)
                        values (?, ?, ?, '[]'::jsonb, '[]'::jsonb, ?, ?, true)""")
                .params(e.agentId(), e.name(), e.gatewayUrl(), e.token().ciphertext(), e.tokenHash()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    @EventHandler
    void on(AgentProfileChanged e) {
        jdbc.sql("update config_agent set gateway_url = ? where agent_id = ?").params(e.gatewayUrl(), e.agentId()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    @EventHandler
    void on(AgentModelAssigned e) {
        jdbc.sql("update config_agent set provider_id = ?, primary_model = ?, fallbacks = ?::jsonb where agent_id = ?")
                .params(e.providerId(), e.primaryModel(), json.write(e.fallbacks()), e.agentId()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    @EventHandler
    void on(AgentPersonalityChanged e) {
        jdbc.sql("update config_agent set personality = ? where agent_id = ?").params(e.personality(), e.agentId()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    @EventHandler
    void on(AgentToolPermissionsChanged e) {
        jdbc.sql("update config_agent set tool_permissions = ?::jsonb where agent_id = ?")
                .params(json.write(e.toolPermissions()), e.agentId()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    @EventHandler
    void on(AgentTokenRotated e) {
        jdbc.sql("update config_agent set token = ?, token_hash = ? where agent_id = ?")
                .params(e.token().ciphertext(), e.tokenHash(), e.agentId()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    @EventHandler
    void on(AgentDeactivated e) {
        jdbc.sql("update config_agent set active = false where agent_id = ?").param(e.agentId()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    @EventHandler
    void on(AgentActivated e) {
        jdbc.sql("update config_agent set active = true where agent_id = ?").param(e.agentId()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    @EventHandler
    void on(AgentRemoved e) {
        jdbc.sql("delete from agent_config where agent_id = ?").param(e.agentId()).update();
        jdbc.sql("delete from config_agent where agent_id = ?").param(e.agentId()).update();
        renderer.renderAtCommit(List.of(e.agentId()));
    }

    /** Rendered documents and their versions are kept, so a replay never moves a version backwards. */
    @ResetHandler
    void reset() {
        jdbc.sql("delete from config_agent").update();
        jdbc.sql("delete from config_provider").update();
    }
}
