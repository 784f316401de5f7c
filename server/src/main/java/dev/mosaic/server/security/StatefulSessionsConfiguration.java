package dev.mosaic.server.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.session.SessionProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.EnumSet;

/**
 * Spring Session's filter, kept away from {@link StatelessPaths}: Boot registers it for every request, where
 * it would look up (and touch) the session of any cookie an agent or a probe happens to send. A browser's
 * request pays one session lookup, and writes its session only when something changed (see
 * {@link LazilyTouchedSessions}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not in the CLI
class StatefulSessionsConfiguration {
    static final String SESSION_FILTER = "springSessionRepositoryFilter";

    /** Boot's registration of the same filter for every path is switched off in favour of the one below. */
    @Bean
    static BeanPostProcessor disableBootsSessionFilterRegistration() {
        return BootFilterRegistrations.disable(SESSION_FILTER);
    }

    /**
     * Each session read or write is its statement alone, not wrapped in BEGIN/COMMIT (a round trip per request
     * saved). At worst a crash between the statements of a sign-in leaves a session without its attributes,
     * that is signed out.
     */
    @Bean
    @Qualifier("springSessionTransactionOperations") // the name Spring Session's JDBC configuration asks for
    TransactionOperations springSessionTransactionOperations() {
        return TransactionOperations.withoutTransaction();
    }

    /** Boot's own template, which Boot leaves out once any TransactionOperations bean exists (the one above). */
    @Bean
    @Primary
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    FilterRegistrationBean<Filter> statefulSessionFilter(SessionRepository<? extends Session> stored, CookieSerializer cookies,
                                                         SessionProperties properties) {
        SessionRepositoryFilter<?> sessions = new SessionRepositoryFilter<>(new LazilyTouchedSessions(stored));
        CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
        ids.setCookieSerializer(cookies);
        sessions.setHttpSessionIdResolver(ids);
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
