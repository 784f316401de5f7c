package dev.mosaic.query.installation;

public record OnboardingStatus(boolean completed, boolean breakglassCreated, boolean oidcConfigured, long providers,
                               long agents) {
}
