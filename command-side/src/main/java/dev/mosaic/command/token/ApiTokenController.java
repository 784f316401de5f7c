package dev.mosaic.command.token;

import dev.mosaic.command.api.IssueApiToken;
import dev.mosaic.command.api.NotAllowedException;
import dev.mosaic.command.api.RevokeApiToken;
import dev.mosaic.events.token.ApiTokens;
import dev.mosaic.events.token.Caller;
import dev.mosaic.events.token.Callers;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Issues and revokes API tokens. The token is generated here, answered once and only its SHA-256 goes into the
 * command; a token cannot issue tokens (a leaked one must not be able to outlive its own expiry).
 */
@RestController
class ApiTokenController {
    private final CommandGateway commands;
    private final Callers callers;

    ApiTokenController(CommandGateway commands, Callers callers) {
        this.commands = commands;
        this.callers = callers;
    }

    /** The body of {@code POST /api/tokens}; {@code expiresInDays} 1 to 365, 30 when left out. */
    record NewApiToken(String name, @Schema(allowableValues = {"ADMIN", "AUDITOR"}) String role,
                        Integer expiresInDays) {
    }

    /** The issued token: {@code token} is shown in this answer only. */
    record IssuedApiToken(String id, String name, @Schema(allowableValues = {"ADMIN", "AUDITOR"}) String role,
                          String owner, Instant createdAt, Instant expiresAt, String token) {
        @Override
        public String toString() {
            return "IssuedApiToken[" + id + ", " + name + "]";
        }
    }

    @PostMapping("/api/tokens")
    ResponseEntity<IssuedApiToken> issueToken(@RequestBody NewApiToken body) {
        Caller caller = callers.current().orElseThrow(() -> new NotAllowedException("Sign in to issue a token."));
        if (caller.viaToken()) {
            throw new NotAllowedException("An API token cannot issue tokens; sign in to issue one.");
        }
        String token = ApiTokens.generate();
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        commands.sendAndWait(new IssueApiToken(id, body.name(), body.role(), body.expiresInDays(), now,
                ApiTokens.hash(token), caller));
        int days = body.expiresInDays() == null ? ApiToken.DEFAULT_DAYS : body.expiresInDays();
        return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedApiToken(id, body.name().strip(), body.role(),
                caller.ownerName(), now, now.plus(days, ChronoUnit.DAYS), token));
    }

    @DeleteMapping("/api/tokens/{id}")
    ResponseEntity<Void> revokeToken(@PathVariable String id) {
        Caller caller = callers.current().orElseThrow(() -> new NotAllowedException("Sign in to revoke a token."));
        commands.sendAndWait(new RevokeApiToken(id, caller));
        return ResponseEntity.noContent().build();
    }
}
