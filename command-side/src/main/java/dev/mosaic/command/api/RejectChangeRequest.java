package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectChangeRequest(@TargetAggregateIdentifier String changeRequestId, String byId, String byName,
                                  String comment) {
}
