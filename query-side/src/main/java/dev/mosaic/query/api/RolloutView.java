package dev.mosaic.query.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One staged rollout as operators read it (and as the rollout driver decides from it); what each rollout event
 * does to it is decided by {@code RolloutReducer} alone. Fields the driver needs but people do not are kept in
 * store only.
 */
public record RolloutView(String id,
                          @Schema(allowableValues = {"rolling", "paused", "succeeded", "rolled_back", "aborted"})
                          String state,
                          Cause cause, Instant startedAt, @Nullable Instant finishedAt,
                          @Schema(allowableValues = {"applied", "ready", "chat"}) String verify,
                          List<Wave> waves, @Nullable Failure failure, @Nullable Long revertSeq,
                          @JsonIgnore @KeptInStore Settings settings) {

    /** The change that started it: its newest audit entry (named apart from a config version's Cause in the API). */
    @Schema(name = "RolloutCause")
    public record Cause(long seq, String summary, String actorName) {
    }

    /** Why it was rolled back: the agent ({@code null} for a provider key refused before any agent) and the reason. */
    public record Failure(@Nullable String agent, String reason) {
    }

    /** What the driver needs: the first event of the change, the timings, and whether it was promoted or aborted. */
    public record Settings(long firstSeq, int bakeSeconds, int applyTimeoutSeconds, int maxFailedAgents,
                           boolean promoted, boolean aborted) {
    }

    public record Wave(int percent,
                       @Schema(allowableValues = {"pending", "rolling", "baking", "succeeded", "failed"}) String state,
                       @Nullable Instant startedAt, @Nullable Instant finishedAt, List<WaveAgent> agents,
                       @JsonIgnore @KeptInStore @Nullable Instant bakeStartedAt) {
        public Wave with(String state, Instant startedAt, Instant finishedAt, Instant bakeStartedAt) {
            return new Wave(percent, state, startedAt, finishedAt, agents, bakeStartedAt);
        }

        public Wave withAgents(List<WaveAgent> agents) {
            return new Wave(percent, state, startedAt, finishedAt, agents, bakeStartedAt);
        }
    }

    public record WaveAgent(String name, long fromVersion, long toVersion,
                            @Schema(allowableValues = {"pending", "served", "applied", "healthy", "failed"}) String state,
                            @Nullable String reason, @JsonIgnore @KeptInStore String agentId) {
        public WaveAgent with(String state, String reason) {
            return new WaveAgent(name, fromVersion, toVersion, state, reason, agentId);
        }
    }

    /** Still deciding: rolling or paused (a failed one until its revert is stored). */
    @JsonIgnore
    public boolean isActive() {
        return finishedAt == null;
    }

    public RolloutView withState(String state) {
        return new RolloutView(id, state, cause, startedAt, finishedAt, verify, waves, failure, revertSeq, settings);
    }

    public RolloutView withWave(int index, UnaryOperator<Wave> change) {
        List<Wave> changed = new ArrayList<>(waves);
        changed.set(index, change.apply(waves.get(index)));
        return new RolloutView(id, state, cause, startedAt, finishedAt, verify, List.copyOf(changed), failure,
                revertSeq, settings);
    }

    public RolloutView withSettings(Settings settings) {
        return new RolloutView(id, state, cause, startedAt, finishedAt, verify, waves, failure, revertSeq, settings);
    }

    public RolloutView failed(Failure failure) {
        return new RolloutView(id, state, cause, startedAt, finishedAt, verify, waves, failure, revertSeq, settings);
    }

    public RolloutView finished(String state, Instant at, Long revertSeq) {
        return new RolloutView(id, state, cause, startedAt, at, verify, waves, failure, revertSeq, settings);
    }
}
