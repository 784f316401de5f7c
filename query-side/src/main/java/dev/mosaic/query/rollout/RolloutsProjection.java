package dev.mosaic.query.rollout;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mosaic.events.rollout.RolloutEvent;
import dev.mosaic.events.rollout.RolloutWaveStarted;
import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.query.api.Items;
import dev.mosaic.query.api.RolloutView;
import dev.mosaic.query.api.Rollouts;
import dev.mosaic.query.common.JsonColumns;
import dev.mosaic.query.fleet.RolloutReducer;
import dev.mosaic.query.rendering.RenderedNotice;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollouts view ({@code rollout_view}, each rollout as {@link RolloutReducer} leaves it) and the serving a
 * wave's start means: its agents' served version moves to the change's in the same transaction, and every node
 * is told to re-read them. Also the changes the renderer held back ({@code rollout_request}).
 */
@Component
@ProcessingGroup("rollouts-view")
class RolloutsProjection implements Rollouts {
    /** Notices of served versions moved by a rollout name this instead of a node, so every node re-reads them. */
    static final String NODE = "rollout";
    private static final TypeReference<List<HeldAgent>> HELD = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonColumns json;

    RolloutsProjection(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(RolloutEvent event, EventMessage<?> message, @Timestamp Instant at) {
        Map<String, RolloutView> pending = pending();
        RolloutView before = pending.containsKey(event.rolloutId()) ? pending.get(event.rolloutId())
                : byId(event.rolloutId()).orElse(null);
        RolloutView rollout = RolloutReducer.apply(before, event, at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        if (rollout == null) {
            return;
        }
        if (pending == NO_TRANSACTION) {
            write(rollout);
        } else {
            pending.put(rollout.id(), rollout);
        }
        if (event instanceof RolloutWaveStarted e) {
            serveNow(rollout.waves().get(e.wave()).agents().stream()
                    .map(a -> new HeldAgent(a.agentId(), a.name(), a.fromVersion(), a.toVersion())).toList());
        }
    }

    private static final Map<String, RolloutView> NO_TRANSACTION = Map.of();

    /**
     * The rollouts changed in this transaction, written once before it commits: a check of a thousand agents is a
     * thousand events, and the rollout is one (large) row.
     */
    private Map<String, RolloutView> pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return NO_TRANSACTION;
        }
        @SuppressWarnings("unchecked")
        Map<String, RolloutView> pending = (Map<String, RolloutView>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Map<String, RolloutView> created = new java.util.LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    created.values().forEach(RolloutsProjection.this::write);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RolloutsProjection.this);
                }
            });
            pending = created;
        }
        return pending;
    }

    private void write(RolloutView rollout) {
        jdbc.sql("""
                        insert into rollout_view (rollout_id, position, active, state) values (?, ?, ?, ?::jsonb)
                        on conflict (rollout_id) do update set active = excluded.active, state = excluded.state""")
                .params(rollout.id(), rollout.cause().seq(), rollout.isActive(), json.write(rollout)).update();
    }

    @Override
    public void serveNow(List<HeldAgent> agents) {
        if (agents.isEmpty()) {
            return;
        }
        List<Object[]> rows = agents.stream().map(a -> new Object[]{a.agentId(), a.toVersion()}).toList();
        for (Object[] row : rows) {
            jdbc.sql("""
                            insert into agent_served (agent_id, version) select ?, ?
                            where exists (select 1 from agent_view where agent_id = ?)
                            on conflict (agent_id) do update set version = excluded.version""")
                    .params(row[0], row[1], row[0]).update();
        }
        record State(long batch, long lastSeq) {
        }
        State state = jdbc.sql("update render_state set batch = batch + 1 where id = 1 returning batch, last_seq")
                .query((rs, n) -> new State(rs.getLong(1), rs.getLong(2))).single();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        agents.forEach(a -> ids.add(a.agentId()));
        jdbc.sql("select pg_notify(?, ?)").params(RenderedNotice.CHANNEL,
                new RenderedNotice(state.batch(), state.lastSeq(), NODE, ids).encode()).query().rowSet();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from rollout_view").update();
    }

    @Override
    public Optional<RolloutView> byId(String id) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(this) instanceof Map<?, ?> pending
                && pending.get(id) instanceof RolloutView changed) {
            return Optional.of(changed);
        }
        return jdbc.sql("select state from rollout_view where rollout_id = ?").param(id).query(String.class).optional()
                .map(this::rollout);
    }

    @Override
    public Optional<RolloutView> active() {
        return jdbc.sql("select state from rollout_view where active order by position limit 1").query(String.class)
                .optional().map(this::rollout);
    }

    @Override
    public Items<RolloutView> page(int limit, String cursor) {
        long before = cursor == null || cursor.isBlank() ? Long.MAX_VALUE : position(cursor);
        List<RolloutView> items = new ArrayList<>(jdbc.sql("""
                        select state from rollout_view where position < ? order by position desc limit ?""")
                .params(before, limit + 1).query(String.class).list().stream().map(this::rollout).toList());
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = Long.toString(items.get(limit - 1).cause().seq());
        }
        return new Items<>(items, next);
    }

    private static long position(String cursor) {
        try {
            return Long.parseLong(cursor.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryParameterException("cursor", "must be a cursor from a previous page");
        }
    }

    @Override
    public Optional<HeldChange> nextHeldChange() {
        return jdbc.sql("select id, first_seq, last_seq, rollout_id, agents from rollout_request order by id limit 1")
                .query((rs, n) -> new HeldChange(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        json.read(rs.getString(5), HELD))).optional();
    }

    @Override
    public void forgetHeldChange(long id) {
        jdbc.sql("delete from rollout_request where id = ?").param(id).update();
    }

    @Override
    public Map<String, AppliedReport> reports(Collection<String> agentIds) {
        Map<String, AppliedReport> reports = new HashMap<>();
        // a refused version stays beside the last good one until the agent runs it or a later one (V12)
        jdbc.sql("select agent_id, applied_version, failed_version, failed_error from agent_applied where agent_id = any(?)")
                .param(agentIds.toArray(String[]::new))
                .query(rs -> {
                    Long failed = rs.getObject(3, Long.class);
                    reports.put(rs.getString(1), failed != null ? new AppliedReport(failed, true, rs.getString(4))
                            : new AppliedReport(rs.getLong(2), false, null));
                });
        return reports;
    }

    @Override
    public Optional<Long> targetVersion(String agentId) {
        return jdbc.sql("select max(version) from agent_config_version where agent_id = ?").param(agentId)
                .query(Long.class).optional();
    }

    @Override
    public Optional<RolloutView.Cause> auditEntry(long seq) {
        return jdbc.sql("select seq, summary, actor_name from audit_entry where seq <= ? order by seq desc limit 1")
                .param(seq).query((rs, n) -> new RolloutView.Cause(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    @Override
    public Map<String, Long> finishedByOutcome() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select state->>'state', count(*) from rollout_view where not active group by 1")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private RolloutView rollout(String state) {
        return json.read(state, RolloutView.class);
    }
}
