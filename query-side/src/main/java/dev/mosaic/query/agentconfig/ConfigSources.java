package dev.mosaic.query.agentconfig;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.common.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The inputs of rendering: agents and providers as the agent-config projection keeps them (secrets encrypted). */
@Component
class ConfigSources {
    private static final TypeReference<List<ModelRef>> REFS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<ProviderModel>> MODELS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonColumns json;

    ConfigSources(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record AgentSource(String agentId, String name, String gatewayUrl, String providerId, String primaryModel,
                       List<ModelRef> fallbacks, List<String> toolPermissions, String personality, SecretRef token,
                       String tokenHash, boolean active) {
    }

    record ProviderSource(String providerId, String name, String type, String baseUrl, String apiType,
                          SecretRef apiKey, List<ProviderModel> models) {
    }

    List<AgentSource> agents(java.util.Collection<String> agentIds) {
        return jdbc.sql("select * from config_agent where agent_id = any(?)").param(agentIds.toArray(String[]::new))
                .query((rs, n) -> new AgentSource(rs.getString("agent_id"), rs.getString("name"), rs.getString("gateway_url"),
                        rs.getString("provider_id"), rs.getString("primary_model"),
                        json.read(rs.getString("fallbacks"), REFS), json.read(rs.getString("tool_permissions"), STRINGS),
                        rs.getString("personality"), new SecretRef(rs.getString("token")), rs.getString("token_hash"),
                        rs.getBoolean("active"))).list();
    }

    Optional<ProviderSource> provider(String providerId) {
        return jdbc.sql("select * from config_provider where provider_id = ?").param(providerId).query((rs, n) -> {
            String key = rs.getString("api_key");
            return new ProviderSource(rs.getString("provider_id"), rs.getString("name"), rs.getString("type"),
                    rs.getString("base_url"), rs.getString("api_type"), key == null ? null : new SecretRef(key),
                    json.read(rs.getString("models"), MODELS));
        }).optional();
    }

    /** Agents whose primary model or any fallback comes from this provider. */
    List<String> agentsUsing(String providerId) {
        return jdbc.sql("select agent_id from config_agent where provider_id = ? or fallbacks @> ?::jsonb")
                .params(providerId, json.write(List.of(java.util.Map.of("providerId", providerId))))
                .query(String.class).list();
    }
}
