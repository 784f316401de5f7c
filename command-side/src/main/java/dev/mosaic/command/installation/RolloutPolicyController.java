package dev.mosaic.command.installation;

import dev.mosaic.command.api.SetRolloutPolicy;
import dev.mosaic.command.common.CommandResults;
import dev.mosaic.command.common.IfMatch;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Replaces the rollout policy; a field left out takes its default (off, waves 10/50/100, bake 60 s, ...). */
@RestController
class RolloutPolicyController {
    private final CommandGateway commands;
    private final CommandResults results;

    RolloutPolicyController(CommandGateway commands, CommandResults results) {
        this.commands = commands;
        this.results = results;
    }

    /** The body of {@code PUT /api/settings/rollout}. */
    record RolloutPolicyRequest(Boolean enabled, List<Integer> waves, Integer bakeSeconds, Integer applyTimeoutSeconds,
                                @Schema(allowableValues = {"applied", "ready", "chat"}) String verify,
                                Integer maxFailedAgents) {
    }

    /** The policy as saved, with the installation's new version (its ETag). */
    record SavedRolloutPolicy(boolean enabled, List<Integer> waves, int bakeSeconds, int applyTimeoutSeconds,
                              String verify, int maxFailedAgents, long version) {
    }

    @PutMapping("/api/settings/rollout")
    ResponseEntity<SavedRolloutPolicy> replace(@RequestBody RolloutPolicyRequest body,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        SetRolloutPolicy policy = new SetRolloutPolicy(IfMatch.expectedVersion(ifMatch),
                Boolean.TRUE.equals(body.enabled()), body.waves() == null ? List.of(10, 50, 100) : body.waves(),
                orDefault(body.bakeSeconds(), 60), orDefault(body.applyTimeoutSeconds(), 120),
                body.verify() == null ? "applied" : body.verify(), orDefault(body.maxFailedAgents(), 0));
        Object version = commands.sendAndWait(policy);
        return results.updated(version, v -> new SavedRolloutPolicy(policy.enabled(), policy.waves(),
                policy.bakeSeconds(), policy.applyTimeoutSeconds(), policy.verify(), policy.maxFailedAgents(), v));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
