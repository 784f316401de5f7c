package dev.mosaic.query.installation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mosaic.events.installation.OidcConfigured;
import dev.mosaic.events.installation.OidcRemoved;
import dev.mosaic.events.installation.OidcSignInVerified;
import dev.mosaic.events.installation.OnboardingCompleted;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.common.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** The single row of {@code installation_view}. */
@Component
@ProcessingGroup("installation-view")
public class InstallationProjection implements CurrentInstallation {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonColumns json;

    InstallationProjection(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(OnboardingCompleted e, @SequenceNumber long version) {
        setVersion(version);
        jdbc.sql("update installation_view set onboarding_completed = true where id = 1").update();
    }

    @EventHandler
    void on(OidcConfigured e, @SequenceNumber long version) {
        setVersion(version);
        jdbc.sql("""
                        update installation_view set oidc_issuer_url = ?, oidc_client_id = ?, oidc_client_secret = ?,
                               oidc_scopes = ?::jsonb, oidc_role_claim = ?, oidc_admin_values = ?::jsonb,
                               oidc_auditor_values = ?::jsonb, oidc_verified = false where id = 1""")
                .params(e.issuerUrl(), e.clientId(), e.clientSecret().ciphertext(), json.write(e.scopes()),
                        e.roleClaim(), json.write(e.adminValues()), json.write(e.auditorValues()))
                .update();
    }

    @EventHandler
    void on(OidcRemoved e, @SequenceNumber long version) {
        setVersion(version);
        jdbc.sql("""
                        update installation_view set oidc_issuer_url = null, oidc_client_id = null,
                               oidc_client_secret = null, oidc_scopes = null, oidc_role_claim = null,
                               oidc_admin_values = null, oidc_auditor_values = null, oidc_verified = false
                        where id = 1""").update();
    }

    @EventHandler
    void on(OidcSignInVerified e, @SequenceNumber long version) {
        setVersion(version);
        jdbc.sql("update installation_view set oidc_verified = true where id = 1 and oidc_issuer_url = ?")
                .param(e.issuerUrl()).update();
    }

    /** The installation's aggregate version: the ETag of its settings. */
    private void setVersion(long version) {
        jdbc.sql("update installation_view set version = ? where id = 1").param(version).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from installation_view").update();
        jdbc.sql("insert into installation_view (id, onboarding_completed) values (1, false)").update();
    }

    public InstallationView current() {
        return jdbc.sql("select * from installation_view where id = 1").query((rs, n) -> {
            String issuer = rs.getString("oidc_issuer_url");
            InstallationView.OidcSettings oidc = issuer == null ? null : new InstallationView.OidcSettings(issuer,
                    rs.getString("oidc_client_id"), new SecretRef(rs.getString("oidc_client_secret")),
                    json.read(rs.getString("oidc_scopes"), STRINGS), rs.getString("oidc_role_claim"),
                    json.read(rs.getString("oidc_admin_values"), STRINGS),
                    json.read(rs.getString("oidc_auditor_values"), STRINGS), rs.getBoolean("oidc_verified"));
            long version = rs.getLong("version");
            return new InstallationView(rs.getBoolean("onboarding_completed"), oidc, rs.wasNull() ? null : version);
        }).single();
    }
}
