package dev.mosaic.query.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * How a change reaches the agents: off (all at once, as always), or in cumulative waves of the agents it moves,
 * canaries first, each verified ({@code applied}, {@code ready} or {@code chat}) and baked before the next.
 */
public record RolloutPolicy(boolean enabled, List<Integer> waves, int bakeSeconds, int applyTimeoutSeconds,
                            @Schema(allowableValues = {"applied", "ready", "chat"}) String verify,
                            int maxFailedAgents) {
    public static final RolloutPolicy DEFAULT = new RolloutPolicy(false, List.of(10, 50, 100), 60, 120, "applied", 0);

    public RolloutPolicy {
        waves = waves == null ? List.of() : List.copyOf(waves);
    }
}
