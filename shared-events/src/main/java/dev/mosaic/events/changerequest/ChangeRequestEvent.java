package dev.mosaic.events.changerequest;

/** Every event of one four-eyes change request; {@code changeRequestId} is the aggregate identifier. */
public sealed interface ChangeRequestEvent permits ChangeRequestProposed, ChangeRequestApproved,
        ChangeRequestRejected, ChangeRequestCancelled, ChangeRequestApplied {
    String changeRequestId();
}
