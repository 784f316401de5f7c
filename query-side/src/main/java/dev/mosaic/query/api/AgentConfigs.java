package dev.mosaic.query.api;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** What each agent is served now, from memory; also the token index that authenticates agents. */
public interface AgentConfigs {
    /** The version an agent reported it runs (null: none yet) and when it was last seen (null: never). */
    record Applied(Long version, Instant lastSeenAt) {
    }

    Optional<AgentConfig> byName(String name);

    /** Every agent served now (a live view: reading it costs no query). */
    Collection<AgentConfig> agents();

    /** The active agent a bearer token belongs to. */
    Optional<String> agentForToken(String token);

    Applied applied(String name);

    /** How far the served configs are known to be current: the newest event position of a render applied here. */
    long servedThroughSeq();
}
