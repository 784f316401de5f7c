package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AssignAgentModel(@TargetAggregateIdentifier String agentId, @TargetAggregateVersion Long expectedVersion,
                               ModelAssignment model) {
}
