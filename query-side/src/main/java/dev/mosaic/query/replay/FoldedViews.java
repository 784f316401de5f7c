package dev.mosaic.query.replay;

import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.common.JsonColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Writes the providers and agents views from a {@link FleetState} folded in memory, in JDBC batches: the rows
 * their live projections leave after the same events (the views were emptied by their reset handlers).
 */
@Component
class FoldedViews {
    private static final int BATCH = 1000;
    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    FoldedViews(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void write(FleetState state) {
        List<Object[]> providers = state.providers().stream().map(p -> new Object[]{p.id(), p.name(),
                p.displayName(), p.type(), p.baseUrl(), p.apiType(), p.apiKey() != null,
                p.apiKey() == null ? null : p.apiKey().ciphertext(), json.write(p.models()), p.active(),
                p.version()}).toList();
        batches("""
                insert into provider_view (provider_id, name, display_name, type, base_url, api_type, api_key_set,
                                           api_key, models, active, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""", providers);
        List<Object[]> agents = state.agents().stream().map(a -> new Object[]{a.id(), a.name(), a.displayName(),
                a.role(), a.gatewayUrl(), a.providerId(), a.primaryModel(), json.write(a.fallbacks()),
                a.personality(), json.write(a.toolPermissions()), a.active(), a.tokenHash(),
                a.token().ciphertext(), a.version()}).toList();
        batches("""
                insert into agent_view (agent_id, name, display_name, role, gateway_url, provider_id, primary_model,
                                        fallbacks, personality, tool_permissions, active, token_hash, token, version)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?)""", agents);
    }

    private void batches(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }
}
