package dev.mosaic.events.agent;

/** One model of one provider, as an agent refers to it. */
public record ModelRef(String providerId, String model) {
}
