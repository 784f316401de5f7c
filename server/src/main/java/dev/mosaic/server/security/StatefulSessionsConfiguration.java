package dev.mosaic.server.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.session.SessionProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

import java.util.EnumSet;

/**
 * Spring Session's filter, kept away from {@link StatelessPaths}: Boot registers it for every request, where
 * it would look up (and touch) the session of any cookie an agent or a probe happens to send. A browser's
 * request pays one session lookup.
 */
@Configuration(proxyBeanMethods = false)
class StatefulSessionsConfiguration {
    static final String SESSION_FILTER = "springSessionRepositoryFilter";

    /** Boot's registration of the same filter for every path is switched off in favour of the one below. */
    @Bean
    static BeanPostProcessor disableBootsSessionFilterRegistration() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && SESSION_FILTER.equals(registration.getFilterName())) {
                    registration.setEnabled(false);
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> statefulSessionFilter(SessionRepositoryFilter<?> sessions, SessionProperties properties) {
        Filter filter = (request, response, chain) -> {
            if (StatelessPaths.matches((HttpServletRequest) request)) {
                chain.doFilter(request, response);
            } else {
                sessions.doFilter(request, response, chain);
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("statefulSessionFilter");
        registration.setOrder(properties.getServlet().getFilterOrder());
        // Not on ASYNC dispatches: the request still carries the session the first dispatch loaded, and the
        // filter would look it up again in the database only to save it unchanged.
        EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
        properties.getServlet().getFilterDispatcherTypes().forEach(type -> types.add(DispatcherType.valueOf(type.name())));
        types.remove(DispatcherType.ASYNC);
        registration.setDispatcherTypes(types);
        return registration;
    }
}
