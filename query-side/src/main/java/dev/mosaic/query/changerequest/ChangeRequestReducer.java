package dev.mosaic.query.changerequest;

import dev.mosaic.events.changerequest.ChangeRequestApplied;
import dev.mosaic.events.changerequest.ChangeRequestApproved;
import dev.mosaic.events.changerequest.ChangeRequestCancelled;
import dev.mosaic.events.changerequest.ChangeRequestEvent;
import dev.mosaic.events.changerequest.ChangeRequestProposed;
import dev.mosaic.events.changerequest.ChangeRequestRejected;
import dev.mosaic.query.api.ChangeRequestView;
import dev.mosaic.query.api.ChangeRequestView.Approval;
import dev.mosaic.query.api.ChangeRequestView.Person;

import java.time.Instant;
import java.util.List;

/** What each change request event means: the one place that decides it. {@code seq} is the event's position. */
final class ChangeRequestReducer {
    private ChangeRequestReducer() {
    }

    static ChangeRequestView apply(ChangeRequestView request, ChangeRequestEvent event, Instant at, long seq) {
        if (event instanceof ChangeRequestProposed e) {
            return new ChangeRequestView(e.changeRequestId(), e.title(), ChangeRequestView.OPEN,
                    new Person(e.authorId(), e.authorName()), at, e.baseSeq(), e.approvalsRequired(), List.of(),
                    null, null, null, null, e.operation());
        }
        if (request == null) {
            return null;
        }
        if (event instanceof ChangeRequestApproved e) {
            return request.withApproval(new Approval(new Person(e.approverId(), e.approverName()), at, e.comment()),
                    e.approved());
        }
        if (event instanceof ChangeRequestRejected e) {
            return request.decided(ChangeRequestView.REJECTED, new Person(e.byId(), e.byName()), e.comment(), at, null);
        }
        if (event instanceof ChangeRequestCancelled e) {
            return request.decided(ChangeRequestView.CANCELLED, new Person(e.byId(), e.byName()), null, at, null);
        }
        if (event instanceof ChangeRequestApplied e) {
            return request.decided(ChangeRequestView.APPLIED, new Person(e.byId(), e.byName()), null, at, seq);
        }
        return request;
    }
}
