package dev.mosaic.server.outage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;

/**
 * Ahead of the API's exception handlers, which match the outermost exception type: a lost database hides
 * under whatever Axon, JPA or Spring wrapped it in.
 */
@Component
class DatabaseOutageResolver implements HandlerExceptionResolver, Ordered {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageResolver.class);
    private final DatabaseOutage outage;

    DatabaseOutageResolver(DatabaseOutage outage) {
        this.outage = outage;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (!DatabaseOutage.isCause(failure)) {
            return null;
        }
        log.warn("{} {}: the database cannot be reached ({})", request.getMethod(), request.getRequestURI(),
                failure.getClass().getSimpleName());
        try {
            outage.answer(response);
        } catch (IOException e) {
            log.debug("could not answer 503: {}", e.getMessage());
        }
        return new ModelAndView();
    }

    /** Right after Boot's error-attribute recorder, before the exception-handler composite (order 0). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
