package dev.mosaic.query.breakglass;

import dev.mosaic.events.breakglass.BreakglassPasswordChanged;
import dev.mosaic.events.breakglass.BreakglassUserCreated;
import dev.mosaic.events.breakglass.BreakglassUserDeactivated;
import dev.mosaic.events.breakglass.BreakglassUserReactivated;
import dev.mosaic.query.api.BreakglassCredential;
import dev.mosaic.query.api.BreakglassCredentials;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Breakglass accounts with their bcrypt hashes, for sign-in ({@code breakglass_credential}). */
@Component
@ProcessingGroup("breakglass-credentials")
public class BreakglassCredentialsProjection implements BreakglassCredentials {
    private final JdbcClient jdbc;

    BreakglassCredentialsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BreakglassUserCreated e) {
        jdbc.sql("insert into breakglass_credential (user_id, username, password_hash, active) values (?, ?, ?, true)")
                .params(e.userId(), e.username(), e.passwordHash()).update();
    }

    @EventHandler
    void on(BreakglassPasswordChanged e) {
        jdbc.sql("update breakglass_credential set password_hash = ? where user_id = ?")
                .params(e.passwordHash(), e.userId()).update();
    }

    @EventHandler
    void on(BreakglassUserDeactivated e) {
        jdbc.sql("update breakglass_credential set active = false where user_id = ?").param(e.userId()).update();
    }

    @EventHandler
    void on(BreakglassUserReactivated e) {
        jdbc.sql("update breakglass_credential set active = true where user_id = ?").param(e.userId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from breakglass_credential").update();
    }

    public Optional<BreakglassCredential> byUsername(String username) {
        return jdbc.sql("select user_id, username, password_hash, active from breakglass_credential where username = ?")
                .param(username)
                .query((rs, n) -> new BreakglassCredential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }

    public boolean any() {
        return jdbc.sql("select exists (select 1 from breakglass_credential)").query(Boolean.class).single();
    }
}
