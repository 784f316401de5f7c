package dev.mosaic.server.security;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.query.api.InstallationView;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one client registration, {@code oidc}, built on each use from the OIDC settings in the installation
 * projection and the issuer's discovery document: saved settings take effect without a restart. The client
 * secret is decrypted only here, in memory.
 */
@Component
class InstallationClientRegistrations implements ClientRegistrationRepository {
    static final String REGISTRATION_ID = "oidc";
    static final String REDIRECT_URI = "{baseUrl}/{action}/oauth2/code/{registrationId}";

    private final CurrentInstallation installation;
    private final OidcDiscovery discovery;
    private final SecretCipher cipher;

    InstallationClientRegistrations(CurrentInstallation installation, OidcDiscovery discovery, SecretCipher cipher) {
        this.installation = installation;
        this.discovery = discovery;
        this.cipher = cipher;
    }

    /** Null when OIDC is not configured, or its issuer's metadata has never been read. */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        return settings().flatMap(settings -> discovery.metadata(settings.issuerUrl())
                .map(metadata -> build(settings, metadata))).orElse(null);
    }

    Optional<InstallationView.OidcSettings> settings() {
        return Optional.ofNullable(installation.current().oidc());
    }

    private ClientRegistration build(InstallationView.OidcSettings settings, ClientRegistration provider) {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("openid");
        scopes.addAll(settings.scopes());
        // client_secret_post only when the issuer offers it and not basic; any other method the library may
        // have picked (a JWT, none) needs more than a client secret, so basic is tried.
        boolean post = ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(provider.getClientAuthenticationMethod());
        return ClientRegistration.withClientRegistration(provider)
                .registrationId(REGISTRATION_ID)
                .clientName("Single sign-on")
                .clientId(settings.clientId())
                .clientSecret(cipher.decrypt(settings.clientSecret(), SecretOwner.oidcClientSecret()))
                .clientAuthenticationMethod(post ? ClientAuthenticationMethod.CLIENT_SECRET_POST
                        : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .scope(scopes)
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .build();
    }
}
