package dev.mosaic.query.api;

/** This node serving what another node has already rendered, before that node's notice arrives here. */
public interface RenderedElsewhere {
    /**
     * If the agent this token belongs to has been rendered (on any node) but this node does not serve it under that
     * token yet, serves it now and tells its streams, as the notice would; returns whether it did.
     */
    boolean serveIfRenderedElsewhere(String token);
}
