package dev.mosaic.server.providertest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.mosaic.command.common.FieldViolation;
import dev.mosaic.command.common.InvalidCommandException;
import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.provider.ProviderView;
import dev.mosaic.query.provider.ProvidersProjection;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Test connection": a provider as typed in a form (not saved yet), or a saved provider with its stored key.
 * Admin only (the security configuration requires ADMIN for every write under {@code /api/providers}).
 */
@RestController
class ProviderTestController {
    private final ProviderProbe probe;
    private final ProvidersProjection providers;
    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    ProviderTestController(ProviderProbe probe, ProvidersProjection providers, JdbcClient jdbc, SecretCipher cipher) {
        this.probe = probe;
        this.providers = providers;
        this.jdbc = jdbc;
        this.cipher = cipher;
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
        List<FieldViolation> violations = new ArrayList<>();
        ProviderType type = null;
        if (body.type() == null || body.type().isBlank()) {
            violations.add(new FieldViolation("type", "is required"));
        } else {
            type = ProviderType.fromWireName(body.type()).orElse(null);
            if (type == null) {
                violations.add(new FieldViolation("type", "must be one of openai, anthropic, zai, ollama, custom"));
            }
        }
        String baseUrl = body.baseUrl() == null || body.baseUrl().isBlank() ? null : body.baseUrl().trim();
        if (baseUrl != null && !isHttpUrl(baseUrl)) {
            violations.add(new FieldViolation("baseUrl", "must be an absolute http(s) URL"));
        } else if (baseUrl == null && type == ProviderType.CUSTOM) {
            violations.add(new FieldViolation("baseUrl", "is required for a custom provider"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCommandException(violations);
        }
        return probe.probe(type, baseUrl != null ? baseUrl : type.defaultBaseUrl(), emptyToNull(body.apiType()),
                body.apiKey());
    }

    @PostMapping("/api/providers/{id}/test")
    ProviderProbe.Result testSaved(@PathVariable String id) {
        ProviderView provider = providers.byId(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no provider " + id));
        ProviderType type = ProviderType.fromWireName(provider.type()).orElse(ProviderType.CUSTOM);
        String apiKey = storedKey(id).map(key -> cipher.decrypt(key, SecretOwner.providerApiKey(id))).orElse(null);
        return probe.probe(type, provider.effectiveBaseUrl(), provider.apiType(), apiKey);
    }

    /** The encrypted key as the agent-config projection keeps it. */
    private Optional<SecretRef> storedKey(String providerId) {
        return jdbc.sql("select api_key from config_provider where provider_id = ?").param(providerId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).list().stream()
                .flatMap(Optional::stream).findFirst().map(SecretRef::new);
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
