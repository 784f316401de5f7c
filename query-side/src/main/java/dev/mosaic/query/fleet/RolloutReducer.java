package dev.mosaic.query.fleet;

import dev.mosaic.events.rollout.RolloutAgentChecked;
import dev.mosaic.events.rollout.RolloutEvent;
import dev.mosaic.events.rollout.RolloutFailed;
import dev.mosaic.events.rollout.RolloutPaused;
import dev.mosaic.events.rollout.RolloutPromoted;
import dev.mosaic.events.rollout.RolloutResumed;
import dev.mosaic.events.rollout.RolloutRolledBack;
import dev.mosaic.events.rollout.RolloutStarted;
import dev.mosaic.events.rollout.RolloutSucceeded;
import dev.mosaic.events.rollout.RolloutWaveBaking;
import dev.mosaic.events.rollout.RolloutWaveStarted;
import dev.mosaic.events.rollout.RolloutWaveSucceeded;
import dev.mosaic.query.api.RolloutView;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;

/** What each rollout event means to the rollout operators read and the driver decides from: the one place. */
public final class RolloutReducer {
    private RolloutReducer() {
    }

    /** {@code at}: when the event was stored. */
    public static RolloutView apply(@Nullable RolloutView rollout, RolloutEvent event, Instant at) {
        if (event instanceof RolloutStarted e) {
            List<RolloutView.Wave> waves = e.waves().stream().map(w -> new RolloutView.Wave(w.percent(), "pending",
                    null, null, w.agents().stream().map(a -> new RolloutView.WaveAgent(a.name(), a.fromVersion(),
                    a.toVersion(), "pending", null, a.agentId())).toList(), null)).toList();
            return new RolloutView(e.rolloutId(), "rolling", new RolloutView.Cause(e.causeSeq(), e.causeSummary(),
                    e.causeActorName()), at, null, e.verify(), waves, null, null,
                    new RolloutView.Settings(e.firstSeq(), e.bakeSeconds(), e.applyTimeoutSeconds(),
                            e.maxFailedAgents(), false, false));
        }
        if (rollout == null) {
            return null;
        }
        if (event instanceof RolloutWaveStarted e) {
            return rollout.withWave(e.wave(), w -> w.with("rolling", at, null, null)
                    .withAgents(w.agents().stream().map(a -> a.with("served", null)).toList()));
        }
        if (event instanceof RolloutAgentChecked e) {
            return rollout.withWave(e.wave(), w -> w.withAgents(w.agents().stream()
                    .map(a -> a.agentId().equals(e.agentId()) ? a.with(e.state(), e.reason()) : a).toList()));
        }
        if (event instanceof RolloutWaveBaking e) {
            return rollout.withWave(e.wave(), w -> w.with("baking", w.startedAt(), null, at));
        }
        if (event instanceof RolloutWaveSucceeded e) {
            return rollout.withWave(e.wave(), w -> w.with("succeeded", w.startedAt(), at, w.bakeStartedAt()));
        }
        if (event instanceof RolloutPaused) {
            return rollout.withState("paused");
        }
        if (event instanceof RolloutResumed) {
            return rollout.withState("rolling");
        }
        if (event instanceof RolloutPromoted) {
            RolloutView.Settings s = rollout.settings();
            return rollout.withSettings(new RolloutView.Settings(s.firstSeq(), s.bakeSeconds(), s.applyTimeoutSeconds(),
                    s.maxFailedAgents(), true, s.aborted()));
        }
        if (event instanceof RolloutFailed e) {
            RolloutView failed = rollout.failed(new RolloutView.Failure(e.agent(), e.reason()));
            for (int i = 0; i < failed.waves().size(); i++) {
                String state = failed.waves().get(i).state();
                if (state.equals("rolling") || state.equals("baking")) {
                    failed = failed.withWave(i, w -> w.with("failed", w.startedAt(), at, w.bakeStartedAt()));
                }
            }
            RolloutView.Settings s = failed.settings();
            return failed.withSettings(new RolloutView.Settings(s.firstSeq(), s.bakeSeconds(), s.applyTimeoutSeconds(),
                    s.maxFailedAgents(), s.promoted(), e.aborted()));
        }
        if (event instanceof RolloutRolledBack e) {
            return rollout.finished(rollout.settings().aborted() ? "aborted" : "rolled_back", at, e.revertSeq());
        }
        if (event instanceof RolloutSucceeded) {
            return rollout.finished("succeeded", at, null);
        }
        return rollout;
    }
}
