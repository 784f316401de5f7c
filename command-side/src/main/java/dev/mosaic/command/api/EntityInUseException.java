package dev.mosaic.command.api;

import java.util.List;

/** An entity cannot be deactivated, removed or narrowed because agents still rely on it. */
public class EntityInUseException extends RuntimeException {
    private final List<String> agents;

    public EntityInUseException(String message, List<String> agents) {
        super(message + ": used by " + String.join(", ", agents));
        this.agents = List.copyOf(agents);
    }

    public List<String> agents() {
        return agents;
    }
}
