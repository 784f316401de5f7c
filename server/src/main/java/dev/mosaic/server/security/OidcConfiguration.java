package dev.mosaic.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The pieces of the OIDC sign-in that the api chain plugs into {@code oauth2Login}. */
@Configuration
class OidcConfiguration {
    static final String AUTHORIZATION_BASE = "/oauth2/authorization";
    static final String LOGIN_URL = AUTHORIZATION_BASE + "/" + InstallationClientRegistrations.REGISTRATION_ID;

    /** Authorization code flow with PKCE (S256); Spring adds and checks state and nonce. */
    @Bean
    OAuth2AuthorizationRequestResolver oidcAuthorizationRequests(InstallationClientRegistrations registrations) {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    /**
     * ID-token decoders per issuer, JWKS and client id, not per registration id as Spring's factory caches them:
     * after the settings change, tokens are checked against the new issuer's keys and the new client id.
     */
    @Bean
    JwtDecoderFactory<ClientRegistration> oidcIdTokenDecoders() {
        Map<String, OidcIdTokenDecoderFactory> factories = new ConcurrentHashMap<>();
        return registration -> factories.computeIfAbsent(registration.getProviderDetails().getIssuerUri() + " "
                        + registration.getProviderDetails().getJwkSetUri() + " " + registration.getClientId(),
                key -> new OidcIdTokenDecoderFactory()).createDecoder(registration);
    }

    /** Mosaic keeps no IdP tokens: it only needs to know who signed in. */
    @Bean
    OAuth2AuthorizedClientRepository noAuthorizedClients() {
        return new OAuth2AuthorizedClientRepository() {
            @Override
            public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String id, Authentication principal,
                                                                             HttpServletRequest request) {
                return null;
            }

            @Override
            public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                                             HttpServletRequest request, HttpServletResponse response) {
            }

            @Override
            public void removeAuthorizedClient(String id, Authentication principal, HttpServletRequest request,
                                               HttpServletResponse response) {
            }
        };
    }

    /**
     * Starting SSO while it is not configured, or while its issuer has never answered, sends the browser back to
     * the sign-in page with {@code ?error=sso} instead of an error page.
     */
    static final class SsoUnavailableFilter extends OncePerRequestFilter {
        private final InstallationClientRegistrations registrations;

        SsoUnavailableFilter(InstallationClientRegistrations registrations) {
            this.registrations = registrations;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().startsWith(AUTHORIZATION_BASE + "/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!request.getRequestURI().equals(LOGIN_URL)
                    || registrations.findByRegistrationId(InstallationClientRegistrations.REGISTRATION_ID) == null) {
                response.sendRedirect(OidcSignIns.FAILURE_URL);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
