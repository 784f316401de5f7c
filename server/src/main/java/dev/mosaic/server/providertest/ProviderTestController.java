package dev.mosaic.server.providertest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.mosaic.command.api.Violations;
import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.query.api.ProviderCredentials;
import dev.mosaic.query.api.ProviderView;
import dev.mosaic.query.api.Providers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Test connection": a provider as typed in a form (not saved yet), or a saved provider with its stored key.
 * Admin only (the security configuration requires ADMIN for every write under {@code /api/providers}).
 */
@RestController
class ProviderTestController {
    private final ProviderProbe probe;
    private final Providers providers;
    private final ProviderCredentials credentials;

    ProviderTestController(ProviderProbe probe, Providers providers, ProviderCredentials credentials) {
        this.probe = probe;
        this.providers = providers;
        this.credentials = credentials;
    }

    /** An unsaved provider; other fields of a provider body (name, models, …) may come along and are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TestRequest(String type, String baseUrl, String apiKey, String apiType) {
        @Override
        public String toString() {
            return "TestRequest[" + type + ", " + baseUrl + "]";
        }
    }

    @PostMapping("/api/providers/test")
    ProviderProbe.Result testUnsaved(@RequestBody TestRequest body) {
        Violations violations = new Violations();
        ProviderType type = null;
        if (body.type() == null || body.type().isBlank()) {
            violations.add("type", "is required");
        } else {
            type = ProviderType.fromWireName(body.type()).orElse(null);
            violations.check(type != null, "type", "must be one of openai, anthropic, zai, ollama, custom");
        }
        String baseUrl = emptyToNull(body.baseUrl() == null ? null : body.baseUrl().trim());
        violations.optionalHttpUrl("baseUrl", baseUrl);
        violations.check(baseUrl != null || type != ProviderType.CUSTOM, "baseUrl", "is required for a custom provider");
        violations.headerSafeSecret("apiKey", body.apiKey());
        violations.throwIfAny();
        return probe.probe(type, type.effectiveBaseUrl(baseUrl), emptyToNull(body.apiType()),
                body.apiKey());
    }

    @PostMapping("/api/providers/{id}/test")
    ProviderProbe.Result testSaved(@PathVariable String id) {
        ProviderView provider = providers.byId(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no provider " + id));
        ProviderType type = ProviderType.fromWireName(provider.type()).orElse(ProviderType.CUSTOM);
        return probe.probe(type, provider.effectiveBaseUrl(), provider.apiType(),
                credentials.apiKey(id).orElse(null));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
