package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelChangeRequest(@TargetAggregateIdentifier String changeRequestId, String byId, String byName) {
}
