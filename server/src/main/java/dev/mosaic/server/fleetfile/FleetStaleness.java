package dev.mosaic.server.fleetfile;

import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.InvalidQueryParameterException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code If-Match: "<seq>"} on the fleet: stale only when an entity the plan would touch changed after that seq
 * (created, changed or removed since); changes elsewhere do not count.
 */
final class FleetStaleness {
    private FleetStaleness() {
    }

    /** A precondition that failed: the entity that changed since the document's seq. */
    static final class StaleException extends RuntimeException {
        private final String entityType;
        private final String entityId;

        StaleException(String entityType, String entityId, long seq) {
            super(entityType + " " + entityId + " changed after #" + seq + ": export the fleet again, or apply "
                    + "without If-Match");
            this.entityType = entityType;
            this.entityId = entityId;
        }

        String entityType() {
            return entityType;
        }

        String entityId() {
            return entityId;
        }
    }

    static void check(long seq, List<PlannedCommand> plan, FleetState now, FleetHistory history) {
        if (seq >= now.seq()) {
            if (seq > now.seq()) {
                throw new InvalidQueryParameterException("If-Match", "is newer than the newest change #" + now.seq());
            }
            return;
        }
        if (plan.isEmpty()) {
            return;
        }
        FleetState then;
        try {
            then = history.at(seq);
        } catch (InvalidQueryParameterException e) {
            throw new InvalidQueryParameterException("If-Match", "must be the seq of a stored change (an ETag of "
                    + "GET /api/fleet)");
        }
        for (PlannedCommand command : plan) {
            boolean provider = command.entityType().equals("provider");
            Optional<?> before = provider ? then.providerNamed(command.name()).map(p -> p.id() + "@" + p.version())
                    : then.agentNamed(command.name()).map(a -> a.id() + "@" + a.version());
            Optional<?> after = provider ? now.providerNamed(command.name()).map(p -> p.id() + "@" + p.version())
                    : now.agentNamed(command.name()).map(a -> a.id() + "@" + a.version());
            if (!Objects.equals(before, after)) {
                throw new StaleException(command.entityType(), command.name(), seq);
            }
        }
    }
}
