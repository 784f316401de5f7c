package dev.mosaic.command.agent;

/** The answer to a change of an agent: its new version. */
record AgentVersion(String name, long version) {
}
