package dev.mosaic.events.meta;

/** Metadata keys every command and event carries: who did it, from where, as part of what. */
public final class AuditMetadata {
    public static final String ACTOR = "actor";
    public static final String ACTOR_NAME = "actorName";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CLIENT_ADDRESS = "clientAddress";

    private AuditMetadata() {
    }
}
