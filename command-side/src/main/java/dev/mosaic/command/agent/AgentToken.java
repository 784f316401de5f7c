package dev.mosaic.command.agent;

/** The answer to registering an agent or rotating its token: the token, shown this once. */
record AgentToken(String name, String token, long version) {
}
