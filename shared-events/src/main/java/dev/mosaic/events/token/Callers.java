package dev.mosaic.events.token;

import java.util.Optional;

/** Who is calling now; implemented by the server (empty outside a signed-in request). */
public interface Callers {
    Optional<Caller> current();
}
