package dev.mosaic.query.token;

import dev.mosaic.events.token.ApiTokenIssued;
import dev.mosaic.events.token.ApiTokenRevoked;
import dev.mosaic.query.api.ApiTokenCredential;
import dev.mosaic.query.api.ApiTokenCredentials;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * API tokens ({@code api_token}), written in the command's transaction, so a revoked token fails on every node with
 * its next request. When each was last used lives apart ({@code api_token_use}): it is no event, and a replay keeps it.
 */
@Component
@ProcessingGroup("api-tokens")
public class ApiTokensProjection implements ApiTokenCredentials {
    static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);
    private static final String VIEW = """
            select t.token_id, t.name, t.role, t.owner_name, t.created_at, t.expires_at, u.last_used_at
            from api_token t left join api_token_use u using (token_id) where t.revoked_at is null""";
    private final JdbcClient jdbc;

    ApiTokensProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApiTokenIssued event) {
        jdbc.sql("""
                        insert into api_token (token_id, token_hash, name, role, owner_id, owner_name, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.tokenId(), event.tokenHash(), event.name(), event.role(), event.ownerId(),
                        event.ownerName(), Timestamp.from(event.createdAt()), Timestamp.from(event.expiresAt()))
                .update();
    }

    /** At the event's time as the event store keeps it (milliseconds), so that a replay writes the very same row. */
    @EventHandler
    void on(ApiTokenRevoked event, EventMessage<?> message) {
        jdbc.sql("update api_token set revoked_at = ? where token_id = ? and revoked_at is null")
                .params(Timestamp.from(message.getTimestamp().truncatedTo(ChronoUnit.MILLIS)), event.tokenId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from api_token").update();
    }

    /** Every token not revoked (expired ones too: their owners see them lapse), or only {@code ownerId}'s. */
    List<ApiTokenView> list(String ownerId) {
        String order = " order by t.created_at desc, t.token_id";
        return ownerId == null ? jdbc.sql(VIEW + order).query(ApiTokensProjection::view).list()
                : jdbc.sql(VIEW + " and t.owner_id = ?" + order).param(ownerId).query(ApiTokensProjection::view).list();
    }

    @Override
    public Optional<ApiTokenCredential> byHash(String tokenHash) {
        return jdbc.sql("""
                        select t.token_id, t.token_hash, t.name, t.role, t.owner_id, t.owner_name, t.expires_at,
                               t.revoked_at is not null, coalesce(b.active, t.owner_id not like 'user:%'), u.last_used_at
                        from api_token t
                        left join breakglass_credential b
                               on t.owner_id like 'user:%' and b.user_id = substring(t.owner_id from 6)
                        left join api_token_use u on u.token_id = t.token_id
                        where t.token_hash = ?""")
                .param(tokenHash)
                .query((rs, n) -> new ApiTokenCredential(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, 7), rs.getBoolean(8),
                        rs.getBoolean(9), instant(rs, 10)))
                .optional();
    }

    @Override
    public boolean markUsed(String tokenId, Instant now) {
        return jdbc.sql("""
                        insert into api_token_use (token_id, last_used_at) values (?, ?)
                        on conflict (token_id) do update set last_used_at = excluded.last_used_at
                        where api_token_use.last_used_at <= ?""")
                .params(tokenId, Timestamp.from(now), Timestamp.from(now.minus(USE_RECORDED_EVERY)))
                .update() > 0;
    }

    @Override
    public long countActive(Instant now) {
        return jdbc.sql("select count(*) from api_token where revoked_at is null and expires_at > ?")
                .param(Timestamp.from(now)).query(Long.class).single();
    }

    private static ApiTokenView view(ResultSet rs, int row) throws SQLException {
        return new ApiTokenView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                instant(rs, 6), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
