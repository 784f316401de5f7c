package dev.mosaic.query.api;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.Map;

/**
 * What events that were not stored would do: per agent whose config they touch, whether its version would move
 * and how its (masked) config would change.
 */
public interface ChangePreview {
    record AgentChange(String name, Long currentVersion, boolean versionWouldMove, List<ConfigChange> changes) {
    }

    /** A dry run's answer: how the audit would read the events, and their agent changes against what is served now. */
    Map<String, Object> preview(List<? extends EventMessage<?>> events);

    /** The agent changes of {@code events} applied to {@code before}, whose configs are rendered from it. */
    List<AgentChange> agentChanges(FleetState before, List<? extends EventMessage<?>> events);
}
