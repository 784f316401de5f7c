package dev.mosaic.events.changerequest;

/**
 * Someone proposed a change: it waits for {@code approvalsRequired} other admins. {@code baseSeq} is the newest
 * event the author saw; an entity it touches that changes after it makes the request stale.
 */
public record ChangeRequestProposed(String changeRequestId, String title, ChangeOperation operation,
                                    String authorId, String authorName, long baseSeq, int approvalsRequired)
        implements ChangeRequestEvent {
}
