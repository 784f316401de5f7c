package dev.mosaic.command.provider;

import dev.mosaic.command.api.UpdateProvider;
import dev.mosaic.command.api.ReplaceProviderApiKey;
import dev.mosaic.command.api.RemoveProvider;
import dev.mosaic.command.common.CommandResults;
import dev.mosaic.command.common.IfMatch;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/providers")
class ProviderCommandController {
    private final CommandGateway commands;
    private final ProviderCommands providers;
    private final CommandResults results;

    ProviderCommandController(CommandGateway commands, ProviderCommands providers, CommandResults results) {
        this.commands = commands;
        this.providers = providers;
        this.results = results;
    }

    @PostMapping
    ResponseEntity<NewProvider> register(@RequestBody ProviderRequest body) {
        String id = providers.register(body);
        return results.created(URI.create("/api/providers/" + id), results.versionOf(id),
                version -> new NewProvider(id, body.name(), version));
    }

    @PatchMapping("/{id}")
    ResponseEntity<ProviderVersion> update(@PathVariable String id, @RequestBody ProviderPatch body,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Object version = commands.sendAndWait(new UpdateProvider(id, IfMatch.expectedVersion(ifMatch),
                body.displayName(), body.type(), body.baseUrl(), body.apiType(), body.models(), body.active()));
        return results.updated(version, v -> new ProviderVersion(id, v));
    }

    @PutMapping("/{id}/api-key")
    ResponseEntity<ProviderKeyState> replaceApiKey(@PathVariable String id, @RequestBody ApiKeyRequest body,
                                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Object version = commands.sendAndWait(new ReplaceProviderApiKey(id, IfMatch.expectedVersion(ifMatch), body.apiKey()));
        boolean apiKeySet = body.apiKey() != null && !body.apiKey().isEmpty();
        return results.updated(version, v -> new ProviderKeyState(id, apiKeySet, v));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        commands.sendAndWait(new RemoveProvider(id, IfMatch.expectedVersion(ifMatch)));
        return ResponseEntity.noContent().build();
    }
}
