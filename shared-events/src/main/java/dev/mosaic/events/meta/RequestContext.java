package dev.mosaic.events.meta;

/** The actor and client address of the command being issued now; implemented by the server. */
public interface RequestContext {
    Actor actor();

    String clientAddress();

    String correlationId();
}
