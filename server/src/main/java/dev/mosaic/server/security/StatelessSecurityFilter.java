package dev.mosaic.server.security;

import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.ApiTokenCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import dev.mosaic.query.api.RenderedElsewhere;
import dev.mosaic.query.api.ConfigRendering;
import dev.mosaic.server.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.util.EnumSet;
import java.util.List;

/**
 * Spring Security for {@link StatelessPaths} without what browsers need: agents, health probes and API-token requests
 * go through a {@link FilterChainProxy} of their own (the same firewall, then the bearer token for agents, nothing for
 * health, {@link ApiTokenSecurity} for API tokens), not through the browsers' one, which Spring Security wraps for Spring MVC in a filter that looks up
 * each request's handler once more (a sixth of an agent fetch's time).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not in the CLI
class StatelessSecurityFilter {
    private static final String SECURITY_FILTER = "springSecurityFilterChain";

    /** Boot's registration of Spring Security's filter for every path is switched off in favour of the one below. */
    @Bean
    static BeanPostProcessor disableBootsSecurityFilterRegistration() {
        return BootFilterRegistrations.disable(SECURITY_FILTER);
    }

    @Bean
    FilterRegistrationBean<Filter> securityFilter(@Qualifier(SECURITY_FILTER) Filter browsers, AgentConfigs configs, ConfigRendering renderer,
                                                  RenderedElsewhere cluster,
                                                  ProblemWriter problems, SecurityProperties properties,
                                                  ObjectProvider<HttpFirewall> firewall,
                                                  ObjectProvider<RequestRejectedHandler> rejected,
                                                  HttpSecurity tokenRequests, ApiTokenCredentials tokens,
                                                  MeterRegistry registry) throws Exception {
        FilterChainProxy stateless = new FilterChainProxy(List.of(
                new DefaultSecurityFilterChain(StatelessPaths.AGENT_REQUESTS, new AgentTokenFilter(configs, renderer, cluster, problems)),
                new DefaultSecurityFilterChain(StatelessPaths.HEALTH_REQUESTS),
                ApiTokenSecurity.chain(tokenRequests, tokens, problems, registry)));
        firewall.ifAvailable(stateless::setFirewall);
        rejected.ifAvailable(stateless::setRequestRejectedHandler);
        stateless.afterPropertiesSet();
        Filter filter = (request, response, chain) -> {
            if (StatelessPaths.matches((HttpServletRequest) request)) {
                stateless.doFilter(request, response, chain);
            } else {
                browsers.doFilter(request, response, chain);
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("mosaicSecurityFilter");
        registration.setOrder(properties.getFilter().getOrder());
        EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
        properties.getFilter().getDispatcherTypes().forEach(type -> types.add(DispatcherType.valueOf(type.name())));
        registration.setDispatcherTypes(types);
        return registration;
    }
}
