package dev.mosaic.server.revert;

import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.command.api.PlannedCommands;
import dev.mosaic.command.api.Violations;
import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.change.ChangePlanner;
import dev.mosaic.server.change.DesiredFleet;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts providers and agents back as they were right after an audit entry: the desired state is the fleet at that
 * seq (for a scope, today's fleet with that one entity as it was then), planned into ordinary commands and sent
 * in one transaction (all or nothing); their events carry {@code revertOf} and the reason. A dry run sends the
 * same commands and rolls them back. See the README ("Revert") for the choices on the hard cases.
 */
@RestController
class RevertController {
    private final FleetHistory history;
    private final ChangePlanner planner;
    private final ChangePipeline pipeline;
    private final ChangePreview preview;

    RevertController(FleetHistory history, ChangePlanner planner, ChangePipeline pipeline, ChangePreview preview) {
        this.history = history;
        this.planner = planner;
        this.pipeline = pipeline;
        this.preview = preview;
    }

    @PostMapping("/api/revert")
    RevertAnswer revert(@RequestBody RevertRequest body) {
        Scope scope = scope(body);
        FleetState then = history.at(body.seq());
        long seq = then.seq();
        boolean dryRun = Boolean.TRUE.equals(body.dryRun());
        FleetState now = history.now();
        RevertTarget target = new RevertTarget(then, now, scope);
        target.refuseTakenNames();
        List<PlannedCommand> plan = planner.plan(target.desired(), now);
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(AuditMetadata.REVERT_OF, seq);
        if (body.reason() != null && !body.reason().isBlank()) {
            metadata.put(AuditMetadata.REVERT_REASON, body.reason().strip());
        }
        ChangePipeline.Outcome<List<PlannedCommands.Sent>> sent = pipeline.run(plan, metadata, dryRun);
        RevertWording wording = new RevertWording(seq, now);
        List<RevertStep> steps = sent.value().stream().map(s -> new RevertStep(s.command().entityType(),
                s.entityId(), s.command().action(), wording.summary(s.command()))).toList();
        return new RevertAnswer(dryRun, steps, preview.agentChanges(now, sent.events()));
    }

    private static Scope scope(RevertRequest body) {
        Violations v = new Violations();
        v.check(body.seq() != null, "seq", "is required");
        v.optionalText("reason", body.reason(), 500);
        if (body.scope() != null) {
            v.check("provider".equals(body.scope().entityType()) || "agent".equals(body.scope().entityType()),
                    "scope.entityType", "must be provider or agent");
            v.check(body.scope().entityId() != null && !body.scope().entityId().isBlank(), "scope.entityId",
                    "is required");
        }
        v.throwIfAny();
        return body.scope() == null ? null : new Scope(body.scope().entityType(), body.scope().entityId());
    }

    /** One provider or agent, by id or name. */
    record Scope(String entityType, String entityId) {
        boolean covers(String type, String id, String name) {
            return entityType.equals(type) && (entityId.equals(id) || entityId.equals(name));
        }
    }
}
