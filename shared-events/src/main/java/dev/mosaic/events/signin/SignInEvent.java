package dev.mosaic.events.signin;

/**
 * A sign-in attempt, successful or not; not tied to an aggregate (a failed attempt may name no user). Never
 * carries a password. {@code method} is {@code breakglass} or {@code oidc}.
 */
public sealed interface SignInEvent permits SignInSucceeded, SignInFailed {
    String username();

    String method();
}
