package dev.mosaic.server.rollout;

import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.RolloutView;
import dev.mosaic.query.api.Rollouts;
import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.dryrun.BufferedResponse;
import dev.mosaic.server.dryrun.DryRunConfiguration;
import dev.mosaic.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Admin writes while a rollout policy is on or a rollout runs: the write is first tried as a dry run; one that
 * would move an agent's version while a rollout is rolling or paused is refused (409 naming the rollout); under
 * a policy, one that moves versions is applied with the id of the rollout it starts, answered as
 * {@code Mosaic-Rollout}. Writes that move no version pass as they are. Without a policy and a rollout, nothing
 * changes. The last filter before the servlet (so the trial and the real run pass the same filters).
 */
final class RolloutGate extends OncePerRequestFilter {
    static final String HEADER = "Mosaic-Rollout";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ThreadLocal<String> STARTING = new ThreadLocal<>();
    private final ChangePipeline pipeline;
    private final ChangePreview preview;
    private final Rollouts rollouts;
    private final CurrentInstallation installation;
    private final ProblemWriter problems;
    private final FleetHistory history;

    RolloutGate(ChangePipeline pipeline, ChangePreview preview, Rollouts rollouts, CurrentInstallation installation,
                ProblemWriter problems, FleetHistory history) {
        this.history = history;
        this.pipeline = pipeline;
        this.preview = preview;
        this.rollouts = rollouts;
        this.installation = installation;
        this.problems = problems;
    }

    /** The rollout the write on this thread starts, if any (its commands carry it). */
    static String starting() {
        return STARTING.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !WRITES.contains(request.getMethod())
                || !(DryRunConfiguration.offersDryRun(path) || path.equals("/api/revert") || path.equals("/api/fleet"))
                || path.contains("/token") || ChangePipeline.inDryRun()
                || request.getQueryString() != null && request.getQueryString().contains(DryRunConfiguration.DRY_RUN)
                && (!path.equals("/api/fleet") || request.getQueryString().toLowerCase().contains("dryrun=true"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<RolloutView> active = rollouts.active();
        boolean policy = installation.current().policy().enabled();
        if (active.isEmpty() && !policy) {
            chain.doFilter(request, response);
            return;
        }
        ReplayableRequest replayable = new ReplayableRequest(request);
        BufferedResponse trial = new BufferedResponse(response);
        ChangePipeline.Outcome<Void> tried = pipeline.dryRun(() -> {
            try {
                chain.doFilter(replayable, trial);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ServletException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        if (!trial.succeeded()) {
            trial.sendAsWritten();
            return;
        }
        // against the newest rendered configs, not the served ones: agents a rollout holds back are served older ones
        boolean moves = preview.agentChanges(history.now(), tried.events()).stream()
                .anyMatch(ChangePreview.AgentChange::versionWouldMove);
        if (moves && active.isPresent()) {
            ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONFLICT, "rollout " + active.get().id()
                    + " is " + active.get().state() + ": changes that move an agent's version wait until it ends "
                    + "(or pause, promote or abort it)");
            problem.setProperty("rolloutId", active.get().id());
            problems.write(response, problem);
            return;
        }
        String rolloutId = moves ? UUID.randomUUID().toString() : null;
        if (rolloutId != null) {
            response.setHeader(HEADER, rolloutId);
            STARTING.set(rolloutId);
        }
        try {
            chain.doFilter(replayable, response);
        } finally {
            STARTING.remove();
        }
    }
}
