package dev.mosaic.query.api;

import java.util.List;
import java.util.Optional;

/** The agents view, as settings readers see it. */
public interface Agents {
    /** Sorted by name. */
    List<Agent> all();

    Optional<Agent> byName(String name);

    long count();
}
