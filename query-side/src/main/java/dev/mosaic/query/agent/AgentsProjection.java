package dev.mosaic.query.agent;

import dev.mosaic.events.agent.AgentEvent;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Agents;
import dev.mosaic.query.common.JsonColumns;
import dev.mosaic.query.fleet.AgentReducer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The agents view ({@code agent_view}): each agent as {@link AgentReducer} leaves it, its token kept as the
 * ciphertext (for rendering only) and its hash (to find the agent a bearer token belongs to).
 */
@Component
@ProcessingGroup("agents-view")
public class AgentsProjection implements Agents {
    private static final String UPSERT = """
            insert into agent_view (agent_id, name, token_hash, state) values (?, ?, ?, ?::jsonb)
            on conflict (agent_id) do update set name = excluded.name, token_hash = excluded.token_hash,
                                                 state = excluded.state""";
    private static final int BATCH = 1000;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonColumns json;

    AgentsProjection(JdbcClient jdbc, JdbcTemplate batch, JsonColumns json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    @EventHandler
    void on(AgentEvent event, @SequenceNumber long version) {
        Agent agent = AgentReducer.apply(byId(event.agentId()).orElse(null), event, version);
        if (agent == null) {
            jdbc.sql("delete from agent_view where agent_id = ?").param(event.agentId()).update();
        } else {
            jdbc.sql(UPSERT).params(row(agent)).update();
        }
    }

    /** Writes many agents at once (a replay, after the reset): the rows the handler leaves for each. */
    public void writeAll(List<Agent> agents) {
        for (int from = 0; from < agents.size(); from += BATCH) {
            batch.batchUpdate(UPSERT, agents.subList(from, Math.min(agents.size(), from + BATCH)).stream()
                    .map(this::row).toList());
        }
    }

    private Object[] row(Agent agent) {
        return new Object[]{agent.id(), agent.name(), agent.tokenHash(), json.write(agent)};
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from agent_view").update();
    }

    @Override
    public List<Agent> all() {
        return jdbc.sql("select state from agent_view order by name").query(String.class).list().stream()
                .map(this::agent).toList();
    }

    @Override
    public Optional<Agent> byName(String name) {
        return jdbc.sql("select state from agent_view where name = ?").param(name).query(String.class).optional()
                .map(this::agent);
    }

    private Optional<Agent> byId(String agentId) {
        return jdbc.sql("select state from agent_view where agent_id = ?").param(agentId).query(String.class)
                .optional().map(this::agent);
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from agent_view").query(Long.class).single();
    }

    private Agent agent(String state) {
        return json.read(state, Agent.class);
    }
}
