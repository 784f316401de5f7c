package dev.mosaic.events.installation;

/** Events of the singleton installation; its identifier is always {@link #ID}. */
public sealed interface InstallationEvent permits OnboardingCompleted, OidcConfigured, OidcRemoved, OidcSignInVerified,
        RolloutPolicySet, ChangePolicySet {
    String ID = "installation";

    String installationId();
}
