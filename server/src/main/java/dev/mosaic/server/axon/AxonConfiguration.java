package dev.mosaic.server.axon;

import dev.mosaic.events.meta.Actor;
import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.events.meta.RequestContext;
import dev.mosaic.query.api.Replay;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

@Configuration
class AxonConfiguration {

    /**
     * The settings views, the audit trail and the render requests are updated in the command's own transaction,
     * so a client reads its own write at once; agent configs are rendered after the commit (ConfigRenderer).
     */
    @Bean
    ConfigurerModule subscribingProjections() {
        return configurer -> configurer.eventProcessing().usingSubscribingEventProcessors();
    }

    /**
     * A projection that fails fails the command, whatever kind of processor runs it: Axon's default logs and
     * carries on, and the failed SQL then rolls the whole transaction back at commit, after the client was told
     * its write was stored.
     */
    @Bean
    ConfigurerModule projectionFailuresPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /** Copies who/where/why from each command onto the events it produces. */
    @Bean
    CorrelationDataProvider auditCorrelation() {
        return new SimpleCorrelationDataProvider(AuditMetadata.ACTOR, AuditMetadata.ACTOR_NAME,
                AuditMetadata.CORRELATION_ID, AuditMetadata.CLIENT_ADDRESS);
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    InitializingBean commandMetadata(CommandBus commandBus, RequestContext context) {
        return () -> commandBus.registerDispatchInterceptor(new AuditMetadataInterceptor(context));
    }

    /** First thing in every command's transaction: a replay running on any node holds commands back until it commits. */
    @Bean
    InitializingBean replayGuard(CommandBus commandBus, Replay replay) {
        return () -> commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            replay.holdOffReplayInThisTransaction();
            return chain.proceed();
        });
    }

    /** Stamps every dispatched command with the actor, client address and correlation id of the request. */
    static final class AuditMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {
        private final RequestContext context;

        AuditMetadataInterceptor(RequestContext context) {
            this.context = context;
        }

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            return (index, command) -> {
                if (command.getMetaData().containsKey(AuditMetadata.ACTOR)) {
                    return command;
                }
                Actor actor = context.actor();
                Map<String, Object> metadata = new HashMap<>();
                metadata.put(AuditMetadata.ACTOR, actor.id());
                metadata.put(AuditMetadata.ACTOR_NAME, actor.name());
                metadata.put(AuditMetadata.CORRELATION_ID, context.correlationId());
                if (context.clientAddress() != null) {
                    metadata.put(AuditMetadata.CLIENT_ADDRESS, context.clientAddress());
                }
                return command.andMetaData(MetaData.from(metadata));
            };
        }
    }
}
