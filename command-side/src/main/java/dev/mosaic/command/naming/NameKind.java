package dev.mosaic.command.naming;

/** The name spaces in which a name must be unique. */
public enum NameKind {
    PROVIDER, AGENT, BREAKGLASS_USER,
    /** Holds one claim, taken by the breakglass user created during onboarding. */
    ONBOARDING
}
