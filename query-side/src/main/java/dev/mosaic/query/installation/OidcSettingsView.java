package dev.mosaic.query.installation;

import org.springframework.lang.Nullable;

import java.util.List;

/** The single-sign-on settings as admins and auditors read them: the client secret only as {@code clientSecretSet}. */
record OidcSettingsView(boolean configured, @Nullable String issuerUrl, @Nullable String clientId,
                               boolean clientSecretSet, @Nullable List<String> scopes, @Nullable String roleClaim,
                               @Nullable List<String> adminValues, @Nullable List<String> auditorValues,
                               boolean verified, String redirectUri, Long version) {
}
