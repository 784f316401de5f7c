package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ApproveChangeRequest(@TargetAggregateIdentifier String changeRequestId, String approverId,
                                   String approverName, String comment) {
}
