package dev.mosaic.command.installation;

import dev.mosaic.events.installation.OidcIssuerCheck;
import dev.mosaic.command.api.RemoveOidc;
import dev.mosaic.command.api.ConfigureOidc;
import dev.mosaic.command.common.CommandResults;
import dev.mosaic.command.common.IfMatch;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.events.installation.InstallationEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;
import dev.mosaic.command.api.Violations;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


/**
 * Saves the single-sign-on settings (wizard step and settings page alike) after checking the issuer's discovery
 * document, and removes them. Takes effect at once: the server reads the settings per sign-in.
 */
@RestController
class OidcSettingsCommandController {
    private final CommandGateway commands;
    private final OidcIssuerCheck issuers;
    private final CommandResults results;

    OidcSettingsCommandController(CommandGateway commands, OidcIssuerCheck issuers, CommandResults results) {
        this.commands = commands;
        this.issuers = issuers;
        this.results = results;
    }

    @PostMapping("/api/onboarding/oidc")
    ResponseEntity<SavedOidcSettings> onboard(@RequestBody OidcSettingsRequest body) {
        SavedOidcSettings saved = save(body, null);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(IfMatch.etag(saved.version())).body(saved);
    }

    @PutMapping("/api/settings/oidc")
    ResponseEntity<SavedOidcSettings> update(@RequestBody OidcSettingsRequest body,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        SavedOidcSettings saved = save(body, IfMatch.expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(IfMatch.etag(saved.version())).body(saved);
    }

    @DeleteMapping("/api/settings/oidc")
    ResponseEntity<Void> remove(@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        commands.sendAndWait(new RemoveOidc(IfMatch.expectedVersion(ifMatch)));
        return ResponseEntity.noContent().build();
    }

    private SavedOidcSettings save(OidcSettingsRequest body, Long expectedVersion) {
        new Violations().httpUrl("issuerUrl", body.issuerUrl()).throwIfAny();
        issuers.problem(body.issuerUrl()).ifPresent(reason -> {
            throw InvalidCommandException.of("issuerUrl", reason);
        });
        commands.sendAndWait(new ConfigureOidc(body.issuerUrl(), body.clientId(), body.clientSecret(), body.scopes(),
                body.roleClaim(), body.adminValues(), body.auditorValues(), expectedVersion));
        return new SavedOidcSettings(body.issuerUrl(), body.clientId(), true, false,
                results.versionOf(InstallationEvent.ID));
    }
}
