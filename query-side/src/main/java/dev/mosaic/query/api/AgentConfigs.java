package dev.mosaic.query.api;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** What each agent is served now, from memory; also the token index that authenticates agents. */
public interface AgentConfigs {
    /**
     * What an agent reported about the versions it was served. {@code version} is the newest version it reported
     * running (its last good one; null: none yet) and {@code lastSeenAt} when it was last seen (null: never). An
     * agent may also report that it could not apply a version (its gateway refused the file or was not ready on it,
     * and it went back to the previous one): {@code failedVersion}, its {@code error} (the agent's own words,
     * untrusted, at most 500 characters) and {@code failedAt}, kept until the agent reports running a version at or
     * above the refused one. A failure never moves {@code version}.
     */
    record Applied(Long version, Instant lastSeenAt, Long failedVersion, String error, Instant failedAt) {
        public static final String APPLIED = "applied";
        public static final String FAILED = "failed";

        public Applied(Long version, Instant lastSeenAt) {
            this(version, lastSeenAt, null, null, null);
        }

        /** {@code "failed"} while a refused version is outstanding, else {@code "applied"} once one ran, else null. */
        public String status() {
            return failedVersion != null ? FAILED : version != null ? APPLIED : null;
        }

        /** The agent reported that it runs {@code applied}: a failure of that version or an older one is over. */
        public Applied running(long applied, Instant at) {
            boolean failureOver = failedVersion == null || failedVersion <= applied;
            return failureOver ? new Applied(applied, at) : new Applied(applied, at, failedVersion, error, failedAt);
        }

        /** The agent reported that it could not apply {@code failed}; it still runs {@link #version()}. */
        public Applied refused(long failed, String reason, Instant at) {
            return new Applied(version, at, failed, reason, at);
        }

        public Applied seen(Instant at) {
            return new Applied(version, at, failedVersion, error, failedAt);
        }
    }

    Optional<AgentConfig> byName(String name);

    /** Every agent served now (a live view: reading it costs no query). */
    Collection<AgentConfig> agents();

    /** The active agent a bearer token belongs to. */
    Optional<String> agentForToken(String token);

    /**
     * The agent's reports as this node knows them: those it received, over what PostgreSQL held when it started
     * (no query). Several nodes: an agent reports to whichever node the load balancer picks; see
     * {@link #appliedAsStored(String)}.
     */
    Applied applied(String name);

    /** The agent's reports as PostgreSQL holds them, whichever node received them (one indexed query). */
    Applied appliedAsStored(String name);

    /** How far the served configs are known to be current: the newest event position of a render applied here. */
    long servedThroughSeq();
}
