package dev.mosaic.command.installation;

import dev.mosaic.events.installation.InstallationEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveOidc(@TargetAggregateIdentifier String installationId) {
    public RemoveOidc() {
        this(InstallationEvent.ID);
    }
}
