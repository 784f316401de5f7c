package dev.mosaic.command.breakglass;

import dev.mosaic.command.api.ChangeBreakglassPassword;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.events.breakglass.PasswordCheck;
import dev.mosaic.events.meta.Actor;
import dev.mosaic.events.meta.RequestContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A signed-in breakglass admin changes their own password, proving they know the current one. */
@RestController
class BreakglassPasswordController {
    private final CommandGateway commands;
    private final RequestContext context;
    private final PasswordCheck passwords;

    BreakglassPasswordController(CommandGateway commands, RequestContext context, PasswordCheck passwords) {
        this.commands = commands;
        this.context = context;
        this.passwords = passwords;
    }

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[redacted]";
        }
    }

    @PutMapping("/api/settings/breakglass/password")
    ResponseEntity<Void> change(@RequestBody PasswordChange body) {
        Actor actor = context.actor();
        String userId = actor.breakglassUserId().orElseThrow(() ->
                new ResponseStatusException(HttpStatus.CONFLICT, "only a breakglass user has a password here"));
        if (body.currentPassword() == null || !passwords.isCurrentPassword(actor.name(), body.currentPassword())) {
            throw InvalidCommandException.of("currentPassword", "is not your current password");
        }
        commands.sendAndWait(new ChangeBreakglassPassword(userId, body.newPassword()));
        return ResponseEntity.noContent().build();
    }
}
