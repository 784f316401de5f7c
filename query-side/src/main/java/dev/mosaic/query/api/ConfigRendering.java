package dev.mosaic.query.api;

/** The rendering of agents' configs on this node. */
public interface ConfigRendering {
    /**
     * Renders what is pending in the calling thread, if anything is (an agent created a moment ago may ask for its
     * config before the background loop has rendered it); returns whether something was pending.
     */
    boolean renderPendingNow();

    /** Config versions this node appended and committed since it started. */
    long versionsRendered();
}
