package dev.mosaic.command.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Signs the caller in as a just-created breakglass admin; implemented by the server's security wiring. */
public interface SessionSignIn {
    void signInBreakglass(String username, HttpServletRequest request, HttpServletResponse response);
}
