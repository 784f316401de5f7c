package dev.mosaic.query.breakglass;

import dev.mosaic.events.breakglass.BreakglassEvent;
import dev.mosaic.query.api.BreakglassCredential;
import dev.mosaic.query.api.BreakglassCredentials;
import dev.mosaic.query.fleet.BreakglassReducer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Breakglass accounts with their bcrypt hashes, for sign-in ({@code breakglass_credential}), as {@link BreakglassReducer} leaves them. */
@Component
@ProcessingGroup("breakglass-credentials")
public class BreakglassCredentialsProjection implements BreakglassCredentials {
    private static final String COLUMNS = "select user_id, username, password_hash, active from breakglass_credential";
    private final JdbcClient jdbc;

    BreakglassCredentialsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BreakglassEvent event) {
        BreakglassCredential account = BreakglassReducer.apply(byUserId(event.userId()).orElse(null), event);
        if (account == null) {
            return;
        }
        jdbc.sql("""
                        insert into breakglass_credential (user_id, username, password_hash, active) values (?, ?, ?, ?)
                        on conflict (user_id) do update set password_hash = excluded.password_hash,
                                                            active = excluded.active""")
                .params(account.userId(), account.username(), account.passwordHash(), account.active()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from breakglass_credential").update();
    }

    @Override
    public Optional<BreakglassCredential> byUsername(String username) {
        return jdbc.sql(COLUMNS + " where username = ?").param(username).query(this::credential).optional();
    }

    private Optional<BreakglassCredential> byUserId(String userId) {
        return jdbc.sql(COLUMNS + " where user_id = ?").param(userId).query(this::credential).optional();
    }

    private BreakglassCredential credential(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new BreakglassCredential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
    }

    @Override
    public boolean any() {
        return jdbc.sql("select exists (select 1 from breakglass_credential)").query(Boolean.class).single();
    }
}
