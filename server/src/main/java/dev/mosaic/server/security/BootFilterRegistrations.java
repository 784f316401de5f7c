package dev.mosaic.server.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;

/** Switches off Boot's own registration of a named filter for every path, where Mosaic registers it itself. */
final class BootFilterRegistrations {
    private BootFilterRegistrations() {
    }

    static BeanPostProcessor disable(String filterName) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && filterName.equals(registration.getFilterName())) {
                    registration.setEnabled(false);
                }
                return bean;
            }
        };
    }
}
