package dev.mosaic.server.rollout;

import dev.mosaic.command.api.FinishRollback;
import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.command.api.PlannedCommands;
import dev.mosaic.events.meta.Actor;
import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.api.RolloutView;
import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.change.ChangePlanner;
import dev.mosaic.server.change.DesiredFleet;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Rolls a failed or aborted rollout's change back: a revert of exactly the providers and agents the change touched
 * (others changed meanwhile stay as they are) to their state right before it, sent as ordinary commands by the
 * actor {@code rollout} with {@code revertOf}, the reason and the rollout's id (so the renderer serves it at once,
 * never held), and the rollout marked rolled back, all in one transaction.
 */
@Component
class RolloutRollback {
    private final FleetHistory history;
    private final ChangePlanner planner;
    private final ChangePipeline pipeline;
    private final PlannedCommands plans;
    private final CommandGateway commands;
    private final JdbcClient jdbc;

    RolloutRollback(FleetHistory history, ChangePlanner planner, ChangePipeline pipeline, PlannedCommands plans,
                    CommandGateway commands, JdbcClient jdbc) {
        this.history = history;
        this.planner = planner;
        this.pipeline = pipeline;
        this.plans = plans;
        this.commands = commands;
        this.jdbc = jdbc;
    }

    void rollBack(RolloutView rollout) {
        long before = rollout.settings().firstSeq() - 1;
        FleetState then = history.at(Math.max(before, firstSeq()));
        FleetState changed = history.at(rollout.cause().seq());
        FleetState now = history.now();
        List<PlannedCommand> plan = planner.plan(desired(then, changed, now, before < firstSeq()), now);
        RolloutView.Failure failure = rollout.failure();
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AuditMetadata.ACTOR, Actor.ROLLOUT.id());
        metaData.put(AuditMetadata.ACTOR_NAME, Actor.ROLLOUT.name());
        metaData.put(AuditMetadata.ROLLOUT, rollout.id());
        metaData.put(AuditMetadata.REVERT_OF, before);
        metaData.put(AuditMetadata.REVERT_REASON, "rollout " + rollout.id() + ": "
                + (failure.agent() == null ? "" : failure.agent() + ": ") + failure.reason());
        pipeline.apply(() -> {
            plans.send(plan, metaData);
            Long revertSeq = plan.isEmpty() ? null
                    : jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new FinishRollback(rollout.id(), revertSeq))
                    .andMetaData(MetaData.from(Map.of(AuditMetadata.ACTOR, Actor.ROLLOUT.id(),
                            AuditMetadata.ACTOR_NAME, Actor.ROLLOUT.name()))));
            return null;
        });
    }

    private long firstSeq() {
        return jdbc.sql("select coalesce(min(global_index), 0) from domain_event_entry").query(Long.class).single();
    }

    /** Today's fleet, with every entity the change touched as it was before it (gone if it did not exist then). */
    static DesiredFleet desired(FleetState then, FleetState changed, FleetState now, boolean nothingBefore) {
        return new DesiredFleet(
                pick(then, changed, now, FleetState::providers, Provider::id, nothingBefore),
                pick(then, changed, now, FleetState::agents, Agent::id, nothingBefore));
    }

    private static <T> List<T> pick(FleetState then, FleetState changed, FleetState now,
                                    Function<FleetState, List<T>> all, Function<T, String> id, boolean nothingBefore) {
        Map<String, T> before = new HashMap<>();
        if (!nothingBefore) {
            all.apply(then).forEach(e -> before.put(id.apply(e), e));
        }
        Map<String, T> after = new HashMap<>();
        all.apply(changed).forEach(e -> after.put(id.apply(e), e));
        Set<String> touched = new HashSet<>();
        before.forEach((key, e) -> {
            if (!Objects.equals(e, after.get(key))) {
                touched.add(key);
            }
        });
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(touched::add);
        List<T> desired = new ArrayList<>();
        all.apply(now).stream().filter(e -> !touched.contains(id.apply(e))).forEach(desired::add);
        touched.stream().map(before::get).filter(Objects::nonNull).forEach(desired::add);
        return desired;
    }
}
