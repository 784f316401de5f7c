package dev.mosaic.query.installation;

import dev.mosaic.query.api.InstallationView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The single-sign-on settings for admins and auditors; the client secret only as {@code clientSecretSet}. */
@RestController
class OidcSettingsQueryController {
    /** Where the IdP sends the browser back; the operator registers it at the IdP. */
    static final String REDIRECT_PATH = "/login/oauth2/code/oidc";
    private final InstallationProjection installation;

    OidcSettingsQueryController(InstallationProjection installation) {
        this.installation = installation;
    }

    @GetMapping("/api/settings/oidc")
    ResponseEntity<OidcSettingsView> settings() {
        InstallationView view = installation.current();
        InstallationView.OidcSettings oidc = view.oidc();
        String redirectUri = ServletUriComponentsBuilder.fromCurrentContextPath().path(REDIRECT_PATH).toUriString();
        OidcSettingsView body = oidc == null
                ? new OidcSettingsView(false, null, null, false, null, null, null, null, false, redirectUri,
                view.version())
                : new OidcSettingsView(true, oidc.issuerUrl(), oidc.clientId(), oidc.clientSecret() != null,
                oidc.scopes(), oidc.roleClaim(), oidc.adminValues(), oidc.auditorValues(), oidc.verified(),
                redirectUri, view.version());
        var response = ResponseEntity.ok();
        if (view.version() != null) {
            response.eTag("\"" + view.version() + "\"");
        }
        return response.body(body);
    }
}
