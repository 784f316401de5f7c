package dev.mosaic.query.installation;

record OnboardingStatus(boolean completed, boolean breakglassCreated, boolean oidcConfigured, long providers,
                               long agents) {
}
