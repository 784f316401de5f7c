package dev.mosaic.server.change;

import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.command.api.PlannedCommands;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one way a change is made or previewed: its commands run in one transaction (all or nothing) while the
 * events they store are captured; a dry run then rolls everything back, so nothing is stored, projected,
 * audited, rendered, notified or counted. Used by {@code ?dryRun=true} on every write, by the revert, and by
 * any plan of {@link PlannedCommand}s.
 */
@Component
public class ChangePipeline {
    private static final ThreadLocal<Boolean> DRY_RUN = new ThreadLocal<>();
    private final TransactionTemplate transaction;
    private final PlannedCommands commands;

    ChangePipeline(PlatformTransactionManager transactions, PlannedCommands commands) {
        this.transaction = new TransactionTemplate(transactions);
        this.commands = commands;
    }

    /** What some work returned, and the events it stored (or would have, in a dry run). */
    public record Outcome<T>(T value, List<EventMessage<?>> events) {
    }

    /** Whether the calling thread is inside a dry run (its commands are not counted in the metrics). */
    public static boolean inDryRun() {
        return Boolean.TRUE.equals(DRY_RUN.get());
    }

    /** Runs {@code work} in one transaction with its events captured, then rolls it back. */
    public <T> Outcome<T> dryRun(Supplier<T> work) {
        Boolean outer = DRY_RUN.get();
        DRY_RUN.set(true);
        try {
            return EventCapture.capture(() -> transaction.execute(status -> {
                status.setRollbackOnly();
                return work.get();
            }));
        } finally {
            if (outer == null) {
                DRY_RUN.remove();
            }
        }
    }

    /** Runs {@code work} in one transaction with its events captured, and commits it. */
    public <T> Outcome<T> apply(Supplier<T> work) {
        return EventCapture.capture(() -> transaction.execute(status -> work.get()));
    }

    /** Sends a plan's commands with {@code metaData} in one transaction: as a dry run, or for real. */
    public Outcome<List<PlannedCommands.Sent>> run(List<PlannedCommand> plan, Map<String, ?> metaData, boolean dryRun) {
        Supplier<List<PlannedCommands.Sent>> send = () -> commands.send(plan, metaData);
        return dryRun ? dryRun(send) : apply(send);
    }
}
