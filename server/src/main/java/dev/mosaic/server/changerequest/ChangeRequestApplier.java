package dev.mosaic.server.changerequest;

import dev.mosaic.command.api.MarkChangeRequestApplied;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.events.meta.Actor;
import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.ChangeRequestView;
import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.dryrun.BufferedResponse;
import dev.mosaic.server.rollout.RolloutAdmission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Applies an approved change request: its operation is first run as a trial against today's fleet (it must still
 * be valid, and no entity it touches may have changed since the request's base), then for real together with the
 * request's "applied" event in one transaction, under the rollout rules of any other write. Its commands carry the
 * request, its author and its approvers to the audit.
 */
@Component
class ChangeRequestApplier {
    private final ChangePipeline pipeline;
    private final OperationRunner runner;
    private final OperationSecrets secrets;
    private final Staleness staleness;
    private final RolloutAdmission admission;
    private final ChangePreview previews;
    private final CommandGateway commands;
    private final People people;

    ChangeRequestApplier(ChangePipeline pipeline, OperationRunner runner, OperationSecrets secrets, Staleness staleness,
                         RolloutAdmission admission, ChangePreview previews, CommandGateway commands,
                         People people) {
        this.pipeline = pipeline;
        this.runner = runner;
        this.secrets = secrets;
        this.staleness = staleness;
        this.admission = admission;
        this.previews = previews;
        this.commands = commands;
        this.people = people;
    }

    /** The operation tried against today's fleet: whether it still succeeds, what it would change, what it touches. */
    record Trial(BufferedResponse answer, ChangePreview.DryRunPreview preview, List<Staleness.TouchedEntity> touched) {
        boolean stale() {
            return touched.stream().anyMatch(Staleness.TouchedEntity::stale);
        }
    }

    /** The operation failed when run for real: its answer, and nothing stored. */
    static final class OperationFailed extends RuntimeException {
        final transient BufferedResponse answer;

        OperationFailed(BufferedResponse answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    record Applied(BufferedResponse answer, String rolloutId) {
    }

    Trial trial(ChangeRequestView request, HttpServletRequest caller, HttpServletResponse response) {
        ChangePipeline.Outcome<BufferedResponse> tried = pipeline.dryRun(() -> ChangeRequestContext.running(request,
                () -> runner.run(caller, response, request.operation(), secrets.open(request.operation().body(), request.id()))));
        return new Trial(tried.value(), previews.preview(tried.events()), staleness.touched(tried.events(), request.baseSeq()));
    }

    Applied apply(ChangeRequestView request, HttpServletRequest caller, HttpServletResponse response) {
        if (!request.state().equals(ChangeRequestView.APPROVED)) {
            throw new RuleViolationException("change request " + request.id() + " is " + request.state()
                    + (request.state().equals(ChangeRequestView.OPEN) ? ": it needs " + request.approvalsRequired()
                    + " approval(s) before it is applied" : ": it cannot be applied"));
        }
        ChangePipeline.Outcome<BufferedResponse> tried = pipeline.dryRun(() -> ChangeRequestContext.running(request,
                () -> runner.run(caller, response, request.operation(), secrets.open(request.operation().body(), request.id()))));
        if (!tried.value().succeeded()) {
            throw new OperationFailed(tried.value());
        }
        staleness.touched(tried.events(), request.baseSeq()).stream().filter(Staleness.TouchedEntity::stale).findFirst()
                .ifPresent(changed -> {
                    throw new StaleChangeRequestException(request.id(), changed);
                });
        RolloutAdmission.Decision decision = admission.decide(tried.events());
        if (decision instanceof RolloutAdmission.Refuse refused) {
            throw new RuleViolationException(refused.problem().getDetail());
        }
        Actor by = people.current();
        BufferedResponse answer = pipeline.apply(() -> ChangeRequestContext.running(request,
                () -> admission.run(decision, () -> {
                    BufferedResponse real = runner.run(caller, response, request.operation(),
                            secrets.open(request.operation().body(), request.id()));
                    if (!real.succeeded()) {
                        throw new OperationFailed(real);
                    }
                    commands.sendAndWait(new MarkChangeRequestApplied(request.id(), by.id(), by.name()));
                    return real;
                }))).value();
        return new Applied(answer, decision instanceof RolloutAdmission.Start start ? start.rolloutId() : null);
    }
}
