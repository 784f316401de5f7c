package dev.mosaic.query.api;

/** The fleet's configuration at any position of the event store. */
public interface FleetHistory {
    /**
     * The state right after the stored event at {@code seq}; a position outside the store is an
     * {@link InvalidQueryParameterException} naming {@code seq}.
     */
    FleetState at(long seq);

    /** The state after the newest stored event. */
    FleetState now();
}
