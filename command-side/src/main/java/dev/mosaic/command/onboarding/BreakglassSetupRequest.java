package dev.mosaic.command.onboarding;

record BreakglassSetupRequest(String username, String password, String setupCode) {
    @Override
    public String toString() {
        return "BreakglassSetupRequest[" + username + "]";
    }
}
