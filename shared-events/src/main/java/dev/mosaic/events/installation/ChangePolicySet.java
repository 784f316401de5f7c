package dev.mosaic.events.installation;

/** How many admins other than the author must approve a change to the fleet before it is applied (0: none). */
public record ChangePolicySet(String installationId, int approvalsRequired) implements InstallationEvent {
}
