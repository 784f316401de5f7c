package dev.mosaic.events.installation;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * How changes reach the agents from now on: with {@code enabled}, in cumulative waves (percentages of the agents a
 * change moves), each verified ({@code verify}: applied, ready or chat) and baked before the next.
 */
@Revision("1")
public record RolloutPolicySet(String installationId, boolean enabled, List<Integer> waves, int bakeSeconds,
                               int applyTimeoutSeconds, String verify, int maxFailedAgents)
        implements InstallationEvent {
}
