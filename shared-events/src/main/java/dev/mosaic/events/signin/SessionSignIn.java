package dev.mosaic.events.signin;

/**
 * Signs the caller of the current request in as a just-created breakglass admin; implemented by the server's
 * security wiring, which knows the request and the session.
 */
public interface SessionSignIn {
    void signInBreakglass(String username);
}
