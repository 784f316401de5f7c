package dev.mosaic.query.api;

import java.util.List;
import java.util.Optional;

/** Staged rollouts as their events left them, and the changes still waiting to roll out. */
public interface Rollouts {
    /** A change the renderer held back: these agents keep being served their previous version until a rollout serves them. */
    record HeldChange(long id, long firstSeq, long lastSeq, String rolloutId, List<HeldAgent> agents) {
    }

    record HeldAgent(String agentId, String name, long fromVersion, long toVersion) {
    }

    /** What an agent last reported about a version: {@code failed} with its error, or {@code applied}. */
    record AppliedReport(long version, boolean failed, String error) {
    }

    Optional<RolloutView> byId(String id);

    /** The rollout still deciding (rolling, paused, or failed and not yet reverted), if any. */
    Optional<RolloutView> active();

    /** Newest first, below {@code before} (a cursor) when given. */
    Items<RolloutView> page(int limit, String cursor);

    /** The oldest change waiting to roll out. */
    Optional<HeldChange> nextHeldChange();

    /** Forgets a held change (its rollout started, or it was served at once). */
    void forgetHeldChange(long id);

    /** Serves these agents the given versions now, on every node (a change that rolls out without waves). */
    void serveNow(List<HeldAgent> agents);

    /** Each agent's last report about its config, by agent id. */
    java.util.Map<String, AppliedReport> reports(java.util.Collection<String> agentIds);

    /** The newest rendered version of an agent (what a rollout will serve it), if rendered. */
    Optional<Long> targetVersion(String agentId);

    /** The audit entry at {@code seq} as a rollout's cause (summary and who). */
    Optional<RolloutView.Cause> auditEntry(long seq);

    /** Finished rollouts by outcome, and the agents of the running one by state (metrics). */
    java.util.Map<String, Long> finishedByOutcome();
}
