package dev.mosaic.command.lookup;

import dev.mosaic.command.api.BreakglassDirectory;
import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentRemoved;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.breakglass.BreakglassUserCreated;
import dev.mosaic.events.breakglass.BreakglassUserDeactivated;
import dev.mosaic.events.breakglass.BreakglassUserReactivated;
import dev.mosaic.events.provider.ProviderActivated;
import dev.mosaic.events.provider.ProviderDeactivated;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderModelsChanged;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.provider.ProviderRemoved;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command side's own small read model for cross-aggregate rules. It is updated by a subscribing
 * processor in the command's own transaction, so a rule check always sees every committed command.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class CommandLookups implements ProviderCatalog, ProviderUsage, BreakglassDirectory {
    public static final String PROCESSING_GROUP = "command-lookups";

    private final JdbcClient jdbc;

    CommandLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProviderRegistered event) {
        jdbc.sql("insert into lookup_provider (provider_id, active, model_ids) values (?, true, ?)")
                .params(event.providerId(), modelIds(event.models())).update();
    }

    @EventHandler
    void on(ProviderModelsChanged event) {
        jdbc.sql("update lookup_provider set model_ids = ? where provider_id = ?")
                .params(modelIds(event.models()), event.providerId()).update();
    }

    @EventHandler
    void on(ProviderDeactivated event) {
        setProviderActive(event.providerId(), false);
    }

    @EventHandler
    void on(ProviderActivated event) {
        setProviderActive(event.providerId(), true);
    }

    @EventHandler
    void on(ProviderRemoved event) {
        jdbc.sql("delete from lookup_provider where provider_id = ?").param(event.providerId()).update();
    }

    @EventHandler
    void on(AgentRegistered event) {
        jdbc.sql("insert into lookup_agent (agent_id, agent_name) values (?, ?)")
                .params(event.agentId(), event.name()).update();
    }

    @EventHandler
    void on(AgentModelAssigned event) {
        jdbc.sql("delete from lookup_agent_model where agent_id = ?").param(event.agentId()).update();
        insertModelUse(event.agentId(), event.providerId(), event.primaryModel());
        for (ModelRef fallback : event.fallbacks()) {
            insertModelUse(event.agentId(), fallback.providerId(), fallback.model());
        }
    }

    @EventHandler
    void on(AgentRemoved event) {
        jdbc.sql("delete from lookup_agent_model where agent_id = ?").param(event.agentId()).update();
        jdbc.sql("delete from lookup_agent where agent_id = ?").param(event.agentId()).update();
    }

    @EventHandler
    void on(BreakglassUserCreated event) {
        jdbc.sql("insert into lookup_breakglass (user_id, active) values (?, true)").param(event.userId()).update();
    }

    @EventHandler
    void on(BreakglassUserDeactivated event) {
        jdbc.sql("update lookup_breakglass set active = false where user_id = ?").param(event.userId()).update();
    }

    @EventHandler
    void on(BreakglassUserReactivated event) {
        jdbc.sql("update lookup_breakglass set active = true where user_id = ?").param(event.userId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate lookup_provider, lookup_agent, lookup_agent_model, lookup_breakglass").update();
    }

    @Override
    public Optional<ProviderFacts> find(String providerId) {
        return jdbc.sql("select provider_id, active, model_ids from lookup_provider where provider_id = ? for share")
                .param(providerId)
                .query((rs, n) -> new ProviderFacts(rs.getString(1), rs.getBoolean(2),
                        Set.of((String[]) rs.getArray(3).getArray())))
                .optional();
    }

    @Override
    public List<String> agentsUsing(String providerId) {
        lockProvider(providerId);
        return jdbc.sql("""
                        select distinct a.agent_name from lookup_agent_model m join lookup_agent a using (agent_id)
                        where m.provider_id = ? order by a.agent_name""")
                .param(providerId).query(String.class).list();
    }

    @Override
    public List<String> agentsUsingModels(String providerId, Collection<String> modelIds) {
        if (modelIds.isEmpty()) {
            return List.of();
        }
        lockProvider(providerId);
        return jdbc.sql("""
                        select distinct a.agent_name from lookup_agent_model m join lookup_agent a using (agent_id)
                        where m.provider_id = ? and m.model = any(?) order by a.agent_name""")
                .params(providerId, modelIds.toArray(String[]::new)).query(String.class).list();
    }

    @Override
    public boolean anyUser() {
        return jdbc.sql("select exists (select 1 from lookup_breakglass)").query(Boolean.class).single();
    }

    @Override
    public long activeUsers() {
        return jdbc.sql("select count(*) from lookup_breakglass where active").query(Long.class).single();
    }

    /** Serialises usage checks with agent assignments, which take a share lock on the same row. */
    private void lockProvider(String providerId) {
        jdbc.sql("select 1 from lookup_provider where provider_id = ? for update").param(providerId).query().rowSet();
    }

    private void setProviderActive(String providerId, boolean active) {
        jdbc.sql("update lookup_provider set active = ? where provider_id = ?").params(active, providerId).update();
    }

    private void insertModelUse(String agentId, String providerId, String model) {
        jdbc.sql("insert into lookup_agent_model (agent_id, provider_id, model) values (?, ?, ?) on conflict do nothing")
                .params(agentId, providerId, model).update();
    }

    private static String[] modelIds(List<ProviderModel> models) {
        return models.stream().map(ProviderModel::id).toArray(String[]::new);
    }
}
