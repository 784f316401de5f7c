package dev.mosaic.command.api;

import dev.mosaic.events.installation.InstallationEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** How many admins other than the author must approve each change to the fleet: 0, 1 or 2. */
public record SetChangePolicy(@TargetAggregateIdentifier String installationId,
                              @TargetAggregateVersion Long expectedVersion, int approvalsRequired) {
    public static final int MAX_APPROVALS = 2;

    public SetChangePolicy(Long expectedVersion, int approvalsRequired) {
        this(InstallationEvent.ID, expectedVersion, approvalsRequired);
    }
}
