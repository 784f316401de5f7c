package dev.mosaic.query.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.lang.Nullable;

import java.util.List;

/**
 * What events that were not stored would do: per agent whose config they touch, whether its version would move
 * and how its (masked) config would change.
 */
public interface ChangePreview {
    /** {@code currentVersion} is null for an agent that is not served yet. */
    record AgentChange(String name, @Nullable Long currentVersion, boolean versionWouldMove, List<ConfigChange> changes) {
    }

    /** How the audit would read one event: its type, summary and field changes. */
    @Schema(name = "Description")
    record EventDescription(String type, String summary, List<FieldChange> changes) {
    }

    /** The answer to a write sent with {@code ?dryRun=true}: what it would have stored, and done to agents. */
    record DryRunPreview(boolean dryRun, List<EventDescription> events, List<AgentChange> agents) {
    }

    /** A dry run's answer: how the audit would read the events, and their agent changes against what is served now. */
    DryRunPreview preview(List<? extends EventMessage<?>> events);

    /** The agent changes of {@code events} applied to {@code before}, whose configs are rendered from it. */
    List<AgentChange> agentChanges(FleetState before, List<? extends EventMessage<?>> events);
}
