package dev.mosaic.query.history;

import org.springframework.stereotype.Component;

import java.util.Optional;

/** Which config version an agent was on at a position of the event store. */
@Component
public class ConfigVersions {

    /** Empty until the per-agent version history exists (it records the positions that produced each version). */
    public Optional<Long> versionAt(String agentId, long seq) {
        return Optional.empty();
    }
}
