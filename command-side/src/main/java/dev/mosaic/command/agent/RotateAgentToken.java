package dev.mosaic.command.agent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RotateAgentToken(@TargetAggregateIdentifier String agentId, String token) {
    @Override
    public String toString() {
        return "RotateAgentToken[" + agentId + "]";
    }
}
