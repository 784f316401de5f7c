package dev.mosaic.query.rendering;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.common.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the inputs of rendering from the settings views ({@code agent_view}, {@code provider_view}) in bulk,
 * decrypting each secret once per batch.
 */
@Component
class RenderSources {
    private static final TypeReference<List<ModelRef>> REFS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<ProviderModel>> MODELS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final SecretCipher cipher;

    RenderSources(JdbcClient jdbc, JsonColumns json, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    /** What rendering needs of an agent, and what serving it needs besides. */
    record AgentRow(AgentInput input, String tokenHash, boolean active) {
    }

    /** The agents that still exist among these ids. */
    List<AgentRow> agents(Collection<String> agentIds) {
        return jdbc.sql("select * from agent_view where agent_id = any(?)").param(agentIds.toArray(String[]::new))
                .query((rs, n) -> {
                    String agentId = rs.getString("agent_id");
                    return new AgentRow(new AgentInput(agentId, rs.getString("name"), rs.getString("gateway_url"),
                            cipher.decrypt(new SecretRef(rs.getString("token")), SecretOwner.agentToken(agentId)),
                            rs.getString("provider_id"), rs.getString("primary_model"),
                            json.read(rs.getString("fallbacks"), REFS), json.read(rs.getString("tool_permissions"), STRINGS),
                            rs.getString("personality")), rs.getString("token_hash"), rs.getBoolean("active"));
                }).list();
    }

    /** Providers by id, each API key decrypted once. */
    Map<String, ProviderInput> providers(Collection<String> providerIds) {
        Map<String, ProviderInput> providers = new HashMap<>();
        jdbc.sql("select * from provider_view where provider_id = any(?)").param(providerIds.toArray(String[]::new))
                .query(rs -> {
                    String providerId = rs.getString("provider_id");
                    String key = rs.getString("api_key");
                    providers.put(providerId, new ProviderInput(providerId, rs.getString("name"), rs.getString("type"),
                            rs.getString("base_url"), rs.getString("api_type"),
                            key == null ? null : cipher.decrypt(new SecretRef(key), SecretOwner.providerApiKey(providerId)),
                            json.read(rs.getString("models"), MODELS)));
                });
        return providers;
    }

    /** Agents whose primary model or any fallback comes from this provider. */
    List<String> agentsUsing(String providerId) {
        return jdbc.sql("select agent_id from agent_view where provider_id = ? or fallbacks @> ?::jsonb")
                .params(providerId, json.write(List.of(Map.of("providerId", providerId))))
                .query(String.class).list();
    }
}
