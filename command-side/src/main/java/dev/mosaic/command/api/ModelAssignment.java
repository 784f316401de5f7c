package dev.mosaic.command.api;

import dev.mosaic.events.agent.ModelRef;

import java.util.List;

/** An agent's primary model and its fallbacks, in order. */
public record ModelAssignment(String providerId, String primaryModel, List<ModelRef> fallbacks) {
    public ModelAssignment {
        fallbacks = fallbacks == null ? List.of() : fallbacks;
    }
}
