package dev.mosaic.server.changerequest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.server.web.ProblemWriter;
import jakarta.servlet.Filter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

@Configuration
class ChangeRequestConfiguration {
    @Bean
    FilterRegistrationBean<Filter> changePolicyGate(CurrentInstallation installation, Proposals proposals,
                                                    ProblemWriter problems, ObjectMapper json) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new ChangePolicyGate(installation, proposals, problems, json));
        registration.setName("changePolicyGate");
        registration.setOrder(1); // after the dry-run filter (0), before the rollout gate (2)
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** An applied change request's commands name it, its author and its approvers; their events carry it on. */
    @Bean
    InitializingBean changeRequestMarking(CommandBus commandBus) {
        MessageDispatchInterceptor<CommandMessage<?>> mark = new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    Map<String, String> current = ChangeRequestContext.current();
                    return current == null ? command : command.andMetaData(MetaData.from(current));
                };
            }
        };
        return () -> commandBus.registerDispatchInterceptor(mark);
    }

    @Bean
    CorrelationDataProvider changeRequestCorrelation() {
        return new SimpleCorrelationDataProvider(AuditMetadata.CHANGE_REQUEST, AuditMetadata.CHANGE_REQUEST_AUTHOR,
                AuditMetadata.CHANGE_REQUEST_APPROVERS);
    }
}
