package dev.mosaic.server.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands are timed by type and outcome; dry runs are not counted. */
class CommandMetricsTest {
    record Greet(String whom) {
    }

    @Test
    void timesCommandsByTypeAndOutcomeAndSkipsDryRuns() throws Exception {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Greet.class.getName(), message -> {
            if (((Greet) message.getPayload()).whom().isEmpty()) {
                throw new IllegalArgumentException("nobody");
            }
            return "hello";
        });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new CommandMetrics(bus, registry).afterPropertiesSet();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        gateway.sendAndWait(new Greet("world"));
        gateway.sendAndWait(new GenericCommandMessage<>(new Greet("world")).andMetaData(MetaData.with("dryRun", true)));
        gateway.sendAndWait(new GenericCommandMessage<>(new Greet("world")).andMetaData(MetaData.with("dryRun", "true")));
        assertThatThrownBy(() -> gateway.sendAndWait(new Greet(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gateway.sendAndWait(new GenericCommandMessage<>(new Greet(""))
                .andMetaData(MetaData.with("dryRun", true)))).isInstanceOf(IllegalArgumentException.class);

        assertThat(registry.get("mosaic.command").tag("command", "Greet").tag("outcome", "success").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("mosaic.command").tag("command", "Greet").tag("outcome", "failure").timer().count())
                .isEqualTo(1);
    }
}
