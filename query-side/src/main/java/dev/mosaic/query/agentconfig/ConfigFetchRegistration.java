package dev.mosaic.query.agentconfig;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link ConfigFetchFilter} in front of every other filter, for agents' config paths only. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConfigFetchRegistration {

    @Bean
    FilterRegistrationBean<ConfigFetchFilter> configFetchFilter(ConfigFetchAnswers answers, ConfigChangeStream stream) {
        FilterRegistrationBean<ConfigFetchFilter> registration = new FilterRegistrationBean<>(new ConfigFetchFilter(answers, stream));
        registration.setName("agentConfigFetch");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns(ConfigFetchFilter.PREFIX + "*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true); // it answers change streams itself
        return registration;
    }
}
