package dev.mosaic.server.chat;

import org.springframework.http.HttpStatus;

/** The agent's gateway could not be reached, refused, failed or timed out before the first byte. */
public class GatewayFailureException extends RuntimeException {
    private final HttpStatus status;

    GatewayFailureException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
