package dev.mosaic.command.provider;

/** The answer to registering a provider. */
public record NewProvider(String id, String name, long version) {
}
