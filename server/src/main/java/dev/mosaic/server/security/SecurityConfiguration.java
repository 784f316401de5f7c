package dev.mosaic.server.security;

import dev.mosaic.events.breakglass.PasswordHashing;
import dev.mosaic.server.web.ProblemWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;

import static dev.mosaic.server.security.MosaicUser.ADMIN;
import static dev.mosaic.server.security.MosaicUser.AUDITOR;

/** The filter chains exist only in the web server; the recovery CLI runs without one but shares the rest. */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {
    /** Settings reads: admins and auditors. */
    private static final String[] SETTINGS = {"/api/providers/**", "/api/agents/**", "/api/settings/**", "/api/audit/**",
            "/api/state", "/api/revert", "/api/rollouts/**", "/api/change-requests/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    /** The breakglass aggregate's way to the same encoder. */
    @Bean
    PasswordHashing passwordHashing(PasswordEncoder encoder) {
        return encoder::encode;
    }

    /** Spring Security would time each filter of every request as an observation: http.server.requests is enough. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    AuthenticationManager authenticationManager(BreakglassAccounts accounts, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }

    /** Browsers (agents and health probes have their own chains, see {@link StatelessSecurityFilter}). */
    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, SecurityContextRepository contexts,
                            InstallationClientRegistrations registrations,
                            OAuth2AuthorizationRequestResolver authorizationRequests,
                            OAuth2AuthorizedClientRepository authorizedClients, OidcSignIns oidcSignIns)
            throws Exception {
        http
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                )
                .securityContext(context -> context.securityContextRepository(contexts))
                // written before the handler runs: streamed chat answers are written by other threads
                .headers(headers -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                // OIDC: starts at /oauth2/authorization/oidc, returns to /login/oauth2/code/oidc; "/signin" is the
                // web UI's page (no generated login page), and API paths keep their 401 entry point below
                .oauth2Login(login -> login
                        .loginPage("/signin")
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .successHandler(oidcSignIns)
                        .failureHandler(oidcSignIns))
                .addFilterBefore(new OidcConfiguration.SsoUnavailableFilter(registrations),
                        OAuth2AuthorizationRequestRedirectFilter.class)
                .authorizeHttpRequests(SecurityConfiguration::rules)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(response,
                                ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "Sign in first.")))
                        .accessDeniedHandler(accessDenied(problems)));
        return http.build();
    }

    /** Who may call what; API-token requests go through the same rules (see {@link ApiTokenSecurity}). */
    static void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests
                .requestMatchers(HttpMethod.GET, "/api/onboarding/status", "/api/auth/providers", "/api/rules").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/onboarding/breakglass", "/api/auth/login",
                        "/api/auth/logout").permitAll()
                .requestMatchers(HttpMethod.GET, SETTINGS).hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers(SETTINGS).hasRole(ADMIN)
                .requestMatchers("/api/onboarding/**").hasRole(ADMIN)
                .requestMatchers("/actuator/**").hasRole(ADMIN)
                // API tokens: admins and auditors have their own (the role cap is the aggregate's rule)
                .requestMatchers("/api/tokens", "/api/tokens/**").hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers("/api/**").authenticated()
                .anyRequest().permitAll();
    }

    /**
     * A missing CSRF token from someone not signed in is reported as 401 on endpoints that need a session,
     * so anonymous callers learn the real problem; signed-in callers get 403.
     */
    private static AccessDeniedHandler accessDenied(ProblemWriter problems) {
        return (request, response, e) -> {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            boolean anonymous = current == null || current instanceof AnonymousAuthenticationToken;
            String path = request.getRequestURI();
            boolean publicWrite = path.equals("/api/onboarding/breakglass") || path.startsWith("/api/auth/");
            if (e instanceof CsrfException && anonymous && !publicWrite) {
                problems.write(response, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "Sign in first."));
            } else if (e instanceof CsrfException) {
                problems.write(response, ProblemWriter.problem(HttpStatus.FORBIDDEN,
                        "The CSRF token is missing or wrong: echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header."));
            } else {
                problems.write(response, ProblemWriter.problem(HttpStatus.FORBIDDEN,
                        "Your role does not allow this."));
            }
        };
    }
}
