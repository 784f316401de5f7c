package dev.mosaic.server.rollout;

import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.server.change.ChangePipeline;
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
class RolloutConfiguration {

    @Bean
    FilterRegistrationBean<Filter> rolloutGate(ChangePipeline pipeline, RolloutAdmission admission,
                                               ProblemWriter problems) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new RolloutGate(pipeline, admission, problems));
        registration.setName("rolloutGate");
        registration.setOrder(2); // the last filter: its trial and its real run pass through the same ones
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** A write that starts a rollout marks its commands; their events carry the id on (so the renderer knows it). */
    @Bean
    InitializingBean rolloutMarking(CommandBus commandBus) {
        MessageDispatchInterceptor<CommandMessage<?>> mark = new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
                return (index, command) -> RolloutAdmission.starting() == null ? command
                        : command.andMetaData(MetaData.from(Map.of(AuditMetadata.STARTS_ROLLOUT, RolloutAdmission.starting())));
            }
        };
        return () -> commandBus.registerDispatchInterceptor(mark);
    }

    /** A rollback's commands pass their rollout on to their events; so does a write that starts one. */
    @Bean
    CorrelationDataProvider rolloutCorrelation() {
        return new SimpleCorrelationDataProvider(AuditMetadata.ROLLOUT, AuditMetadata.STARTS_ROLLOUT);
    }
}
