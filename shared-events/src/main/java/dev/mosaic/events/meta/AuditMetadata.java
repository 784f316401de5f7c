package dev.mosaic.events.meta;

/** Metadata keys every command and event carries: who did it, from where, as part of what. */
public final class AuditMetadata {
    public static final String ACTOR = "actor";
    public static final String ACTOR_NAME = "actorName";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CLIENT_ADDRESS = "clientAddress";
    /** On the commands and events of a revert: the audit seq whose state it restores, and the operator's reason. */
    public static final String REVERT_OF = "revertOf";
    public static final String REVERT_REASON = "revertReason";
    /** On the commands and events of a rollout's rollback: the rollout it belongs to (they are served at once). */
    public static final String ROLLOUT = "rollout";
    /** On the commands and events of a write that moves agents' versions under a rollout policy: its rollout's id. */
    public static final String STARTS_ROLLOUT = "startsRollout";

    private AuditMetadata() {
    }

    /** The four-eyes change request a command applies, its author's name and its approvers' names. */
    public static final String CHANGE_REQUEST = "changeRequest";
    public static final String CHANGE_REQUEST_AUTHOR = "changeRequestAuthor";
    public static final String CHANGE_REQUEST_APPROVERS = "changeRequestApprovers";
}
