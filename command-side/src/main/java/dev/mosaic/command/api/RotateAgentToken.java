package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RotateAgentToken(@TargetAggregateIdentifier String agentId, String token) {
    @Override
    public String toString() {
        return "RotateAgentToken[" + agentId + "]";
    }
}
