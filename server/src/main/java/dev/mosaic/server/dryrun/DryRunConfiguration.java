package dev.mosaic.server.dryrun;

import dev.mosaic.query.api.InvalidQueryParameterException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code ?dryRun=true} on an admin write (providers, agents, OIDC settings): the command is marked when it is
 * sent, runs through its handler with every check as usual, and is then aborted with the events it applied.
 */
@Configuration
class DryRunConfiguration {
    static final String DRY_RUN = "dryRun";
    static final List<String> WRITES = List.of("/api/providers", "/api/agents", "/api/settings/oidc");

    @Bean
    InitializingBean dryRunInterceptors(CommandBus commandBus, EventBus eventBus) {
        return () -> {
            commandBus.registerDispatchInterceptor(new MarkDryRun());
            commandBus.registerHandlerInterceptor(abortDryRun());
            eventBus.registerDispatchInterceptor(new EventCapture());
        };
    }

    /**
     * The event bus hands a unit of work's events to its dispatch interceptors (the capture) only in the
     * prepare-commit phase, in a handler it registers when the first event is applied; the abort is registered
     * after the command handler ran, so it runs after that one and before the transaction commits.
     */
    private static MessageHandlerInterceptor<CommandMessage<?>> abortDryRun() {
        return (unitOfWork, chain) -> {
            if (!Boolean.TRUE.equals(unitOfWork.getMessage().getMetaData().get(DRY_RUN))) {
                return chain.proceed();
            }
            EventCapture.Capture capture = EventCapture.start();
            unitOfWork.onCleanup(u -> capture.close());
            Object result = chain.proceed();
            unitOfWork.onPrepareCommit(u -> {
                throw new DryRunCompleted(capture.close());
            });
            return result;
        };
    }

    /** Marks the command of a dry-run request; any other value than true or false is refused. */
    static final class MarkDryRun implements MessageDispatchInterceptor<CommandMessage<?>> {
        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            return (index, command) -> isDryRun() ? command.andMetaData(MetaData.from(Map.of(DRY_RUN, true))) : command;
        }

        private static boolean isDryRun() {
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                return false;
            }
            HttpServletRequest request = attributes.getRequest();
            String value = request.getParameter(DRY_RUN);
            if (value == null || value.equalsIgnoreCase("false")) {
                return false;
            }
            if (!value.equalsIgnoreCase("true")) {
                throw new InvalidQueryParameterException(DRY_RUN, "must be true or false");
            }
            String path = request.getRequestURI();
            if (WRITES.stream().noneMatch(path::startsWith)) {
                throw new InvalidQueryParameterException(DRY_RUN, "is not offered on " + path);
            }
            return true;
        }
    }
}
