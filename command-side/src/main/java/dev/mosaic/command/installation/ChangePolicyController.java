package dev.mosaic.command.installation;

import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.SetChangePolicy;
import dev.mosaic.command.common.CommandResults;
import dev.mosaic.command.common.IfMatch;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Four-eyes: how many admins besides the author approve each change to the fleet (0 turns it off). */
@RestController
class ChangePolicyController {
    private final CommandGateway commands;
    private final CommandResults results;

    ChangePolicyController(CommandGateway commands, CommandResults results) {
        this.commands = commands;
        this.results = results;
    }

    /** The body of {@code PUT /api/settings/change-policy}. */
    record ChangePolicyRequest(Integer approvalsRequired) {
    }

    /** The policy as saved, with the installation's new version (its ETag). */
    record SavedChangePolicy(int approvalsRequired, long version) {
    }

    @PutMapping("/api/settings/change-policy")
    ResponseEntity<SavedChangePolicy> replace(@RequestBody ChangePolicyRequest body,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (body.approvalsRequired() == null) {
            throw InvalidCommandException.of("approvalsRequired", "is required: 0, 1 or 2");
        }
        SetChangePolicy policy = new SetChangePolicy(IfMatch.expectedVersion(ifMatch), body.approvalsRequired());
        Object version = commands.sendAndWait(policy);
        return results.updated(version, v -> new SavedChangePolicy(policy.approvalsRequired(), v));
    }
}
