package dev.mosaic.server.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.mosaic.command.api.OnboardingClosedException;
import dev.mosaic.command.api.EntityInUseException;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.NameTakenException;
import dev.mosaic.command.api.NotAllowedException;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.command.api.UnknownEntityException;
import dev.mosaic.command.api.WrongSetupCodeException;
import dev.mosaic.query.api.InvalidQueryParameterException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.eclipse.jetty.http.BadMessageException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Maps every failure of the API to a problem document with the status the HTTP contract pins. */
@RestControllerAdvice
class ProblemHandler {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.+?)'");
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private final ProblemWriter writer;

    ProblemHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(InvalidCommandException.class)
    void invalid(InvalidCommandException e, HttpServletResponse response) throws IOException {
        List<Map<String, String>> errors = e.violations().stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList();
        writer.write(response, ProblemWriter.fieldProblem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors));
    }

    @ExceptionHandler(InvalidQueryParameterException.class)
    void invalidQuery(InvalidQueryParameterException e, HttpServletResponse response) throws IOException {
        writer.write(response, fieldError(HttpStatus.BAD_REQUEST, e.field(), e.reason()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (BodyTooLargeException.isCause(e)) {
            writer.write(response, fieldError(HttpStatus.BAD_REQUEST, "body",
                    "must be at most " + BodySizeLimitFilter.limitText(request.getRequestURI())));
            return;
        }
        String duplicate = duplicateKeyPath(e.getCause());
        if (duplicate != null) {
            writer.write(response, fieldError(HttpStatus.BAD_REQUEST, duplicate, "appears twice in one object"));
            return;
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = mapping instanceof UnrecognizedPropertyException ? "is not a known field"
                    : mapping instanceof StorableText.Refused ? StorableText.MESSAGE
                    : "has the wrong type or format";
            writer.write(response, fieldError(HttpStatus.BAD_REQUEST, field, message));
            return;
        }
        writer.write(response, fieldError(HttpStatus.BAD_REQUEST, "body", "must be a well-formed JSON document"));
    }

    /** Not a body this server reads (no endpoint takes files), and not even well-formed. */
    @ExceptionHandler(MultipartException.class)
    void multipart(MultipartException e, HttpServletResponse response) throws IOException {
        writer.write(response, fieldError(HttpStatus.BAD_REQUEST, "body", "must be a well-formed request body"));
    }

    /** A request Jetty cannot read once it looks closer, such as a query parameter that is not UTF-8 ({@code %FF}). */
    @ExceptionHandler(BadMessageException.class)
    void badMessage(BadMessageException e, HttpServletResponse response) throws IOException {
        HttpStatus status = HttpStatus.resolve(e.getCode());
        if (status == null || !status.is4xxClientError()) {
            status = HttpStatus.BAD_REQUEST;
        }
        writer.write(response, ProblemWriter.problem(status, "The request is malformed: " + status.getReasonPhrase() + "."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void typeMismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        writer.write(response, fieldError(HttpStatus.BAD_REQUEST, e.getName(), "has the wrong type or format"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    void missingParameter(MissingServletRequestParameterException e, HttpServletResponse response) throws IOException {
        writer.write(response, fieldError(HttpStatus.BAD_REQUEST, e.getParameterName(), "is required"));
    }

    @ExceptionHandler(NameTakenException.class)
    void nameTaken(NameTakenException e, HttpServletResponse response) throws IOException {
        writer.write(response, fieldError(HttpStatus.CONFLICT, e.field(), e.getMessage()));
    }

    @ExceptionHandler(EntityInUseException.class)
    void inUse(EntityInUseException e, HttpServletResponse response) throws IOException {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("agents", e.agents());
        writer.write(response, problem);
    }

    @ExceptionHandler({RuleViolationException.class, OnboardingClosedException.class, ConcurrencyException.class})
    void conflict(RuntimeException e, HttpServletResponse response) throws IOException {
        String detail = e instanceof ConcurrencyException
                ? "Someone else changed this at the same moment; read it again and retry." : e.getMessage();
        writer.write(response, ProblemWriter.problem(HttpStatus.CONFLICT, detail));
    }

    @ExceptionHandler(NotAllowedException.class)
    void notAllowed(NotAllowedException e, HttpServletResponse response) throws IOException {
        writer.write(response, ProblemWriter.problem(HttpStatus.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    void stale(RuntimeException e, HttpServletResponse response) throws IOException {
        writer.write(response, ProblemWriter.problem(HttpStatus.PRECONDITION_FAILED,
                "Someone else changed this since you read it (If-Match is stale); reload it and try again."));
    }

    @ExceptionHandler(WrongSetupCodeException.class)
    void wrongSetupCode(WrongSetupCodeException e, HttpServletResponse response) throws IOException {
        writer.write(response, fieldError(HttpStatus.FORBIDDEN, "setupCode", e.getMessage()));
    }

    /** An id of another kind of entity (its events are not this aggregate's) names nothing of this kind either. */
    @ExceptionHandler({UnknownEntityException.class, AggregateNotFoundException.class, NoResourceFoundException.class,
            IncompatibleAggregateException.class})
    void notFound(Exception e, HttpServletResponse response) throws IOException {
        String detail = e instanceof AggregateDeletedException ? "It was removed."
                : e instanceof UnknownEntityException ? e.getMessage() : "Nothing is here.";
        writer.write(response, ProblemWriter.problem(HttpStatus.NOT_FOUND, detail));
    }

    @ExceptionHandler(ResponseStatusException.class)
    void status(ResponseStatusException e, HttpServletResponse response) throws IOException {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        e.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        writer.write(response, ProblemWriter.problem(status, e.getReason() == null ? status.getReasonPhrase() : e.getReason()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    void method(HttpRequestMethodNotSupportedException e, HttpServletResponse response) throws IOException {
        writer.write(response, ProblemWriter.problem(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    void mediaType(HttpMediaTypeNotSupportedException e, HttpServletResponse response) throws IOException {
        writer.write(response, ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json."));
    }

    /** Asked for a representation the endpoint does not have (a change stream as JSON, say): 406, not a failure. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletResponse response) throws IOException {
        writer.write(response, ProblemWriter.problem(HttpStatus.NOT_ACCEPTABLE,
                "This endpoint cannot answer in the media type the Accept header asks for."));
    }

    @ExceptionHandler(BadCredentialsException.class)
    void badCredentials(BadCredentialsException e, HttpServletResponse response) throws IOException {
        writer.write(response, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "Wrong username or password."));
    }

    /**
     * The client went away (an agent's stream closed), or the server is shutting down and ends its open
     * streams: there is nobody left to answer.
     */
    @ExceptionHandler({AsyncRequestNotUsableException.class, AsyncRequestTimeoutException.class})
    void clientGone(Exception e) {
        log.debug("client disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        writer.write(response, ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on the server; nothing was changed."));
    }

    private static ProblemDetail fieldError(HttpStatus status, String field, String message) {
        return ProblemWriter.fieldProblem(status, field + " " + message, List.of(Map.of("field", field, "message", message)));
    }

    /**
     * Where a repeated key is (e.g. {@code models[0].id}), or null when the body has none: the path Jackson
     * recorded for the object holding it (or the parser's position), and the key the parser's message names.
     */
    private static String duplicateKeyPath(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException parse && parse.getOriginalMessage() != null) {
                Matcher key = DUPLICATE.matcher(parse.getOriginalMessage());
                if (key.find()) {
                    String base = failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                            ? path(mapping) : parserPath(parse.getProcessor());
                    return base.isEmpty() ? key.group(1) : base + "." + key.group(1);
                }
            }
        }
        return null;
    }

    /** The path of the object the parser is in: each enclosing object's current key, each array's index. */
    private static String parserPath(Object processor) {
        StringBuilder path = new StringBuilder();
        if (processor instanceof JsonParser parser && parser.getParsingContext() != null) {
            for (JsonStreamContext context = parser.getParsingContext().getParent(); context != null && !context.inRoot();
                 context = context.getParent()) {
                path.insert(0, context.inArray() ? "[" + context.getCurrentIndex() + "]" : "." + context.getCurrentName());
            }
        }
        return path.toString().replaceFirst("^\\.", "");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
