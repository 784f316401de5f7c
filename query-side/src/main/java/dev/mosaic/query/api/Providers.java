package dev.mosaic.query.api;

import java.util.List;
import java.util.Optional;

/** The providers view, as settings readers see it (never a key). */
public interface Providers {
    /** Sorted by name. */
    List<ProviderView> all();

    Optional<ProviderView> byId(String providerId);

    long count();
}
