package dev.mosaic.command.api;

import dev.mosaic.events.installation.InstallationEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveOidc(@TargetAggregateIdentifier String installationId, @TargetAggregateVersion Long expectedVersion) {
    public RemoveOidc() {
        this(InstallationEvent.ID, null);
    }

    public RemoveOidc(Long expectedVersion) {
        this(InstallationEvent.ID, expectedVersion);
    }
}
