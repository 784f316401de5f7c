package dev.mosaic.command.api;

/** The onboarding breakglass step runs once: a breakglass user already exists. */
public class OnboardingClosedException extends RuntimeException {
    public OnboardingClosedException() {
        super("a breakglass user already exists; sign in instead");
    }
}
