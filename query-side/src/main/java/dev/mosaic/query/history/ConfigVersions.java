package dev.mosaic.query.history;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.rendering.ConfigRenderer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every rendered version of an agent's config ({@code agent_config_version}), decrypted for masking. */
@Component
class ConfigVersions {
    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    ConfigVersions(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** {@code firstSeq}..{@code lastSeq}: the event positions this version was rendered from (null for versions older than the history). */
    public record Version(String agentId, long version, String etag, Instant renderedAt, Long firstSeq, Long lastSeq,
                          byte[] document, String soul) {
    }

    /** The version the agent was on right after {@code seq}: the newest rendered from events up to it. */
    public Optional<Long> versionAt(String agentId, long seq) {
        return jdbc.sql("""
                        select max(version) from agent_config_version
                        where agent_id = ? and coalesce(last_seq, 0) <= ?""")
                .params(agentId, seq).query(Long.class).optional();
    }

    /** Newest first, below {@code before} when given. */
    public List<Version> page(String agentId, Long before, int limit) {
        return jdbc.sql("""
                        select * from agent_config_version where agent_id = ? and version < ?
                        order by version desc limit ?""")
                .params(agentId, before == null ? Long.MAX_VALUE : before, limit)
                .query(this::map).list();
    }

    public Optional<Version> one(String agentId, long version) {
        return jdbc.sql("select * from agent_config_version where agent_id = ? and version = ?")
                .params(agentId, version).query(this::map).optional();
    }

    private Version map(ResultSet rs, int row) throws SQLException {
        String agentId = rs.getString("agent_id");
        String soul = rs.getString("soul");
        long first = rs.getLong("first_seq");
        Long firstSeq = rs.wasNull() ? null : first;
        long last = rs.getLong("last_seq");
        Long lastSeq = rs.wasNull() ? null : last;
        return new Version(agentId, rs.getLong("version"), rs.getString("etag"),
                rs.getTimestamp("rendered_at").toInstant(), firstSeq, lastSeq,
                cipher.decrypt(new SecretRef(rs.getString("document")), SecretOwner.agentConfig(agentId))
                        .getBytes(StandardCharsets.UTF_8),
                soul == null ? null : cipher.decrypt(new SecretRef(soul), ConfigRenderer.soulOwner(agentId)));
    }
}
