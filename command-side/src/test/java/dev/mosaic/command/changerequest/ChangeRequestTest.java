package dev.mosaic.command.changerequest;

import dev.mosaic.command.api.ApproveChangeRequest;
import dev.mosaic.command.api.CancelChangeRequest;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.MarkChangeRequestApplied;
import dev.mosaic.command.api.NotAllowedException;
import dev.mosaic.command.api.ProposeChange;
import dev.mosaic.command.api.RejectChangeRequest;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.events.changerequest.ChangeOperation;
import dev.mosaic.events.changerequest.ChangeRequestApplied;
import dev.mosaic.events.changerequest.ChangeRequestApproved;
import dev.mosaic.events.changerequest.ChangeRequestCancelled;
import dev.mosaic.events.changerequest.ChangeRequestProposed;
import dev.mosaic.events.changerequest.ChangeRequestRejected;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeRequestTest {
    private static final String ID = "cr1";
    private static final ChangeOperation MODEL_CHANGE = new ChangeOperation("PUT", "/api/agents/support/model", null,
            "{\"providerId\":\"p1\",\"primaryModel\":\"gpt-4o\"}");
    private static final ChangeRequestProposed PROPOSED_FOR_ONE = new ChangeRequestProposed(ID,
            "Change the model of agent support", MODEL_CHANGE, "user:alice", "alice", 41, 1);
    private static final ChangeRequestProposed PROPOSED_FOR_TWO = new ChangeRequestProposed(ID,
            "Change the model of agent support", MODEL_CHANGE, "user:alice", "alice", 41, 2);
    private static final ChangeRequestApproved BOB_APPROVED_ONE = new ChangeRequestApproved(ID, "user:bob", "bob", "ok", true);

    private FixtureConfiguration<ChangeRequest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChangeRequest.class);
    }

    @Test
    void aProposalOpensTheRequest() {
        fixture.givenNoPriorActivity()
                .when(new ProposeChange(ID, "Change the model of agent support", MODEL_CHANGE, "user:alice", "alice", 41, 1))
                .expectEvents(PROPOSED_FOR_ONE);
    }

    @Test
    void aProposalNeedsAPolicyThatAsksForApprovals() {
        fixture.givenNoPriorActivity()
                .when(new ProposeChange(ID, "t", MODEL_CHANGE, "user:alice", "alice", 41, 0))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void anotherAdminsApprovalApprovesItWhenOneIsRequired() {
        fixture.given(PROPOSED_FOR_ONE)
                .when(new ApproveChangeRequest(ID, "user:bob", "bob", "ok"))
                .expectEvents(BOB_APPROVED_ONE);
    }

    @Test
    void theAuthorNeverCountsAsAnApprover() {
        fixture.given(PROPOSED_FOR_ONE)
                .when(new ApproveChangeRequest(ID, "user:alice", "alice", "looks good to me"))
                .expectException(NotAllowedException.class)
                .expectNoEvents();
    }

    @Test
    void twoApprovalsAreNeededFromTwoDifferentAdmins() {
        fixture.given(PROPOSED_FOR_TWO, new ChangeRequestApproved(ID, "user:bob", "bob", null, false))
                .when(new ApproveChangeRequest(ID, "user:carol", "carol", null))
                .expectEvents(new ChangeRequestApproved(ID, "user:carol", "carol", null, true));
    }

    @Test
    void theSameApproverTwiceIsAConflict() {
        fixture.given(PROPOSED_FOR_TWO, new ChangeRequestApproved(ID, "user:bob", "bob", null, false))
                .when(new ApproveChangeRequest(ID, "user:bob", "bob", "again"))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void anApprovedRequestIsAppliedOnce() {
        fixture.given(PROPOSED_FOR_ONE, BOB_APPROVED_ONE)
                .when(new MarkChangeRequestApplied(ID, "user:alice", "alice"))
                .expectEvents(new ChangeRequestApplied(ID, "user:alice", "alice"));
        fixture.given(PROPOSED_FOR_ONE, BOB_APPROVED_ONE, new ChangeRequestApplied(ID, "user:alice", "alice"))
                .when(new MarkChangeRequestApplied(ID, "user:bob", "bob"))
                .expectException(RuleViolationException.class);
    }

    @Test
    void anOpenRequestCannotBeApplied() {
        fixture.given(PROPOSED_FOR_TWO, new ChangeRequestApproved(ID, "user:bob", "bob", null, false))
                .when(new MarkChangeRequestApplied(ID, "user:bob", "bob"))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aRejectedRequestIsNeverApplied() {
        ChangeRequestRejected rejected = new ChangeRequestRejected(ID, "user:bob", "bob", "wrong model");
        fixture.given(PROPOSED_FOR_ONE)
                .when(new RejectChangeRequest(ID, "user:bob", "bob", "wrong model"))
                .expectEvents(rejected);
        fixture.given(PROPOSED_FOR_ONE, rejected)
                .when(new MarkChangeRequestApplied(ID, "user:alice", "alice"))
                .expectException(RuleViolationException.class);
        fixture.given(PROPOSED_FOR_ONE, rejected)
                .when(new ApproveChangeRequest(ID, "user:carol", "carol", null))
                .expectException(RuleViolationException.class);
    }

    @Test
    void aRejectionSaysWhyAndIsNotTheAuthors() {
        fixture.given(PROPOSED_FOR_ONE)
                .when(new RejectChangeRequest(ID, "user:bob", "bob", " "))
                .expectException(InvalidCommandException.class);
        fixture.given(PROPOSED_FOR_ONE)
                .when(new RejectChangeRequest(ID, "user:alice", "alice", "changed my mind"))
                .expectException(NotAllowedException.class);
    }

    @Test
    void anOpenOrApprovedRequestCanBeCancelledButNotAnAppliedOne() {
        fixture.given(PROPOSED_FOR_ONE, BOB_APPROVED_ONE)
                .when(new CancelChangeRequest(ID, "user:alice", "alice"))
                .expectEvents(new ChangeRequestCancelled(ID, "user:alice", "alice"));
        fixture.given(PROPOSED_FOR_ONE, BOB_APPROVED_ONE, new ChangeRequestApplied(ID, "user:alice", "alice"))
                .when(new CancelChangeRequest(ID, "user:alice", "alice"))
                .expectException(RuleViolationException.class);
        fixture.given(PROPOSED_FOR_ONE, new ChangeRequestCancelled(ID, "user:alice", "alice"))
                .when(new ApproveChangeRequest(ID, "user:bob", "bob", null))
                .expectException(RuleViolationException.class);
    }
}
