package dev.mosaic.query.agentconfig;

import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.InvalidQueryParameterException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;

/**
 * What an agent reads with its own token (the server's security lets only that agent's token through):
 * its config, its SOUL.md, the change stream, and where it reports the version it runs.
 */
@RestController
@RequestMapping("/api/internal/agent-config/{name}")
class AgentConfigController {
    static final String VERSION_HEADER = "X-Config-Version";
    private static final Logger log = LoggerFactory.getLogger(AgentConfigController.class);
    private static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");
    private final AgentConfigStore store;
    private final ConfigChangeStream stream;

    AgentConfigController(AgentConfigStore store, ConfigChangeStream stream) {
        this.store = store;
        this.stream = stream;
    }

    /**
     * What the agent runs now: {@code version} applied (the default), or {@code status: "failed"} when it could not
     * apply that version and went back to the previous one, with its reason in {@code error}.
     */
    record AppliedReport(Long version,
                         @Schema(allowableValues = {AgentConfigs.Applied.APPLIED, AgentConfigs.Applied.FAILED},
                                 description = "applied when absent") @Nullable String status,
                         @Schema(maxLength = ReportedError.MAX_LENGTH,
                                 description = "why the agent could not apply the version (only with status failed)")
                         @Nullable String error) {
    }

    /** Answered by {@link ConfigFetchFilter} when the request is an agent's plain fetch; here for HEAD and the API docs. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> config(@PathVariable String name,
                                  @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        AgentConfig config = current(name);
        store.recordSeen(name);
        boolean unchanged = ConfigETags.matches(ifNoneMatch, config);
        var headers = ResponseEntity.status(unchanged ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                .eTag(ConfigETags.quoted(config)).header(VERSION_HEADER, Long.toString(config.version()))
                .cacheControl(CacheControl.noCache());
        return unchanged ? headers.build() : headers.contentType(MediaType.APPLICATION_JSON).body(config.document());
    }

    @GetMapping("/workspace/SOUL.md")
    ResponseEntity<String> soul(@PathVariable String name) {
        AgentConfig config = current(name);
        if (config.soul() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "agent " + name + " has no personality");
        }
        return ResponseEntity.ok().contentType(MARKDOWN).header(VERSION_HEADER, Long.toString(config.version()))
                .cacheControl(CacheControl.noCache()).body(config.soul());
    }

    /**
     * Starts with the current version whatever Last-Event-ID says: a client that was away catches up at once.
     * Usually answered by {@link ConfigFetchFilter}; here when this node had to catch up on the agent first.
     */
    @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(type = "string", description = "Server-sent events that never end: `event: config`, the "
                    + "version as its `id`, `{\"version\":…,\"etag\":…}` as its data; a `:heartbeat` comment every 15 s")))
    void events(@PathVariable String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
        stream.open(request, response, current(name));
    }

    @PostMapping("/applied")
    ResponseEntity<Void> applied(@PathVariable String name, @RequestBody AppliedReport report) {
        AgentConfig config = current(name);
        if (report.version() == null || report.version() < 1 || report.version() > config.version()) {
            throw new InvalidQueryParameterException("version",
                    "must be a version this agent was served (1.." + config.version() + ")");
        }
        String status = report.status() == null ? AgentConfigs.Applied.APPLIED : report.status();
        switch (status) {
            case AgentConfigs.Applied.APPLIED -> {
                if (report.error() != null) {
                    throw new InvalidQueryParameterException("error", "is only sent with status failed");
                }
                store.recordApplied(config, report.version());
            }
            case AgentConfigs.Applied.FAILED -> {
                String error = ReportedError.check("error", report.error(), config);
                log.warn("agent {} could not apply config version {} and runs its previous one: {}", name,
                        report.version(), error == null ? "(no reason given)" : error);
                store.recordFailed(config, report.version(), error);
            }
            default -> throw new InvalidQueryParameterException("status", "must be applied or failed");
        }
        return ResponseEntity.noContent().build();
    }

    private AgentConfig current(String name) {
        return store.byName(name).filter(AgentConfig::active)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no active agent " + name));
    }
}
