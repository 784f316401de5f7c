package dev.mosaic.command.api;

import dev.mosaic.events.changerequest.ChangeOperation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a change request: the operation waits for {@code approvalsRequired} admins other than the author. */
public record ProposeChange(@TargetAggregateIdentifier String changeRequestId, String title, ChangeOperation operation,
                            String authorId, String authorName, long baseSeq, int approvalsRequired) {
}
