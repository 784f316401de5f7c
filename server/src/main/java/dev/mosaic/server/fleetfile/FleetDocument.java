package dev.mosaic.server.fleetfile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The whole fleet as one document ({@code apiVersion: mosaic/v1}, {@code kind: Fleet}): the ONLY definition of
 * the format. {@code GET /api/fleet} writes it, {@code PUT /api/fleet} reads it and {@code GET /api/fleet/schema}
 * is generated from these records, so the three cannot drift. A collection that is absent (null) is not managed.
 */
@JsonPropertyOrder({"apiVersion", "kind", "providers", "agents"})
public record FleetDocument(
        @FleetField(value = "Always mosaic/v1.", required = true, oneOf = {API_VERSION}) String apiVersion,
        @FleetField(value = "Always Fleet.", required = true, oneOf = {KIND}) String kind,
        @FleetField("LLM providers keyed by name; absent = not managed by this document.")
        Map<String, Provider> providers,
        @FleetField("Agents keyed by name; absent = not managed by this document.")
        Map<String, Agent> agents) {

    public static final String API_VERSION = "mosaic/v1";
    public static final String KIND = "Fleet";

    /** One LLM provider. */
    @JsonPropertyOrder({"displayName", "type", "baseUrl", "apiType", "apiKey", "active", "models"})
    @Schema(name = "FleetProvider")
    public record Provider(
            @FleetField(value = "Name shown to people.", required = true) String displayName,
            @FleetField(value = "The provider's kind.", required = true,
                    oneOf = {"openai", "anthropic", "zai", "ollama", "custom"}) String type,
            @FleetField("Base URL; null = the type's default (custom needs one).") String baseUrl,
            @FleetField(value = "API dialect; null = the type's default.",
                    oneOf = {"openai-completions", "openai-responses", "anthropic-messages", "ollama"}) String apiType,
            @FleetField("A mask from an export (secret:<12 hex>) keeps or restores that key; plain text (or "
                    + "${env:NAME}, resolved by the CLI) sets a new key; null = no key.") String apiKey,
            @FleetField("Default true.") Boolean active,
            @FleetField(value = "The models it offers.", required = true) List<Model> models) {
    }

    /** One model of a provider. */
    @JsonPropertyOrder({"id", "name", "contextWindow", "maxTokens"})
    @Schema(name = "FleetModel")
    public record Model(
            @FleetField(value = "The provider's model id.", required = true) String id,
            @FleetField("Name shown to people.") String name,
            @FleetField("Context window in tokens.") Integer contextWindow,
            @FleetField("Most tokens in one answer.") Integer maxTokens) {
    }

    /** One agent. */
    @JsonPropertyOrder({"displayName", "role", "gatewayUrl", "active", "canary", "model", "personality",
            "toolPermissions"})
    @Schema(name = "FleetAgent")
    public record Agent(
            @FleetField(value = "Name shown to people.", required = true) String displayName,
            @FleetField("What the agent is for.") String role,
            @FleetField(value = "URL of its OpenClaw gateway.", required = true) String gatewayUrl,
            @FleetField("Default true.") Boolean active,
            @FleetField("Goes first in a staged rollout; default false.") Boolean canary,
            @FleetField("Its model; null = none yet.") AgentModel model,
            @FleetField("SOUL.md text.") String personality,
            @FleetField("Tools it may use.") List<String> toolPermissions) {
    }

    /** An agent's model: a provider of this document (or of the installation) and its model ids. */
    @JsonPropertyOrder({"provider", "primary", "fallbacks"})
    @Schema(name = "FleetAgentModel")
    public record AgentModel(
            @FleetField(value = "Provider name.", required = true) String provider,
            @FleetField(value = "Model id of that provider.", required = true) String primary,
            @FleetField("Tried in order when the primary fails.") List<Fallback> fallbacks) {
    }

    /** A fallback model. */
    @JsonPropertyOrder({"provider", "model"})
    @Schema(name = "FleetFallback")
    public record Fallback(
            @FleetField(value = "Provider name.", required = true) String provider,
            @FleetField(value = "Model id of that provider.", required = true) String model) {
    }
}
