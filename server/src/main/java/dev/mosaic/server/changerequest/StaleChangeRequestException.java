package dev.mosaic.server.changerequest;

/** Something the request touches changed after it was proposed: it must be proposed again (409 naming it). */
class StaleChangeRequestException extends RuntimeException {
    final Staleness.TouchedEntity changed;

    StaleChangeRequestException(String id, Staleness.TouchedEntity changed) {
        super("change request " + id + " is stale: " + changed.entityType() + " " + changed.name()
                + " changed after it was proposed; propose the change again");
        this.changed = changed;
    }
}
