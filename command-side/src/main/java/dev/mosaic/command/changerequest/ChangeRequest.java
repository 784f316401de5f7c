package dev.mosaic.command.changerequest;

import dev.mosaic.command.api.ApproveChangeRequest;
import dev.mosaic.command.api.CancelChangeRequest;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.MarkChangeRequestApplied;
import dev.mosaic.command.api.NotAllowedException;
import dev.mosaic.command.api.ProposeChange;
import dev.mosaic.command.api.RejectChangeRequest;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.command.api.SetChangePolicy;
import dev.mosaic.events.changerequest.ChangeRequestApplied;
import dev.mosaic.events.changerequest.ChangeRequestApproved;
import dev.mosaic.events.changerequest.ChangeRequestCancelled;
import dev.mosaic.events.changerequest.ChangeRequestProposed;
import dev.mosaic.events.changerequest.ChangeRequestRejected;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One four-eyes change request: who may move it on and when. The author never counts as an approver, each admin
 * approves once, and only an approved request is applied, once. Whether what it would change has moved meanwhile
 * (stale) is decided against the fleet when it is applied, not here.
 */
@Aggregate
class ChangeRequest {
    enum State { OPEN, APPROVED, APPLIED, REJECTED, CANCELLED }

    @AggregateIdentifier
    private String changeRequestId;
    private String authorId;
    private int approvalsRequired;
    private final Set<String> approvers = new HashSet<>();
    private State state;

    protected ChangeRequest() {
    }

    @CommandHandler
    ChangeRequest(ProposeChange command) {
        if (command.approvalsRequired() < 1 || command.approvalsRequired() > SetChangePolicy.MAX_APPROVALS) {
            throw InvalidCommandException.of("approvalsRequired", "must be 1 or 2 while proposing");
        }
        apply(new ChangeRequestProposed(command.changeRequestId(), command.title(), command.operation(),
                command.authorId(), command.authorName(), command.baseSeq(), command.approvalsRequired()));
    }

    @CommandHandler
    void handle(ApproveChangeRequest command) {
        if (command.approverId().equals(authorId)) {
            throw new NotAllowedException("the author of change request " + changeRequestId + " cannot approve it");
        }
        require(state == State.OPEN, "approve it");
        if (approvers.contains(command.approverId())) {
            throw new RuleViolationException(command.approverName() + " has approved change request "
                    + changeRequestId + " already");
        }
        apply(new ChangeRequestApproved(changeRequestId, command.approverId(), command.approverName(),
                command.comment(), approvers.size() + 1 >= approvalsRequired));
    }

    @CommandHandler
    void handle(RejectChangeRequest command) {
        if (command.byId().equals(authorId)) {
            throw new NotAllowedException("the author of change request " + changeRequestId
                    + " cannot reject it (cancel it instead)");
        }
        if (command.comment() == null || command.comment().isBlank()) {
            throw InvalidCommandException.of("comment", "say why the change is rejected");
        }
        require(state == State.OPEN || state == State.APPROVED, "reject it");
        apply(new ChangeRequestRejected(changeRequestId, command.byId(), command.byName(), command.comment()));
    }

    @CommandHandler
    void handle(CancelChangeRequest command) {
        require(state == State.OPEN || state == State.APPROVED, "cancel it");
        apply(new ChangeRequestCancelled(changeRequestId, command.byId(), command.byName()));
    }

    @CommandHandler
    void handle(MarkChangeRequestApplied command) {
        require(state == State.APPROVED, "apply it");
        apply(new ChangeRequestApplied(changeRequestId, command.byId(), command.byName()));
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new RuleViolationException("change request " + changeRequestId + " is " + state.name().toLowerCase()
                    + ": cannot " + action);
        }
    }

    @EventSourcingHandler
    void on(ChangeRequestProposed event) {
        changeRequestId = event.changeRequestId();
        authorId = event.authorId();
        approvalsRequired = event.approvalsRequired();
        state = State.OPEN;
    }

    @EventSourcingHandler
    void on(ChangeRequestApproved event) {
        approvers.add(event.approverId());
        if (event.approved()) {
            state = State.APPROVED;
        }
    }

    @EventSourcingHandler
    void on(ChangeRequestRejected event) {
        state = State.REJECTED;
    }

    @EventSourcingHandler
    void on(ChangeRequestCancelled event) {
        state = State.CANCELLED;
    }

    @EventSourcingHandler
    void on(ChangeRequestApplied event) {
        state = State.APPLIED;
    }
}
