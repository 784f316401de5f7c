package dev.mosaic.query.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mosaic.events.agent.AgentActivated;
import dev.mosaic.events.agent.AgentDeactivated;
import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentPersonalityChanged;
import dev.mosaic.events.agent.AgentProfileChanged;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentRemoved;
import dev.mosaic.events.agent.AgentTokenRotated;
import dev.mosaic.events.agent.AgentToolPermissionsChanged;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.api.AgentView;
import dev.mosaic.query.api.Agents;
import dev.mosaic.query.common.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The agents view ({@code agent_view}); the token is kept as its ciphertext, for rendering only. */
@Component
@ProcessingGroup("agents-view")
public class AgentsProjection implements Agents {
    private static final TypeReference<List<ModelRef>> REFS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonColumns json;

    AgentsProjection(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(AgentRegistered e, @SequenceNumber long version) {
        jdbc.sql("""
                        insert into agent_view (agent_id, name, display_name, role, gateway_url, fallbacks,
                                                tool_permissions, active, token_hash, token, version)
                        values (?, ?, ?, ?, ?, '[]'::jsonb, '[]'::jsonb, true, ?, ?, ?)""")
                .params(e.agentId(), e.name(), e.displayName(), e.role(), e.gatewayUrl(), e.tokenHash(),
                        e.token().ciphertext(), version)
                .update();
    }

    @EventHandler
    void on(AgentProfileChanged e, @SequenceNumber long version) {
        jdbc.sql("update agent_view set display_name = ?, role = ?, gateway_url = ?, version = ? where agent_id = ?")
                .params(e.displayName(), e.role(), e.gatewayUrl(), version, e.agentId()).update();
    }

    @EventHandler
    void on(AgentModelAssigned e, @SequenceNumber long version) {
        jdbc.sql("update agent_view set provider_id = ?, primary_model = ?, fallbacks = ?::jsonb, version = ? where agent_id = ?")
                .params(e.providerId(), e.primaryModel(), json.write(e.fallbacks()), version, e.agentId()).update();
    }

    @EventHandler
    void on(AgentPersonalityChanged e, @SequenceNumber long version) {
        jdbc.sql("update agent_view set personality = ?, version = ? where agent_id = ?")
                .params(e.personality(), version, e.agentId()).update();
    }

    @EventHandler
    void on(AgentToolPermissionsChanged e, @SequenceNumber long version) {
        jdbc.sql("update agent_view set tool_permissions = ?::jsonb, version = ? where agent_id = ?")
                .params(json.write(e.toolPermissions()), version, e.agentId()).update();
    }

    @EventHandler
    void on(AgentTokenRotated e, @SequenceNumber long version) {
        jdbc.sql("update agent_view set token_hash = ?, token = ?, version = ? where agent_id = ?")
                .params(e.tokenHash(), e.token().ciphertext(), version, e.agentId()).update();
    }

    @EventHandler
    void on(AgentDeactivated e, @SequenceNumber long version) {
        setActive(e.agentId(), false, version);
    }

    @EventHandler
    void on(AgentActivated e, @SequenceNumber long version) {
        setActive(e.agentId(), true, version);
    }

    @EventHandler
    void on(AgentRemoved e) {
        jdbc.sql("delete from agent_view where agent_id = ?").param(e.agentId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from agent_view").update();
    }

    public List<AgentView> all() {
        return jdbc.sql("select * from agent_view order by name").query(this::map).list();
    }

    public Optional<AgentView> byName(String name) {
        return jdbc.sql("select * from agent_view where name = ?").param(name).query(this::map).optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from agent_view").query(Long.class).single();
    }

    private void setActive(String agentId, boolean active, long version) {
        jdbc.sql("update agent_view set active = ?, version = ? where agent_id = ?")
                .params(active, version, agentId).update();
    }

    private AgentView map(ResultSet rs, int row) throws SQLException {
        return new AgentView(rs.getString("agent_id"), rs.getString("name"), rs.getString("display_name"),
                rs.getString("role"), rs.getString("gateway_url"), rs.getString("provider_id"),
                rs.getString("primary_model"), json.read(rs.getString("fallbacks"), REFS),
                rs.getString("personality"), json.read(rs.getString("tool_permissions"), STRINGS),
                rs.getBoolean("active"), rs.getLong("version"));
    }
}
