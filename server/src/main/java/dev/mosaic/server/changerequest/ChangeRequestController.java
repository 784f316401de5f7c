package dev.mosaic.server.changerequest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.command.api.ApproveChangeRequest;
import dev.mosaic.command.api.CancelChangeRequest;
import dev.mosaic.command.api.RejectChangeRequest;
import dev.mosaic.events.meta.Actor;
import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.ChangeRequestView;
import dev.mosaic.query.api.ChangeRequests;
import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.query.api.Items;
import dev.mosaic.server.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Reviewing four-eyes change requests: list, read (with a fresh preview), approve, reject, cancel, apply. */
@RestController
@RequestMapping("/api/change-requests")
class ChangeRequestController {
    private final ChangeRequests requests;
    private final ChangeRequestAnswers answers;
    private final ChangeRequestApplier applier;
    private final CommandGateway commands;
    private final People people;
    private final ProblemWriter problems;
    private final ObjectMapper json;

    ChangeRequestController(ChangeRequests requests, ChangeRequestAnswers answers, ChangeRequestApplier applier,
                            CommandGateway commands, People people, ProblemWriter problems, ObjectMapper json) {
        this.requests = requests;
        this.answers = answers;
        this.applier = applier;
        this.commands = commands;
        this.people = people;
        this.problems = problems;
        this.json = json;
    }

    /** A request with, while it is pending, what it would change today and whether what it touches moved since. */
    record ChangeRequestDetail(@JsonUnwrapped ChangeRequestView request, @Nullable ChangePreview.DryRunPreview preview,
                               boolean stale, List<Staleness.TouchedEntity> touched) {
    }

    /** An applied request, with the answer of the operation it ran (a created agent's token is in it, once). */
    record AppliedChangeRequest(@JsonUnwrapped ChangeRequestView request, @Nullable JsonNode result,
                                @Nullable String rolloutId) {
    }

    record Decision(@Nullable String comment) {
    }

    @GetMapping
    Items<ChangeRequestView> list(@RequestParam(required = false) String state,
                                  @RequestParam(defaultValue = "50") int limit,
                                  @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 200) {
            throw new InvalidQueryParameterException("limit", "must be between 1 and 200");
        }
        Items<ChangeRequestView> page = requests.list(state == null || state.isBlank() ? null : state, cursor, limit);
        return new Items<>(page.items().stream().map(answers::shown).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    ChangeRequestDetail read(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
        ChangeRequestView found = find(id);
        if (!found.isPending()) {
            return new ChangeRequestDetail(answers.shown(found), null, false, List.of());
        }
        ChangeRequestApplier.Trial trial = applier.trial(found, request, response);
        return new ChangeRequestDetail(answers.shown(found), trial.answer().succeeded() ? trial.preview() : null,
                trial.stale(), trial.touched());
    }

    @PostMapping("/{id}/approve")
    ChangeRequestView approve(@PathVariable String id, @RequestBody(required = false) Decision body) {
        find(id);
        Actor by = people.current();
        commands.sendAndWait(new ApproveChangeRequest(id, by.id(), by.name(), body == null ? null : blankToNull(body.comment())));
        return answers.shown(find(id));
    }

    @PostMapping("/{id}/reject")
    ChangeRequestView reject(@PathVariable String id, @RequestBody(required = false) Decision body) {
        find(id);
        Actor by = people.current();
        commands.sendAndWait(new RejectChangeRequest(id, by.id(), by.name(), body == null ? null : blankToNull(body.comment())));
        return answers.shown(find(id));
    }

    @PostMapping("/{id}/cancel")
    ChangeRequestView cancel(@PathVariable String id) {
        find(id);
        Actor by = people.current();
        commands.sendAndWait(new CancelChangeRequest(id, by.id(), by.name()));
        return answers.shown(find(id));
    }

    @PostMapping("/{id}/apply")
    AppliedChangeRequest apply(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ChangeRequestApplier.Applied applied = applier.apply(find(id), request, response);
        byte[] result = applied.answer().bodyBytes();
        if (applied.rolloutId() != null) {
            response.setHeader("Mosaic-Rollout", applied.rolloutId());
        }
        return new AppliedChangeRequest(answers.shown(find(id)), result.length == 0 ? null : json.readTree(result),
                applied.rolloutId());
    }

    @ExceptionHandler(ChangeRequestApplier.OperationFailed.class)
    void operationFailed(ChangeRequestApplier.OperationFailed failed) throws IOException {
        failed.answer.sendAsWritten();
    }

    @ExceptionHandler(StaleChangeRequestException.class)
    void stale(StaleChangeRequestException e, HttpServletResponse response) throws IOException {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("stale", Map.of("entityType", e.changed.entityType(), "entityId", e.changed.entityId(),
                "name", e.changed.name()));
        problems.write(response, problem);
    }

    private ChangeRequestView find(String id) {
        return requests.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no change request " + id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
