package dev.mosaic.query.rendering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Provider;
import dev.mosaic.events.provider.ProviderModel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one agent's {@code openclaw.json}: only the providers it uses, canonical JSON (keys sorted) so the
 * same configuration is always the same bytes. OpenClaw rejects unknown keys, so only known ones are written.
 * A pure function: secrets arrive decrypted, nothing is read or written.
 */
public final class OpenClawConfig {
    static final int DEFAULT_PORT = 18789;
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private OpenClawConfig() {
    }

    public record Rendered(byte[] bytes, String etag) {
    }

    /**
     * {@code providers}: by id, at least those the agent uses; a missing one is left out of the config.
     * {@code secrets} gives the plaintext of the agent's token and the providers' keys.
     */
    public static Rendered render(Agent agent, Map<String, Provider> providers, RenderSecrets secrets) {
        Map<String, Object> root = new TreeMap<>();
        root.put("gateway", gateway(agent, secrets.token(agent)));
        // Mosaic delivers SOUL.md itself; without this the gateway seeds a default personality and a
        // first-run BOOTSTRAP.md routine into the workspace (a key DESIGN.md's shape lacks; openclaw accepts it).
        Map<String, Object> defaults = new TreeMap<>();
        defaults.put("skipBootstrap", true);
        root.put("agents", Map.of("defaults", defaults));
        if (agent.providerId() != null) {
            Map<String, Provider> used = new LinkedHashMap<>();
            for (String id : agent.providerIds()) {
                Provider provider = providers.get(id);
                if (provider != null) {
                    used.put(id, provider);
                }
            }
            Map<String, Object> providerMap = new TreeMap<>();
            used.values().forEach(p -> providerMap.put(p.name(), provider(p, secrets)));
            root.put("models", Map.of("mode", "merge", "providers", providerMap));
            Map<String, Object> model = new TreeMap<>();
            model.put("primary", ref(used, agent.providerId(), agent.primaryModel()));
            List<String> fallbacks = new ArrayList<>();
            for (ModelRef fallback : agent.fallbacks()) {
                if (used.containsKey(fallback.providerId())) {
                    fallbacks.add(ref(used, fallback.providerId(), fallback.model()));
                }
            }
            model.put("fallbacks", fallbacks);
            defaults.put("model", model);
        }
        if (!agent.toolPermissions().isEmpty()) {
            root.put("tools", Map.of("allow", agent.toolPermissions()));
        }
        try {
            byte[] bytes = (CANONICAL.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
            return new Rendered(bytes, sha256(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the config of " + agent.name(), e);
        }
    }

    private static Map<String, Object> gateway(Agent agent, String token) {
        Map<String, Object> gateway = new TreeMap<>();
        gateway.put("mode", "local");
        gateway.put("port", port(agent.gatewayUrl()));
        gateway.put("bind", "lan");
        gateway.put("auth", Map.of("mode", "token", "token", token));
        gateway.put("reload", Map.of("mode", "hybrid"));
        gateway.put("http", Map.of("endpoints", Map.of("chatCompletions", Map.of("enabled", true))));
        return gateway;
    }

    private static Map<String, Object> provider(Provider p, RenderSecrets secrets) {
        Map<String, Object> provider = new TreeMap<>();
        provider.put("baseUrl", p.effectiveBaseUrl());
        if (p.apiKey() != null) {
            provider.put("apiKey", secrets.apiKey(p));
        }
        provider.put("api", p.effectiveApiType());
        List<Map<String, Object>> models = new ArrayList<>();
        for (ProviderModel m : p.models()) {
            Map<String, Object> model = new TreeMap<>();
            model.put("id", m.id());
            model.put("name", m.name());
            if (m.contextWindow() != null) {
                model.put("contextWindow", m.contextWindow());
            }
            if (m.maxTokens() != null) {
                model.put("maxTokens", m.maxTokens());
            }
            models.add(model);
        }
        provider.put("models", models);
        return provider;
    }

    private static String ref(Map<String, Provider> used, String providerId, String model) {
        return used.get(providerId).name() + "/" + model;
    }

    static int port(String gatewayUrl) {
        try {
            URI uri = URI.create(gatewayUrl);
            return uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT;
        } catch (IllegalArgumentException e) {
            return DEFAULT_PORT;
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
