package dev.mosaic.query.agentconfig;

import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import jakarta.annotation.PostConstruct;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rendered configs in memory, kept current by the projection after each commit, so that agents are
 * served without a database round trip; also the token index that authenticates agents.
 */
@Component
public class AgentConfigStore {
    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Map<String, AgentConfig> byId = new ConcurrentHashMap<>();
    private final Map<String, AgentConfig> byName = new ConcurrentHashMap<>();
    private final Map<String, String> nameByTokenHash = new ConcurrentHashMap<>();
    private final Map<String, Applied> applied = new ConcurrentHashMap<>();

    AgentConfigStore(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public record Applied(Long version, Instant lastSeenAt) {
    }

    @PostConstruct
    void load() {
        jdbc.sql("select agent_id from agent_config").query(String.class).list().forEach(this::loadOne);
    }

    public Optional<AgentConfig> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The active agent a bearer token belongs to; the hash is compared in constant time. */
    public Optional<String> agentForToken(String token) {
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
        return matches ? Optional.of(name) : Optional.empty();
    }

    public Applied applied(String name) {
        return applied.getOrDefault(name, new Applied(null, null));
    }

    void recordApplied(String name, long version) {
        Instant now = Instant.now();
        applied.put(name, new Applied(version, now));
        jdbc.sql("update agent_config set applied_version = ?, last_seen_at = ? where name = ?")
                .params(version, java.sql.Timestamp.from(now), name).update();
    }

    void recordSeen(String name) {
        applied.compute(name, (n, previous) -> new Applied(previous == null ? null : previous.version(), Instant.now()));
    }

    /** Loads one agent from the committed tables (at start). */
    private void loadOne(String agentId) {
        read(agentId).ifPresent(config -> replace(agentId, config));
    }

    /** Re-reads one agent that another node changed (null when it is gone); returns what changed here. */
    Change reload(String agentId) {
        return replace(agentId, read(agentId).orElse(null));
    }

    private Optional<AgentConfig> read(String agentId) {
        return jdbc.sql("""
                        select c.agent_id, c.name, c.version, c.etag, c.document, c.applied_version, c.last_seen_at,
                               a.personality, a.token_hash, a.active, a.gateway_url, a.token
                        from agent_config c join config_agent a using (agent_id) where c.agent_id = ?""")
                .param(agentId)
                .query((rs, n) -> {
                    String name = rs.getString("name");
                    long appliedVersion = rs.getLong("applied_version");
                    if (!rs.wasNull()) {
                        var seen = rs.getTimestamp("last_seen_at");
                        applied.put(name, new Applied(appliedVersion, seen == null ? null : seen.toInstant()));
                    }
                    byte[] document = cipher.decrypt(new SecretRef(rs.getString("document")),
                            SecretOwner.agentConfig(agentId)).getBytes(StandardCharsets.UTF_8);
                    return new AgentConfig(agentId, name, rs.getLong("version"), rs.getString("etag"), document,
                            rs.getString("personality"), rs.getString("token_hash"), rs.getBoolean("active"),
                            rs.getString("gateway_url"), cipher.decrypt(new SecretRef(rs.getString("token")),
                                    SecretOwner.agentToken(agentId)));
                }).optional();
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
