package dev.mosaic.query.rendering;

import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.common.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the inputs of rendering from the settings views ({@code agent_view}, {@code provider_view}) in bulk. */
@Component
class RenderSources {
    private final JdbcClient jdbc;
    private final JsonColumns json;

    RenderSources(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The agents that still exist among these ids (a large batch parsed on every core). */
    List<Agent> agents(Collection<String> agentIds) {
        List<String> states = jdbc.sql("select state from agent_view where agent_id = any(?)")
                .param(agentIds.toArray(String[]::new)).query(String.class).list();
        return (states.size() > 100 ? states.parallelStream() : states.stream())
                .map(state -> json.read(state, Agent.class)).toList();
    }

    /** Providers by id. */
    Map<String, Provider> providers(Collection<String> providerIds) {
        Map<String, Provider> providers = new HashMap<>();
        jdbc.sql("select state from provider_view where provider_id = any(?)").param(providerIds.toArray(String[]::new))
                .query(String.class).list().forEach(state -> {
                    Provider provider = json.read(state, Provider.class);
                    providers.put(provider.id(), provider);
                });
        return providers;
    }

    /** Agents whose primary model or any fallback comes from this provider. */
    List<String> agentsUsing(String providerId) {
        return jdbc.sql("""
                        select agent_id from agent_view
                        where state->>'providerId' = ? or state->'fallbacks' @> ?::jsonb""")
                .params(providerId, json.write(List.of(Map.of("providerId", providerId))))
                .query(String.class).list();
    }
}
