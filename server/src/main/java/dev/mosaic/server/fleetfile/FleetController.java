package dev.mosaic.server.fleetfile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.server.web.ProblemWriter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet as one document: {@code GET /api/fleet} (YAML or JSON by {@code Accept}, {@code ETag: "<seq>"}),
 * {@code PUT /api/fleet} (the plan with {@code ?dryRun=true}; {@code ?prune=true}; {@code If-Match: "<seq>"}) and
 * {@code GET /api/fleet/schema}. See the README, "Fleet as code".
 */
@RestController
class FleetController {
    private static final Pattern SEQ = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");
    private final FleetHistory history;
    private final FleetApply fleet;
    private final ProblemWriter problems;

    FleetController(FleetHistory history, FleetApply fleet, ProblemWriter problems) {
        this.history = history;
        this.fleet = fleet;
        this.problems = problems;
    }

    @Operation(summary = "The whole fleet as one document (YAML with Accept: application/yaml, else JSON); "
            + "secrets only as masks; ETag is the newest seq it reflects")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = FleetDocument.class)),
            @Content(mediaType = FleetFormat.YAML, schema = @Schema(implementation = FleetDocument.class))})
    @GetMapping("/api/fleet")
    ResponseEntity<String> export(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        FleetState now = history.now();
        FleetDocument document = fleet.export(now);
        boolean yaml = FleetFormat.isYaml(accept);
        return ResponseEntity.ok().eTag("\"" + now.seq() + "\"")
                .contentType(yaml ? MediaType.parseMediaType(FleetFormat.YAML + ";charset=UTF-8")
                        : MediaType.APPLICATION_JSON)
                .body(yaml ? FleetFormat.yaml(document) : FleetFormat.json(document));
    }

    @Operation(summary = "The JSON Schema of the fleet document (for editors and CI linting)")
    @GetMapping(value = "/api/fleet/schema", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode schema() {
        return FleetSchema.schema();
    }

    @Operation(summary = "Makes the fleet equal to the document, all in one transaction; dryRun=true is the plan")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = FleetFormat.YAML, schema = @Schema(implementation = FleetDocument.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = FleetDocument.class))})
    @PutMapping(value = "/api/fleet", produces = MediaType.APPLICATION_JSON_VALUE)
    FleetAnswer apply(@RequestBody(required = false) String body,
                      @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false)
                      String contentType,
                      @Parameter(description = "\"<seq>\" of the export the document was made from")
                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                      @RequestParam(required = false) Boolean dryRun,
                      @RequestParam(required = false) Boolean prune) {
        boolean json = contentType != null && contentType.toLowerCase().contains("json");
        FleetDocument document = FleetFormat.read(body, !json);
        return fleet.apply(document, Boolean.TRUE.equals(dryRun), Boolean.TRUE.equals(prune), seq(ifMatch));
    }

    private static Long seq(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher matcher = SEQ.matcher(ifMatch);
        if (!matcher.matches()) {
            throw new InvalidQueryParameterException("If-Match", "must be \"<seq>\", the ETag of GET /api/fleet");
        }
        return Long.parseLong(matcher.group(1));
    }

    @ExceptionHandler(FleetStaleness.StaleException.class)
    void stale(FleetStaleness.StaleException e, HttpServletResponse response) throws IOException {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.PRECONDITION_FAILED, e.getMessage());
        problem.setProperty("entityType", e.entityType());
        problem.setProperty("entityId", e.entityId());
        problems.write(response, problem);
    }
}
