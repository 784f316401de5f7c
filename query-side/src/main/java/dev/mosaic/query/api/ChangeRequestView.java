package dev.mosaic.query.api;

import dev.mosaic.events.changerequest.ChangeOperation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A four-eyes change request as its events left it. {@code operation.body} holds ciphertexts for the secrets in it;
 * answers show them masked. What an event does to it is decided by {@code ChangeRequestReducer} alone.
 */
public record ChangeRequestView(String id, String title,
                                @Schema(allowableValues = {"open", "approved", "applied", "rejected", "cancelled"}) String state,
                                Person author, Instant createdAt, long baseSeq, int approvalsRequired,
                                List<Approval> approvals, @Nullable Person decidedBy, @Nullable String decisionComment,
                                @Nullable Instant decidedAt, @Nullable Long appliedSeq, ChangeOperation operation) {
    public static final String OPEN = "open";
    public static final String APPROVED = "approved";
    public static final String APPLIED = "applied";
    public static final String REJECTED = "rejected";
    public static final String CANCELLED = "cancelled";

    public record Person(String id, String name) {
    }

    public record Approval(Person by, Instant at, @Nullable String comment) {
    }

    public boolean isPending() {
        return state.equals(OPEN) || state.equals(APPROVED);
    }

    public ChangeRequestView withApproval(Approval approval, boolean approved) {
        List<Approval> all = new ArrayList<>(approvals);
        all.add(approval);
        return new ChangeRequestView(id, title, approved ? APPROVED : state, author, createdAt, baseSeq,
                approvalsRequired, List.copyOf(all), decidedBy, decisionComment, decidedAt, appliedSeq, operation);
    }

    public ChangeRequestView decided(String newState, Person by, @Nullable String comment, Instant at,
                                     @Nullable Long seq) {
        return new ChangeRequestView(id, title, newState, author, createdAt, baseSeq, approvalsRequired, approvals,
                by, comment, at, seq, operation);
    }

    public ChangeRequestView withOperation(ChangeOperation shown) {
        return new ChangeRequestView(id, title, state, author, createdAt, baseSeq, approvalsRequired, approvals,
                decidedBy, decisionComment, decidedAt, appliedSeq, shown);
    }
}
