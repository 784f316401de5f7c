package dev.mosaic.command.agent;

import dev.mosaic.command.api.ModelAssignment;
import dev.mosaic.events.agent.ModelRef;

import java.util.List;

/** The body of {@code PUT /api/agents/{name}/model}. */
record ModelRequest(String providerId, String primaryModel, List<ModelRef> fallbacks) {
    ModelAssignment toAssignment() {
        return new ModelAssignment(providerId, primaryModel, fallbacks);
    }
}
