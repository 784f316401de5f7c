package dev.mosaic.server.metrics;

import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.AgentStreams;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
class MetricsConfiguration {

    /** Registers the per-agent last-seen collector on the registry {@code /actuator/prometheus} scrapes. */
    @Bean
    DisposableBean lastSeenMetric(ObjectProvider<PrometheusMeterRegistry> meters, AgentConfigs store,
                                  AgentStreams stream,
                                  @Value("${mosaic.metrics.per-agent-limit:1000}") int perAgentLimit) {
        PrometheusMeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return () -> {
            };
        }
        PrometheusRegistry prometheus = registry.getPrometheusRegistry();
        LastSeenCollector collector = new LastSeenCollector(store::agents, stream::connectedAgents,
                name -> store.applied(name).lastSeenAt(), perAgentLimit, Clock.systemUTC());
        prometheus.register(collector);
        return () -> prometheus.unregister(collector);
    }
}
