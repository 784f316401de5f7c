package dev.mosaic.command.provider;

/** The answer to a change of a provider: its new version. */
record ProviderVersion(String id, long version) {
}
