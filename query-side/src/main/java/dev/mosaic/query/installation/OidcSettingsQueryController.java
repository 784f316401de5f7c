package dev.mosaic.query.installation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

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
    ResponseEntity<Map<String, Object>> settings() {
        InstallationView view = installation.current();
        InstallationView.OidcSettings oidc = view.oidc();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configured", oidc != null);
        body.put("issuerUrl", oidc == null ? null : oidc.issuerUrl());
        body.put("clientId", oidc == null ? null : oidc.clientId());
        body.put("clientSecretSet", oidc != null && oidc.clientSecret() != null);
        body.put("scopes", oidc == null ? null : oidc.scopes());
        body.put("roleClaim", oidc == null ? null : oidc.roleClaim());
        body.put("adminValues", oidc == null ? null : oidc.adminValues());
        body.put("auditorValues", oidc == null ? null : oidc.auditorValues());
        body.put("verified", oidc != null && oidc.verified());
        body.put("redirectUri", ServletUriComponentsBuilder.fromCurrentContextPath().path(REDIRECT_PATH).toUriString());
        body.put("version", view.version());
        var response = ResponseEntity.ok();
        if (view.version() != null) {
            response.eTag("\"" + view.version() + "\"");
        }
        return response.body(body);
    }
}
