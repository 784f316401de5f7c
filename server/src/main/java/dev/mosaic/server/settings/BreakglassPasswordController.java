package dev.mosaic.server.settings;

import dev.mosaic.command.api.ChangeBreakglassPassword;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.query.api.BreakglassCredential;
import dev.mosaic.query.api.BreakglassCredentials;
import dev.mosaic.server.security.MosaicUser;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A signed-in breakglass admin changes their own password, proving they know the current one. */
@RestController
class BreakglassPasswordController {
    private final CommandGateway commands;
    private final BreakglassCredentials credentials;
    private final PasswordEncoder encoder;

    BreakglassPasswordController(CommandGateway commands, BreakglassCredentials credentials,
                                 PasswordEncoder encoder) {
        this.commands = commands;
        this.credentials = credentials;
        this.encoder = encoder;
    }

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[redacted]";
        }
    }

    @PutMapping("/api/settings/breakglass/password")
    ResponseEntity<Void> change(@AuthenticationPrincipal MosaicUser user, @RequestBody PasswordChange body) {
        if (!"breakglass".equals(user.authMethod())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "only a breakglass user has a password here");
        }
        BreakglassCredential credential = credentials.byUsername(user.username()).orElseThrow();
        if (body.currentPassword() == null || !encoder.matches(body.currentPassword(), credential.passwordHash())) {
            throw InvalidCommandException.of("currentPassword", "is not your current password");
        }
        commands.sendAndWait(new ChangeBreakglassPassword(credential.userId(), body.newPassword()));
        return ResponseEntity.noContent().build();
    }
}
