package dev.mosaic.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Times each command from the start of its handling to the end of its unit of work (the commit included: the
 * subscribing projections run in it), by command type and outcome. A dry run (metadata {@code dryRun=true})
 * stores nothing and is not counted.
 */
@Component
class CommandMetrics implements InitializingBean {
    static final String DRY_RUN = "dryRun";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500)};

    private final CommandBus commandBus;
    private final MeterRegistry registry;

    CommandMetrics(CommandBus commandBus, MeterRegistry registry) {
        this.commandBus = commandBus;
        this.registry = registry;
    }

    /** Registered here, not as an interceptor bean: Axon would register such a bean on the bus a second time. */
    @Override
    public void afterPropertiesSet() {
        MessageHandlerInterceptor<CommandMessage<?>> timing = this::time;
        commandBus.registerHandlerInterceptor(timing);
    }

    private Object time(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (isDryRun(command)) {
            return chain.proceed();
        }
        long start = System.nanoTime();
        String type = command.getPayloadType().getSimpleName();
        unitOfWork.onCleanup(u -> timer(type, u.isRolledBack() ? "failure" : "success")
                .record(Duration.ofNanos(System.nanoTime() - start)));
        return chain.proceed();
    }

    static boolean isDryRun(CommandMessage<?> command) {
        Object flag = command.getMetaData().get(DRY_RUN);
        return flag != null && Boolean.parseBoolean(flag.toString());
    }

    private Timer timer(String command, String outcome) {
        return Timer.builder("mosaic.command").tag("command", command).tag("outcome", outcome)
                .description("Command handling time, commit included").serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
