package dev.mosaic.server.rollout;

import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.dryrun.BufferedResponse;
import dev.mosaic.server.dryrun.DryRunConfiguration;
import dev.mosaic.server.web.ProblemWriter;
import dev.mosaic.server.web.ReplayableRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

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
    private final ChangePipeline pipeline;
    private final RolloutAdmission admission;
    private final ProblemWriter problems;

    RolloutGate(ChangePipeline pipeline, RolloutAdmission admission, ProblemWriter problems) {
        this.pipeline = pipeline;
        this.admission = admission;
        this.problems = problems;
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
        if (!admission.judging()) {
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
        RolloutAdmission.Decision decision = admission.decide(tried.events());
        if (decision instanceof RolloutAdmission.Refuse refused) {
            problems.write(response, refused.problem());
            return;
        }
        if (decision instanceof RolloutAdmission.Start start) {
            response.setHeader(HEADER, start.rolloutId());
        }
        try {
            admission.run(decision, () -> {
                try {
                    chain.doFilter(replayable, response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
