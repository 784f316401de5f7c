package dev.mosaic.server.security;

import dev.mosaic.query.api.ApiTokenCredentials;
import dev.mosaic.server.web.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The security chain of API-token requests: stateless (no session read or created, no CSRF, no cookie), the token
 * authenticated by {@link ApiTokenFilter}, then the browsers' authorization rules with the token's role. Chat, sign-in
 * and the breakglass password are for people, never for a token (403).
 */
final class ApiTokenSecurity {
    private ApiTokenSecurity() {
    }

    static DefaultSecurityFilterChain chain(HttpSecurity http, ApiTokenCredentials tokens, ProblemWriter problems,
                                            MeterRegistry registry) throws Exception {
        RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        http
                .securityMatcher(StatelessPaths.TOKEN_REQUESTS)
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(contexts))
                .addFilterBefore(new ApiTokenFilter(tokens, problems, contexts, registry), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/api/chat/**", "/api/auth/**", "/api/onboarding/breakglass",
                            "/api/settings/breakglass/**").denyAll();
                    SecurityConfiguration.rules(requests);
                })
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(response,
                                ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "Send a valid API token.")))
                        .accessDeniedHandler((request, response, e) -> problems.write(response,
                                ProblemWriter.problem(HttpStatus.FORBIDDEN, deniedBecause(request.getRequestURI())))));
        return http.build();
    }

    private static String deniedBecause(String path) {
        return path.startsWith("/api/chat/") || path.startsWith("/api/auth/") || path.contains("/breakglass")
                ? "This is for people signed in, not for API tokens."
                : "The role of this API token does not allow this.";
    }
}
