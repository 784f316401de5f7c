package dev.mosaic.server.fleetfile;

import dev.mosaic.command.api.FieldViolation;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.command.api.PlannedCommands;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.change.ChangePlanner;
import dev.mosaic.server.revert.RevertStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the fleet equal to a document: plans the ordinary commands with the {@link ChangePlanner} (as a revert
 * does) and sends them through the {@link ChangePipeline} in one transaction, all or nothing; a dry run rolls
 * them back. A plan with no commands sends nothing and stores nothing.
 */
@Component
class FleetApply {
    private final FleetHistory history;
    private final ChangePlanner planner;
    private final ChangePipeline pipeline;
    private final PlannedCommands commands;
    private final ChangePreview preview;
    private final FleetSecrets secrets;
    private final SecretCipher cipher;
    private final MeterRegistry meters;

    FleetApply(FleetHistory history, ChangePlanner planner, ChangePipeline pipeline, PlannedCommands commands,
               ChangePreview preview, FleetSecrets secrets, SecretCipher cipher, MeterRegistry meters) {
        this.meters = meters;
        this.history = history;
        this.planner = planner;
        this.pipeline = pipeline;
        this.commands = commands;
        this.preview = preview;
        this.secrets = secrets;
        this.cipher = cipher;
    }

    FleetDocument export(FleetState state) {
        return FleetExport.of(state, secrets);
    }

    FleetAnswer apply(FleetDocument document, boolean dryRun, boolean prune, Long ifMatch) {
        FleetState now = history.now();
        FleetTarget target = FleetTarget.of(document, now, prune, secrets);
        List<PlannedCommand> plan = planner.plan(target.desired(), now);
        if (ifMatch != null) {
            FleetStaleness.check(ifMatch, plan, now, history);
        }
        if (dryRun || !ChangePipeline.inDryRun()) { // not the trial run a rollout gate makes of an apply
            count(dryRun, plan.isEmpty());
        }
        if (plan.isEmpty()) {
            return new FleetAnswer(dryRun, now.seq(), now.seq(), List.of(), List.of(), target.unmanaged(), List.of());
        }
        ChangePipeline.Outcome<List<PlannedCommands.Sent>> outcome = dryRun
                ? pipeline.dryRun(() -> send(plan)) : pipeline.apply(() -> send(plan));
        FleetWording wording = new FleetWording(now);
        List<RevertStep> steps = outcome.value().stream().map(s -> new RevertStep(s.command().entityType(),
                s.entityId(), s.command().action(), wording.summary(s.command()))).toList();
        List<ChangePreview.AgentChange> agents = preview.agentChanges(now, outcome.events());
        long seq = dryRun ? now.seq() : history.now().seq();
        return new FleetAnswer(dryRun, now.seq(), seq, steps, agents, target.unmanaged(),
                dryRun ? List.of() : tokens(outcome.events()));
    }

    /** {@code mosaic_fleet_file_requests_total{mode="plan"|"apply", changes="yes"|"no"}}: accepted documents. */
    private void count(boolean dryRun, boolean empty) {
        Counter.builder("mosaic.fleet.file.requests").description("fleet documents planned or applied (valid ones)")
                .tag("mode", dryRun ? "plan" : "apply").tag("changes", empty ? "no" : "yes").register(meters).increment();
    }

    /** Sends the plan one command at a time, so that a refused command's fields are named by their document path. */
    private List<PlannedCommands.Sent> send(List<PlannedCommand> plan) {
        List<PlannedCommands.Sent> sent = new ArrayList<>();
        for (PlannedCommand command : plan) {
            try {
                sent.addAll(commands.send(List.of(command), Map.of()));
            } catch (InvalidCommandException e) {
                throw new InvalidCommandException(e.violations().stream()
                        .map(v -> new FieldViolation(documentPath(command, v.field()), v.message())).toList());
            }
        }
        return sent;
    }

    /** A command's field as the document names it: {@code agents.support.model.primary}. */
    static String documentPath(PlannedCommand command, String field) {
        String at = (command.entityType().equals("provider") ? "providers." : "agents.") + command.name();
        if (field == null || field.isEmpty() || field.equals("name")) {
            return at;
        }
        if (command.entityType().equals("agent")) {
            field = field.replace("providerId", "provider").replace("primaryModel", "primary");
            if (field.startsWith("fallbacks") || field.equals("provider") || field.equals("primary")) {
                field = "model." + field;
            }
        }
        return at + "." + field;
    }

    /** The tokens of the agents these events registered, decrypted to be shown once. */
    private List<FleetAnswer.CreatedToken> tokens(List<EventMessage<?>> events) {
        List<FleetAnswer.CreatedToken> tokens = new ArrayList<>();
        for (EventMessage<?> event : events) {
            if (event.getPayload() instanceof AgentRegistered registered) {
                tokens.add(new FleetAnswer.CreatedToken(registered.name(),
                        cipher.decrypt(registered.token(), SecretOwner.agentToken(registered.agentId()))));
            }
        }
        return tokens;
    }
}
