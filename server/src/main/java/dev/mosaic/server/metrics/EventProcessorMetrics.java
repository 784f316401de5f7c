package dev.mosaic.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer module, for the event processors only: {@code mosaic_event_processor_latency{processor}},
 * the milliseconds between an event's creation and its handling by each processor. Axon's own auto-configuration
 * is off: it would time every bus and processor by message type with quantiles (thousands of series).
 */
@Configuration
class EventProcessorMetrics {

    @Bean
    ConfigurerModule eventProcessorLatency(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, processor) -> anyMessage(EventProcessorLatencyMonitor.builder()
                        .meterNamePrefix("mosaic.event.processor").meterRegistry(registry)
                        .tagsBuilder(message -> Tags.of("processor", processor)).build()));
    }

    /** Event processors only ever hand it events (the cast Axon's own GlobalMetricRegistry makes too). */
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> anyMessage(MessageMonitor<? extends Message<?>> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }
}
