package dev.mosaic.command.rollout;

import dev.mosaic.command.api.BakeRolloutWave;
import dev.mosaic.command.api.CompleteRolloutWave;
import dev.mosaic.command.api.FailRollout;
import dev.mosaic.command.api.FinishRollback;
import dev.mosaic.command.api.PauseRollout;
import dev.mosaic.command.api.PromoteRollout;
import dev.mosaic.command.api.RecordRolloutChecks;
import dev.mosaic.command.api.ResumeRollout;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.command.api.StartRollout;
import dev.mosaic.command.api.StartRolloutWave;
import dev.mosaic.events.rollout.RolloutAgentChecked;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One staged rollout of a change: which transitions are allowed. When they happen is decided by the server's
 * rollout driver (time, the agents' reports and probes); every decision is an event, so a rollout survives a
 * restart and can be driven by any node.
 */
@Aggregate
class Rollout {
    enum Status { ROLLING, PAUSED, ROLLING_BACK, SUCCEEDED, ROLLED_BACK, ABORTED }

    enum WaveState { PENDING, ROLLING, BAKING, SUCCEEDED }

    @AggregateIdentifier
    private String rolloutId;
    private Status status;
    private WaveState[] waves;
    private boolean promoted;
    private boolean aborted;
    private final Map<String, String> checks = new HashMap<>();

    protected Rollout() {
    }

    @CommandHandler
    Rollout(StartRollout command) {
        if (command.waves() == null || command.waves().isEmpty()
                || command.waves().stream().anyMatch(w -> w.agents().isEmpty())) {
            throw new IllegalArgumentException("a rollout needs waves of at least one agent each");
        }
        apply(new RolloutStarted(command.rolloutId(), command.causeSeq(), command.causeSummary(),
                command.causeActorName(), command.firstSeq(), command.verify(), command.bakeSeconds(),
                command.applyTimeoutSeconds(), command.maxFailedAgents(), command.waves()));
    }

    @CommandHandler
    void handle(StartRolloutWave command) {
        int wave = command.wave();
        require(status == Status.ROLLING, "start a wave");
        requireWave(wave);
        if (waves[wave] != WaveState.PENDING) {
            throw new RuleViolationException("wave " + (wave + 1) + " of rollout " + rolloutId + " has started already");
        }
        if (wave > 0 && waves[wave - 1] != WaveState.SUCCEEDED && !promoted) {
            throw new RuleViolationException("wave " + wave + " of rollout " + rolloutId + " has not succeeded yet");
        }
        apply(new RolloutWaveStarted(rolloutId, wave));
    }

    @CommandHandler
    void handle(RecordRolloutChecks command) {
        require(status == Status.ROLLING || status == Status.PAUSED, "record a check");
        requireWave(command.wave());
        for (RecordRolloutChecks.AgentCheck check : command.checks()) {
            if (!(check.state() + ":" + check.reason()).equals(checks.get(check.agentId()))) {
                apply(new RolloutAgentChecked(rolloutId, command.wave(), check.agentId(), check.state(), check.reason()));
            }
        }
    }

    @CommandHandler
    void handle(BakeRolloutWave command) {
        requireWave(command.wave());
        if (waves[command.wave()] != WaveState.ROLLING) {
            throw new RuleViolationException("wave " + (command.wave() + 1) + " is not rolling");
        }
        apply(new RolloutWaveBaking(rolloutId, command.wave()));
    }

    @CommandHandler
    void handle(CompleteRolloutWave command) {
        requireWave(command.wave());
        if (waves[command.wave()] != WaveState.BAKING) {
            throw new RuleViolationException("wave " + (command.wave() + 1) + " is not baking");
        }
        apply(new RolloutWaveSucceeded(rolloutId, command.wave()));
        boolean all = true;
        for (WaveState state : waves) {
            all &= state == WaveState.SUCCEEDED;
        }
        if (all) {
            apply(new RolloutSucceeded(rolloutId));
        }
    }

    @CommandHandler
    void handle(PauseRollout command) {
        require(status == Status.ROLLING, "be paused");
        apply(new RolloutPaused(rolloutId));
    }

    @CommandHandler
    void handle(ResumeRollout command) {
        require(status == Status.PAUSED, "be resumed");
        apply(new RolloutResumed(rolloutId));
    }

    @CommandHandler
    void handle(PromoteRollout command) {
        require(status == Status.ROLLING || status == Status.PAUSED, "be promoted");
        if (status == Status.PAUSED) {
            apply(new RolloutResumed(rolloutId));
        }
        apply(new RolloutPromoted(rolloutId));
    }

    @CommandHandler
    void handle(FailRollout command) {
        require(status == Status.ROLLING || status == Status.PAUSED, command.aborted() ? "be aborted" : "fail");
        apply(new RolloutFailed(rolloutId, command.agent(), command.reason(), command.aborted()));
    }

    @CommandHandler
    void handle(FinishRollback command) {
        require(status == Status.ROLLING_BACK, "finish a rollback");
        apply(new RolloutRolledBack(rolloutId, command.revertSeq()));
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new RuleViolationException("rollout " + rolloutId + " is " + status.name().toLowerCase().replace('_', ' ')
                    + ": it cannot " + action);
        }
    }

    private void requireWave(int wave) {
        if (wave < 0 || wave >= waves.length) {
            throw new RuleViolationException("rollout " + rolloutId + " has no wave " + (wave + 1));
        }
    }

    @EventSourcingHandler
    void on(RolloutStarted event) {
        rolloutId = event.rolloutId();
        status = Status.ROLLING;
        waves = new WaveState[event.waves().size()];
        java.util.Arrays.fill(waves, WaveState.PENDING);
    }

    @EventSourcingHandler
    void on(RolloutWaveStarted event) {
        waves[event.wave()] = WaveState.ROLLING;
    }

    @EventSourcingHandler
    void on(RolloutAgentChecked event) {
        checks.put(event.agentId(), event.state() + ":" + event.reason());
    }

    @EventSourcingHandler
    void on(RolloutWaveBaking event) {
        waves[event.wave()] = WaveState.BAKING;
    }

    @EventSourcingHandler
    void on(RolloutWaveSucceeded event) {
        waves[event.wave()] = WaveState.SUCCEEDED;
    }

    @EventSourcingHandler
    void on(RolloutPaused event) {
        status = Status.PAUSED;
    }

    @EventSourcingHandler
    void on(RolloutResumed event) {
        status = Status.ROLLING;
    }

    @EventSourcingHandler
    void on(RolloutPromoted event) {
        promoted = true;
    }

    @EventSourcingHandler
    void on(RolloutFailed event) {
        status = Status.ROLLING_BACK;
        aborted = event.aborted();
    }

    @EventSourcingHandler
    void on(RolloutRolledBack event) {
        status = aborted ? Status.ABORTED : Status.ROLLED_BACK;
    }

    @EventSourcingHandler
    void on(RolloutSucceeded event) {
        status = Status.SUCCEEDED;
    }
}
