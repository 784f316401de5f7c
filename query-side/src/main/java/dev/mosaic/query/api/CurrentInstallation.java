package dev.mosaic.query.api;

/** The installation's onboarding state and OIDC settings as of now. */
public interface CurrentInstallation {
    InstallationView current();
}
