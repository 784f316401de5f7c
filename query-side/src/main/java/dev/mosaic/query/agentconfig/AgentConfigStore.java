package dev.mosaic.query.agentconfig;

import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.common.JsonColumns;
import dev.mosaic.query.rendering.ConfigRenderer;
import dev.mosaic.query.rendering.RenderedBatch;
import jakarta.annotation.PostConstruct;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each agent's newest rendered config in memory, re-read whenever a render batch names the agent (see
 * {@link ServedConfigSync}), so that agents are served without a database round trip; also the token index that
 * authenticates agents. An agent not rendered yet is not served.
 */
@Component
class AgentConfigStore implements AgentConfigs {
    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonColumns json;
    private final Map<String, AgentConfig> byId = new ConcurrentHashMap<>();
    private final Map<String, AgentConfig> byName = new ConcurrentHashMap<>();
    private final Map<String, String> nameByTokenHash = new ConcurrentHashMap<>();
    private final Map<String, AgentConfigs.Applied> applied = new ConcurrentHashMap<>();
    private volatile long servedThroughSeq;
    /** Per agent, the render batch its served config came from: an older batch heard late never overwrites it. */
    private final Map<String, Long> batchOf = new HashMap<>();

    AgentConfigStore(JdbcClient jdbc, SecretCipher cipher, JsonColumns json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    @PostConstruct
    void load() {
        State state = state();
        servedThroughSeq = state.lastSeq();
        read(null).forEach(config -> {
            replace(config.agentId(), config);
            batchOf.put(config.agentId(), state.batch());
        });
        jdbc.sql("select a.name, " + APPLIED_COLUMNS + " from agent_applied p join agent_view a using (agent_id)")
                .query(rs -> {
                    applied.put(rs.getString(1), appliedOf(rs));
                });
    }

    private static final String APPLIED_COLUMNS = "p.applied_version, p.last_seen_at, p.failed_version, p.failed_error, p.failed_at";

    private static AgentConfigs.Applied appliedOf(ResultSet rs) throws SQLException {
        Timestamp failedAt = rs.getTimestamp(6);
        return new AgentConfigs.Applied(rs.getObject(2, Long.class), rs.getTimestamp(3).toInstant(),
                rs.getObject(4, Long.class), rs.getString(5), failedAt == null ? null : failedAt.toInstant());
    }

    private record State(long lastSeq, long batch) {
    }

    private State state() {
        return jdbc.sql("select last_seq, batch from render_state where id = 1")
                .query((rs, n) -> new State(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Re-reads every agent (after missing notifications, say); returns what changed here. */
    List<Change> reloadAll() {
        State state = state();
        return reload(null, state.lastSeq(), state.batch());
    }

    /**
     * Re-reads the agent a token belongs to, if it has been rendered (its newest version then matches the token's
     * agent view, committed before it): for an agent another node rendered a moment ago, whose notice has not arrived.
     * Moves no position: only this agent is current. Returns what changed here (nothing for an unknown token).
     */
    List<Change> reloadFor(String token) {
        if (token == null || !token.startsWith(AgentTokens.PREFIX)) {
            return List.of();
        }
        Set<String> ids = Set.copyOf(jdbc.sql("select agent_id from agent_view where token_hash = ?")
                .param(AgentTokens.hash(token)).query(String.class).list());
        List<AgentConfig> rendered = ids.isEmpty() ? List.of() : read(ids);
        if (rendered.isEmpty()) {
            return List.of();
        }
        Map<String, AgentConfig> fresh = new HashMap<>();
        rendered.forEach(config -> fresh.put(config.agentId(), config));
        return serve(ids, fresh, servedThroughSeq, state().batch());
    }

    /** Serves what a render batch committed on this node left; returns what changed here. */
    List<Change> apply(RenderedBatch rendered) {
        Map<String, AgentConfig> fresh = new HashMap<>();
        rendered.agents().forEach((agentId, config) -> {
            if (config != null) {
                fresh.put(agentId, config);
            }
        });
        Set<String> touched = new HashSet<>(rendered.agents().keySet());
        if (!rendered.held().isEmpty()) {
            read(rendered.held()).forEach(config -> fresh.put(config.agentId(), config));
            touched.addAll(rendered.held());
        }
        return serve(touched, fresh, rendered.lastSeq(), rendered.batch());
    }

    /** How far this node's configs are known to be current: the newest event position of a batch applied here. */
    public long servedThroughSeq() {
        return servedThroughSeq;
    }

    public Optional<AgentConfig> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The active agent a bearer token belongs to; the hash is compared in constant time. */
    public Optional<String> agentForToken(String token) {
        return configForToken(token).map(AgentConfig::name);
    }

    /** The config served to the active agent a bearer token belongs to: the one its token was checked against. */
    Optional<AgentConfig> configForToken(String token) {
        if (token == null || !token.startsWith(AgentTokens.PREFIX)) {
            return Optional.empty();
        }
        String hash = AgentTokens.hash(token);
        String name = nameByTokenHash.get(hash);
        if (name == null) {
            return Optional.empty();
        }
        AgentConfig config = byName.get(name);
        boolean matches = config != null && config.active() && MessageDigest.isEqual(
                config.tokenHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
        return matches ? Optional.of(config) : Optional.empty();
    }

    /** Every agent served now (a live view: reading it costs no query). */
    public Collection<AgentConfig> agents() {
        return Collections.unmodifiableCollection(byId.values());
    }

    private static final AgentConfigs.Applied NEVER = new AgentConfigs.Applied(null, null);

    public AgentConfigs.Applied applied(String name) {
        return applied.getOrDefault(name, NEVER);
    }

    public AgentConfigs.Applied appliedAsStored(String name) {
        return jdbc.sql("select a.name, " + APPLIED_COLUMNS
                        + " from agent_applied p join agent_view a using (agent_id) where a.name = ?")
                .param(name).query((rs, n) -> appliedOf(rs)).optional().orElse(NEVER);
    }

    /** The agent runs {@code version}: its last good one from now on; a failure of that version or an older one is over. */
    void recordApplied(AgentConfig config, long version) {
        Instant now = Instant.now();
        applied.compute(config.name(), (n, previous) -> (previous == null ? NEVER : previous).running(version, now));
        jdbc.sql("""
                        insert into agent_applied (agent_id, applied_version, last_seen_at) values (?, ?, ?)
                        on conflict (agent_id) do update set applied_version = excluded.applied_version,
                            last_seen_at = excluded.last_seen_at,
                            failed_version = case when agent_applied.failed_version > excluded.applied_version
                                then agent_applied.failed_version end,
                            failed_error = case when agent_applied.failed_version > excluded.applied_version
                                then agent_applied.failed_error end,
                            failed_at = case when agent_applied.failed_version > excluded.applied_version
                                then agent_applied.failed_at end""")
                .params(config.agentId(), version, Timestamp.from(now)).update();
    }

    /** The agent could not apply {@code version} and went back to the one it ran: its applied version stays. */
    void recordFailed(AgentConfig config, long version, String error) {
        Instant now = Instant.now();
        applied.compute(config.name(), (n, previous) -> (previous == null ? NEVER : previous).refused(version, error, now));
        jdbc.sql("""
                        insert into agent_applied (agent_id, applied_version, last_seen_at, failed_version, failed_error, failed_at)
                        values (?, null, ?, ?, ?, ?)
                        on conflict (agent_id) do update set last_seen_at = excluded.last_seen_at,
                            failed_version = excluded.failed_version, failed_error = excluded.failed_error,
                            failed_at = excluded.failed_at""")
                .params(config.agentId(), Timestamp.from(now), version, error, Timestamp.from(now)).update();
    }

    void recordSeen(String name) {
        applied.compute(name, (n, previous) -> (previous == null ? NEVER : previous).seen(Instant.now()));
    }

    /**
     * Re-reads the agents a render batch touched (null: every agent) and serves what is committed now;
     * returns what changed here, agent by agent.
     */
    List<Change> reload(Set<String> agentIds, long renderedThrough, long batch) {
        Map<String, AgentConfig> fresh = new HashMap<>();
        read(agentIds).forEach(config -> fresh.put(config.agentId(), config));
        return serve(agentIds, fresh, renderedThrough, batch);
    }

    private synchronized List<Change> serve(Set<String> agentIds, Map<String, AgentConfig> fresh, long renderedThrough,
                                            long batch) {
        List<Change> changes = new ArrayList<>();
        Collection<String> ids = agentIds != null ? agentIds : union(byId.keySet(), fresh.keySet());
        for (String agentId : ids) {
            if (batchOf.getOrDefault(agentId, Long.MIN_VALUE) <= batch) {
                batchOf.put(agentId, batch);
                changes.add(replace(agentId, fresh.get(agentId)));
            }
        }
        servedThroughSeq = Math.max(servedThroughSeq, renderedThrough);
        return changes;
    }

    private static Collection<String> union(Collection<String> a, Collection<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Agents with a served version, joined with that version (ids null: all of them). The rows are fetched first and
     * decrypted on every core: a node re-reading a fleet-wide batch decrypts a document and a token per agent.
     */
    private List<AgentConfig> read(Set<String> agentIds) {
        String where = agentIds == null ? "" : "where a.agent_id = any(?)";
        var statement = jdbc.sql("""
                select a.state, v.version, v.etag, v.document, v.soul, v.soul_pending
                from agent_view a
                join agent_served s on s.agent_id = a.agent_id
                join agent_config_version v on v.agent_id = s.agent_id and v.version = s.version
                """ + where);
        if (agentIds != null) {
            statement = statement.param(agentIds.toArray(String[]::new));
        }
        List<ServedRow> rows = statement.query((rs, n) -> new ServedRow(rs.getString("state"), rs.getLong("version"),
                rs.getString("etag"), rs.getString("document"), rs.getString("soul"), rs.getBoolean("soul_pending"))).list();
        return (rows.size() > 100 ? rows.parallelStream() : rows.stream()).map(this::decrypt).toList();
    }

    private record ServedRow(String state, long version, String etag, String document, String soul, boolean soulPending) {
    }

    private AgentConfig decrypt(ServedRow row) {
        Agent agent = json.read(row.state(), Agent.class);
        byte[] document = cipher.decrypt(new SecretRef(row.document()), SecretOwner.agentConfig(agent.id()))
                .getBytes(StandardCharsets.UTF_8);
        String soul = row.soulPending() ? agent.personality()
                : row.soul() == null ? null : cipher.decrypt(new SecretRef(row.soul()), ConfigRenderer.soulOwner(agent.id()));
        return new AgentConfig(agent.id(), agent.name(), row.version(), row.etag(), document, soul, agent.tokenHash(),
                agent.active(), agent.gatewayUrl(), cipher.decrypt(agent.token(), SecretOwner.agentToken(agent.id())));
    }

    /** Serves {@code current} for the agent from now on (null: the agent is gone); returns what changed. */
    synchronized Change replace(String agentId, AgentConfig current) {
        AgentConfig previous = byId.remove(agentId);
        if (previous != null) {
            byName.remove(previous.name());
            nameByTokenHash.remove(previous.tokenHash());
        }
        if (current != null) {
            byId.put(agentId, current);
            byName.put(current.name(), current);
            if (current.active()) {
                nameByTokenHash.put(current.tokenHash(), current.name());
            }
        } else if (previous != null) {
            applied.remove(previous.name());
        }
        return new Change(previous, current);
    }

    record Change(AgentConfig before, AgentConfig after) {
        boolean versionMoved() {
            return after != null && (before == null || before.version() != after.version());
        }

        /** The agent's existing streams must end: it is gone, deactivated, or its token changed. */
        boolean credentialsRevoked() {
            return before != null && (after == null || !after.active() || !after.tokenHash().equals(before.tokenHash()));
        }
    }
}
