package dev.mosaic.server.changerequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.command.api.ProposeChange;
import dev.mosaic.events.changerequest.ChangeOperation;
import dev.mosaic.events.meta.Actor;
import dev.mosaic.events.meta.RequestContext;
import dev.mosaic.query.api.ChangeRequests;
import dev.mosaic.query.eventstore.StoredEvents;
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
    private final ChangePipeline pipeline;
    private final CommandGateway commands;
    private final ChangeRequests requests;
    private final OperationSecrets secrets;
    private final OperationTitle titles;
    private final StoredEvents events;
    private final ChangeRequestAnswers answers;
    private final ProblemWriter problems;
    private final ObjectMapper json;
    private final RequestContext context;

    Proposals(ChangePipeline pipeline, CommandGateway commands, ChangeRequests requests, OperationSecrets secrets,
              OperationTitle titles, StoredEvents events, ChangeRequestAnswers answers, ProblemWriter problems,
              ObjectMapper json, RequestContext context) {
        this.context = context;
        this.pipeline = pipeline;
        this.commands = commands;
        this.requests = requests;
        this.secrets = secrets;
        this.titles = titles;
        this.events = events;
        this.answers = answers;
        this.problems = problems;
        this.json = json;
    }

    void propose(ReplayableRequest write, HttpServletResponse response, FilterChain chain, int approvalsRequired)
            throws IOException {
        byte[] body = write.body();
        if (body.length > 0 && (write.getContentType() == null
                || !MediaType.parseMediaType(write.getContentType()).isCompatibleWith(MediaType.APPLICATION_JSON))) {
            problems.write(response, ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "A proposal's body is JSON (a fleet file too: send it as JSON)."));
            return;
        }
        long baseSeq = events.head();
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
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode parsed = text.isBlank() ? json.createObjectNode() : json.readTree(text);
        ChangeOperation operation = new ChangeOperation(write.getMethod(), write.getRequestURI(), write.getQueryString(),
                text.isBlank() ? null : secrets.seal(text, id));
        Actor author = context.actor();
        commands.sendAndWait(new ProposeChange(id, titles.of(write.getMethod(), write.getRequestURI(),
                write.getQueryString(), parsed), operation, author.id(), author.name(), baseSeq, approvalsRequired));
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader("Location", "/api/change-requests/" + id);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), answers.shown(requests.find(id).orElseThrow()));
    }
}
