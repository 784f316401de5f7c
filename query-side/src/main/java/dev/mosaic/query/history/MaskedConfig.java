package dev.mosaic.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretFingerprints;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.rendering.OpenClawConfig;
import dev.mosaic.query.rendering.RenderSecrets;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Renders an agent's config from a {@link FleetState} and masks it for people: every secret value (provider
 * API keys, the gateway token) becomes its fingerprint.
 */
@Component
class MaskedConfig {
    private static final Set<String> SECRET_KEYS = Set.of("apiKey", "token");

    private final SecretCipher cipher;
    private final SecretFingerprints fingerprints;
    private final ObjectMapper mapper = new ObjectMapper();

    MaskedConfig(SecretCipher cipher, SecretFingerprints fingerprints) {
        this.cipher = cipher;
        this.fingerprints = fingerprints;
    }

    /** The exact bytes the agent would be served. */
    public byte[] render(FleetState state, Agent agent) {
        return render(state, agent, new RenderSecrets(cipher));
    }

    /** The same, with secrets decrypted once for many agents (a preview). */
    public byte[] render(FleetState state, Agent agent, RenderSecrets secrets) {
        Map<String, Provider> providers = new HashMap<>();
        for (String id : agent.providerIds()) {
            state.provider(id).ifPresent(p -> providers.put(id, p));
        }
        return OpenClawConfig.render(agent, providers, secrets).bytes();
    }

    /** Decrypts what rendering needs, each provider's key once. */
    public RenderSecrets secrets() {
        return new RenderSecrets(cipher);
    }

    public JsonNode masked(FleetState state, Agent agent) {
        return mask(render(state, agent));
    }

    public JsonNode mask(byte[] document) {
        try {
            JsonNode root = mapper.readTree(document);
            maskIn(root);
            return root;
        } catch (IOException e) {
            throw new IllegalStateException("a rendered config is not JSON", e);
        }
    }

    private void maskIn(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                JsonNode child = object.get(name);
                if (SECRET_KEYS.contains(name) && child.isTextual()) {
                    object.set(name, TextNode.valueOf(fingerprints.mask(child.asText())));
                }
            });
            object.elements().forEachRemaining(this::maskIn);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(this::maskIn);
        }
    }
}
