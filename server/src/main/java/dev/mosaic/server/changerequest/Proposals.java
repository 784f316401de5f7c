package dev.mosaic.server.changerequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.command.api.ProposeChange;
import dev.mosaic.events.changerequest.ChangeOperation;
import dev.mosaic.events.meta.Actor;
import dev.mosaic.query.api.ChangeRequests;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.server.change.ChangePipeline;
import dev.mosaic.server.dryrun.BufferedResponse;
import dev.mosaic.server.web.ProblemWriter;
import dev.mosaic.server.web.ReplayableRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Turns a governed write into a change request: the write is first run as a trial (rolled back), so a proposal is
 * refused exactly as the write would be (400, 404, 409, 412); then the operation is stored with its secrets sealed,
 * its author and the newest seq it was based on.
 */
@Component
class Proposals {
    private static final ObjectMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
    private final ChangePipeline pipeline;
    private final CommandGateway commands;
    private final ChangeRequests requests;
    private final OperationSecrets secrets;
    private final OperationTitle titles;
    private final FleetHistory history;
    private final ChangeRequestAnswers answers;
    private final ProblemWriter problems;
    private final ObjectMapper json;
    private final People people;

    Proposals(ChangePipeline pipeline, CommandGateway commands, ChangeRequests requests, OperationSecrets secrets,
              OperationTitle titles, FleetHistory history, ChangeRequestAnswers answers, ProblemWriter problems,
              ObjectMapper json, People people) {
        this.people = people;
        this.pipeline = pipeline;
        this.commands = commands;
        this.requests = requests;
        this.secrets = secrets;
        this.titles = titles;
        this.history = history;
        this.answers = answers;
        this.problems = problems;
        this.json = json;
    }

    void propose(ReplayableRequest write, HttpServletResponse response, FilterChain chain, int approvalsRequired)
            throws IOException {
        byte[] body = write.body();
        MediaType type = write.getContentType() == null ? null : MediaType.parseMediaType(write.getContentType());
        boolean yaml = type != null && type.getSubtype().endsWith("yaml");
        if (body.length > 0 && !yaml && (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
            problems.write(response, ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "A proposal's body is JSON (or, for a fleet file, YAML)."));
            return;
        }
        long baseSeq = history.now().seq();
        BufferedResponse trial = new BufferedResponse(response);
        try {
            pipeline.dryRun(() -> {
                try {
                    chain.doFilter(write, trial);
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
        if (!trial.succeeded()) {
            trial.sendAsWritten();
            return;
        }
        String id = UUID.randomUUID().toString();
        String sent = new String(body, StandardCharsets.UTF_8);
        // stored as JSON (a fleet file sent as YAML too): the write takes either, and secrets are found in JSON
        JsonNode parsed = sent.isBlank() ? json.createObjectNode() : yaml ? YAML.readTree(sent) : json.readTree(sent);
        String text = sent.isBlank() ? sent : json.writeValueAsString(parsed);
        ChangeOperation operation = new ChangeOperation(write.getMethod(), write.getRequestURI(), write.getQueryString(),
                text.isBlank() ? null : secrets.seal(text, id));
        Actor author = people.current();
        commands.sendAndWait(new ProposeChange(id, titles.of(write.getMethod(), write.getRequestURI(),
                write.getQueryString(), parsed), operation, author.id(), author.name(), baseSeq, approvalsRequired));
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader("Location", "/api/change-requests/" + id);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), answers.shown(requests.find(id).orElseThrow()));
    }
}
