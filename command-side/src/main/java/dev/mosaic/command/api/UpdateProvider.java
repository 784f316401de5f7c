package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/**
 * A partial update: null fields stay as they are; an empty {@code baseUrl} returns to the type's default.
 * {@code expectedVersion} (from If-Match) is null when the caller does not care about concurrent edits.
 */
public record UpdateProvider(@TargetAggregateIdentifier String providerId,
                             @TargetAggregateVersion Long expectedVersion,
                             String displayName, String type, String baseUrl, String apiType,
                             List<ModelInput> models, Boolean active) {
}
