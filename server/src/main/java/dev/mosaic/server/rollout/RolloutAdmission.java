package dev.mosaic.server.rollout;

import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.RolloutView;
import dev.mosaic.query.api.Rollouts;
import dev.mosaic.server.web.ProblemWriter;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Whether a write may go ahead while a rollout policy is on or a rollout runs, judged on the events its trial run
 * stored: one that would move an agent's version while a rollout is rolling or paused is refused; under a policy,
 * one that moves versions starts a rollout (its commands carry the id). Used by every write ({@link RolloutGate})
 * and by an approved change request when it is applied.
 */
@Component
public class RolloutAdmission {
    private static final ThreadLocal<String> STARTING = new ThreadLocal<>();
    private final ChangePreview preview;
    private final Rollouts rollouts;
    private final CurrentInstallation installation;
    private final FleetHistory history;

    RolloutAdmission(ChangePreview preview, Rollouts rollouts, CurrentInstallation installation, FleetHistory history) {
        this.preview = preview;
        this.rollouts = rollouts;
        this.installation = installation;
        this.history = history;
    }

    public sealed interface Decision permits Pass, Refuse, Start {
    }

    /** Nothing to do with rollouts: apply it as it is. */
    public record Pass() implements Decision {
    }

    public record Refuse(ProblemDetail problem) implements Decision {
    }

    public record Start(String rolloutId) implements Decision {
    }

    /** Whether any write needs judging now (a rollout runs or a policy is on); else every write passes untried. */
    public boolean judging() {
        return rollouts.active().isPresent() || installation.current().policy().enabled();
    }

    public Decision decide(List<EventMessage<?>> trialEvents) {
        Optional<RolloutView> active = rollouts.active();
        boolean policy = installation.current().policy().enabled();
        if (active.isEmpty() && !policy) {
            return new Pass();
        }
        // against the newest rendered configs, not the served ones: agents a rollout holds back are served older ones
        boolean moves = preview.agentChanges(history.now(), trialEvents).stream()
                .anyMatch(ChangePreview.AgentChange::versionWouldMove);
        if (moves && active.isPresent()) {
            ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONFLICT, "rollout " + active.get().id()
                    + " is " + active.get().state() + ": changes that move an agent's version wait until it ends "
                    + "(or pause, promote or abort it)");
            problem.setProperty("rolloutId", active.get().id());
            return new Refuse(problem);
        }
        return moves ? new Start(UUID.randomUUID().toString()) : new Pass();
    }

    /** The rollout the write on this thread starts, if any (its commands carry it). */
    static String starting() {
        return STARTING.get();
    }

    /** Runs the write with the rollout it starts (when the decision is to start one). */
    public <T> T run(Decision decision, Supplier<T> write) {
        if (!(decision instanceof Start start)) {
            return write.get();
        }
        STARTING.set(start.rolloutId());
        try {
            return write.get();
        } finally {
            STARTING.remove();
        }
    }
}
