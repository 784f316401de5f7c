package dev.mosaic.server.security;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Agents' requests are not timed as {@code http.server.requests}: the fleet polls them all day, a timer per
 * request costs a tenth of a fetch, and what an operator wants to know of agents (seen when, on which config
 * version, connected or not) is in the agent metrics and status, not in request latencies.
 */
@Configuration(proxyBeanMethods = false)
class AgentRequestObservations {

    @Bean
    ObservationPredicate noAgentRequestObservations() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && StatelessPaths.AGENT_REQUESTS.matches(request.getCarrier()));
    }
}
