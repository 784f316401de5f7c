package dev.mosaic.events.changerequest;

/** An admin other than the author approved; {@code approved} says whether that made enough approvals. */
public record ChangeRequestApproved(String changeRequestId, String approverId, String approverName, String comment,
                                    boolean approved) implements ChangeRequestEvent {
}
