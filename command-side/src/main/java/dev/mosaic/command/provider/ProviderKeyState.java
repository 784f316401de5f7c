package dev.mosaic.command.provider;

/** The answer to replacing a provider's API key: whether it has one now, never the key. */
record ProviderKeyState(String id, boolean apiKeySet, long version) {
}
