package dev.mosaic.server.changerequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.dryrun.DryRunConfiguration;
import dev.mosaic.server.web.ProblemWriter;
import dev.mosaic.server.web.ReplayableRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Four-eyes: while the change policy asks for approvals, a governed write ({@link GovernedWrites}) is refused (403,
 * {@code approvalRequired: true}) unless it is proposed with {@code ?propose=true}; a proposal is validated as the
 * write would be (its trial run, rolled back) and stored as a change request. Raising the policy is no such write;
 * lowering it is. Dry runs pass: they change nothing. Between the dry-run filter and the rollout gate.
 */
final class ChangePolicyGate extends OncePerRequestFilter {
    static final String PROPOSE = "propose";
    static final String CHANGE_POLICY = "/api/settings/change-policy";
    static final String REVERT = "/api/revert";
    private final CurrentInstallation installation;
    private final Proposals proposals;
    private final ProblemWriter problems;
    private final ObjectMapper json;

    ChangePolicyGate(CurrentInstallation installation, Proposals proposals, ProblemWriter problems, ObjectMapper json) {
        this.installation = installation;
        this.proposals = proposals;
        this.problems = problems;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !GovernedWrites.covers(request.getMethod(), request.getRequestURI()) || ChangePipeline.inDryRun()
                || "true".equalsIgnoreCase(queryParameter(request, DryRunConfiguration.DRY_RUN));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String propose = queryParameter(request, PROPOSE);
        if (propose != null && !propose.equalsIgnoreCase("true") && !propose.equalsIgnoreCase("false")) {
            problems.write(response, fieldProblem("must be true or false"));
            return;
        }
        boolean proposing = "true".equalsIgnoreCase(propose);
        int required = installation.current().approvalsRequired();
        HttpServletRequest write = new WithoutParameter(request, PROPOSE);
        if (required == 0) {
            if (proposing) {
                problems.write(response, fieldProblem("four-eyes is off (0 approvals required): the change is saved "
                        + "as it is, without a proposal"));
                return;
            }
            chain.doFilter(write, response);
            return;
        }
        ReplayableRequest replayable = new ReplayableRequest(write);
        if (request.getRequestURI().equals(REVERT) && previewsRevert(replayable.body())) {
            chain.doFilter(replayable, response); // a revert's preview ({"dryRun": true} in its body) changes nothing
            return;
        }
        if (!proposing && request.getRequestURI().equals(CHANGE_POLICY) && !lowers(replayable.body(), required)) {
            chain.doFilter(replayable, response); // asking for more approvals needs none
            return;
        }
        if (!proposing) {
            ProblemDetail problem = ProblemWriter.problem(HttpStatus.FORBIDDEN, "This change needs the approval of "
                    + required + " other admin" + (required == 1 ? "" : "s") + ": propose it (?propose=true) and "
                    + "apply it once approved.");
            problem.setProperty("approvalRequired", true);
            problem.setProperty("approvalsRequired", required);
            problems.write(response, problem);
            return;
        }
        proposals.propose(replayable, response, chain, required);
    }

    private boolean lowers(byte[] body, int required) {
        try {
            JsonNode asked = json.readTree(body).path("approvalsRequired");
            return asked.isInt() && asked.asInt() < required;
        } catch (IOException e) {
            return false; // malformed: the controller answers it
        }
    }

    private boolean previewsRevert(byte[] body) {
        try {
            JsonNode parsed = json.readTree(body);
            return parsed != null && parsed.path(DryRunConfiguration.DRY_RUN).booleanValue();
        } catch (IOException e) {
            return false; // malformed: the controller answers it
        }
    }

    private static ProblemDetail fieldProblem(String message) {
        return ProblemWriter.fieldProblem(HttpStatus.BAD_REQUEST, "The request has invalid fields.",
                List.of(Map.of("field", PROPOSE, "message", message)));
    }

    static String queryParameter(HttpServletRequest request, String name) {
        return dev.mosaic.server.dryrun.QueryParameters.first(request, name);
    }
}
