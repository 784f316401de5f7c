package dev.mosaic.events.provider;

/** A model a provider offers; {@code contextWindow} and {@code maxTokens} are optional. */
public record ProviderModel(String id, String name, Integer contextWindow, Integer maxTokens) {
}
