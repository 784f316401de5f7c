package dev.mosaic.server.testing;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.session.SessionRepository;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the session store's lookups by id (what each browser request pays), for tests that bound them. */
@TestConfiguration(proxyBeanMethods = false)
public class SessionLookups {
    private static final AtomicInteger LOOKUPS = new AtomicInteger();

    /** Lookups since the last call. */
    public static int takeCount() {
        return LOOKUPS.getAndSet(0);
    }

    @Bean
    static BeanPostProcessor countSessionLookups() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof SessionRepository<?>)) {
                    return bean;
                }
                ProxyFactory proxy = new ProxyFactory(bean);
                proxy.setProxyTargetClass(true);
                proxy.addAdvice((MethodInterceptor) invocation -> {
                    if (invocation.getMethod().getName().equals("findById")) {
                        LOOKUPS.incrementAndGet();
                    }
                    return invocation.proceed();
                });
                return proxy.getProxy();
            }
        };
    }
}
