package dev.mosaic.server.revert;

import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;
import dev.mosaic.server.change.DesiredFleet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a revert wants: the fleet at a seq, or, for a scope, today's fleet with that one entity as it was then
 * (gone if it did not exist). A revert restores an entity by identity: one removed since whose name another
 * entity has taken is refused rather than turned into an update of that other entity.
 */
record RevertTarget(FleetState then, FleetState now, RevertController.Scope scope) {

    void refuseTakenNames() {
        for (Provider p : then.providers()) {
            if (inScope("provider", p.id(), p.name()) && now.provider(p.id()).isEmpty()
                    && now.providerNamed(p.name()).isPresent()) {
                throw new RuleViolationException("provider '" + p.name() + "' cannot be restored: its name is "
                        + "taken by another provider since #" + then.seq());
            }
        }
        for (Agent a : then.agents()) {
            if (inScope("agent", a.id(), a.name()) && now.agent(a.id()).isEmpty()
                    && now.agentNamed(a.name()).isPresent()) {
                throw new RuleViolationException("agent '" + a.name() + "' cannot be restored: its name is taken "
                        + "by another agent since #" + then.seq());
            }
        }
    }

    DesiredFleet desired() {
        if (scope == null) {
            return new DesiredFleet(then.providers(), then.agents());
        }
        return new DesiredFleet(pick("provider", now.providers(), then.providers()),
                pick("agent", now.agents(), then.agents()));
    }

    private <T> List<T> pick(String type, List<T> current, List<T> past) {
        List<T> desired = new ArrayList<>();
        current.stream().filter(e -> !inScope(type, id(e), name(e))).forEach(desired::add);
        past.stream().filter(e -> inScope(type, id(e), name(e))).forEach(desired::add);
        return desired;
    }

    private boolean inScope(String type, String id, String name) {
        return scope == null || scope.covers(type, id, name);
    }

    private static String id(Object entity) {
        return entity instanceof Provider p ? p.id() : ((Agent) entity).id();
    }

    private static String name(Object entity) {
        return entity instanceof Provider p ? p.name() : ((Agent) entity).name();
    }
}
