package dev.mosaic.command.api;

/** A model as a client sends it. */
public record ModelInput(String id, String name, Integer contextWindow, Integer maxTokens) {
}
