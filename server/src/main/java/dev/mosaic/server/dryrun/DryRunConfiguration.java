package dev.mosaic.server.dryrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.change.EventCapture;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code ?dryRun=true} on an admin write (providers, agents, OIDC settings): {@link DryRunFilter} runs the request
 * in a {@link ChangePipeline#dryRun} and answers its preview. Any other value than true or false is a 400 before
 * anything runs (on a write that does not offer it, the parameter is unknown: a 400 as well). Commands sent in a dry run carry
 * {@code dryRun=true} in their metadata (the metrics leave them out).
 */
@Configuration
public class DryRunConfiguration implements WebMvcConfigurer {
    public static final String DRY_RUN = "dryRun";
    /** Where writes offer a dry run: these paths and everything below them, but the connection tests (no command). */
    public static final List<String> WRITES = List.of("/api/providers", "/api/agents", "/api/settings/oidc");

    public static boolean offersDryRun(String path) {
        return WRITES.stream().anyMatch(path::startsWith) && !path.endsWith("/test");
    }

    /** The {@code dryRun} value of the query string (never a form body), or null. */
    static String dryRunParameter(HttpServletRequest request) {
        return dev.mosaic.server.dryrun.QueryParameters.first(request, DRY_RUN);
    }

    @Bean
    InitializingBean dryRunInterceptors(CommandBus commandBus, EventBus eventBus) {
        return () -> {
            commandBus.registerDispatchInterceptor(new MarkDryRun());
            eventBus.registerDispatchInterceptor(new EventCapture());
        };
    }

    @Bean
    FilterRegistrationBean<Filter> dryRunFilter(ChangePipeline pipeline, ChangePreview preview, ObjectMapper mapper) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new DryRunFilter(pipeline, preview, mapper));
        registration.setName("dryRunFilter");
        registration.setOrder(0); // after Spring Security (-100) and the session filter
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                checkDryRunParameter(request);
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    /** Where it is offered; elsewhere {@code dryRun} is an unknown parameter like any other (UnknownWriteParameters). */
    private static void checkDryRunParameter(HttpServletRequest request) {
        String value = dryRunParameter(request);
        if (value == null || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                || !offersDryRun(request.getRequestURI())) {
            return;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new InvalidQueryParameterException(DRY_RUN, "must be true or false");
        }
    }

    /** Marks the commands sent inside a dry run. */
    static final class MarkDryRun implements MessageDispatchInterceptor<CommandMessage<?>> {
        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            return (index, command) -> ChangePipeline.inDryRun()
                    ? command.andMetaData(MetaData.from(Map.of(DRY_RUN, true))) : command;
        }
    }
}
