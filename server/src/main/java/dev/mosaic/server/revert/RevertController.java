package dev.mosaic.server.revert;

import dev.mosaic.command.api.Violations;
import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.server.dryrun.EventCapture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts providers and agents back as they were right after an audit entry, with ordinary commands sent in one
 * transaction (all or nothing); their events carry {@code revertOf} and the reason. A dry run sends the same
 * commands and rolls the transaction back.
 */
@RestController
class RevertController {
    private final FleetHistory history;
    private final RevertPlanner planner;
    private final ChangePreview preview;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;

    RevertController(FleetHistory history, RevertPlanner planner, ChangePreview preview, CommandGateway commands,
                     PlatformTransactionManager transactions) {
        this.history = history;
        this.planner = planner;
        this.preview = preview;
        this.commands = commands;
        this.transaction = new TransactionTemplate(transactions);
    }

    @PostMapping("/api/revert")
    RevertAnswer revert(@RequestBody RevertRequest body) {
        RevertPlanner.Scope scope = scope(body);
        FleetState then = history.at(body.seq());
        long seq = then.seq();
        boolean dryRun = Boolean.TRUE.equals(body.dryRun());
        FleetState now = history.now();
        List<PlannedCommand> plan = planner.plan(then, now, scope);
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(AuditMetadata.REVERT_OF, seq);
        if (body.reason() != null && !body.reason().isBlank()) {
            metadata.put(AuditMetadata.REVERT_REASON, body.reason().strip());
        }
        EventCapture.Result<Void> sent = EventCapture.capture(() -> transaction.execute(status -> {
            for (PlannedCommand planned : plan) {
                if (planned.command() != null) {
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(planned.command())
                            .andMetaData(MetaData.from(metadata)));
                }
            }
            if (dryRun) {
                status.setRollbackOnly();
            }
            return null;
        }));
        return new RevertAnswer(dryRun, plan, preview.agentChanges(now, sent.events()));
    }

    private static RevertPlanner.Scope scope(RevertRequest body) {
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
        return body.scope() == null ? null : new RevertPlanner.Scope(body.scope().entityType(), body.scope().entityId());
    }
}
