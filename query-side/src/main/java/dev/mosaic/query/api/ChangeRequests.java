package dev.mosaic.query.api;

import java.util.Optional;

/** The change requests view. */
public interface ChangeRequests {
    Optional<ChangeRequestView> find(String id);

    /** Newest first, pending ones (open, approved) before the decided ones; {@code state} filters when given. */
    Items<ChangeRequestView> list(String state, String cursor, int limit);

    long countPending();

    /** How many requests are in each state (states with none are absent). */
    java.util.Map<String, Long> countByState();
}
