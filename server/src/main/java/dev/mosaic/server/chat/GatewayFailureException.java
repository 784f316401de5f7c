package dev.mosaic.server.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** The agent's gateway could not be reached, refused, failed or timed out before the first byte. */
public class GatewayFailureException extends ResponseStatusException {
    private final HttpStatus status;

    GatewayFailureException(HttpStatus status, String message) {
        super(status, message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    /** The plain reason, without the status ResponseStatusException puts in front (it ends SSE error events). */
    @Override
    public String getMessage() {
        return getReason();
    }

    static GatewayFailureException timeout() {
        return new GatewayFailureException(HttpStatus.GATEWAY_TIMEOUT, "the agent's gateway did not answer in time");
    }

    /** What a gateway's non-2xx status means to the user; null for a 2xx. */
    static GatewayFailureException forStatus(int status) {
        if (status == 401 || status == 403) {
            return new GatewayFailureException(HttpStatus.BAD_GATEWAY,
                    "the agent's gateway refused its token (" + status + "); the agent may not have applied its config yet");
        }
        if (status / 100 != 2) {
            return new GatewayFailureException(HttpStatus.BAD_GATEWAY, "the agent's gateway answered " + status);
        }
        return null;
    }

    /** What the HTTP client's failure means to the user. */
    static GatewayFailureException from(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof GatewayFailureException failure) {
            return failure;
        }
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return timeout();
        }
        if (cause instanceof ConnectException) {
            return new GatewayFailureException(HttpStatus.BAD_GATEWAY, "the agent's gateway cannot be reached");
        }
        if (cause instanceof IOException) { // its message may name internal addresses: only the kind is shown
            return new GatewayFailureException(HttpStatus.BAD_GATEWAY,
                    "the agent's gateway failed (" + cause.getClass().getSimpleName() + ")");
        }
        return new GatewayFailureException(HttpStatus.BAD_GATEWAY, "the agent's gateway failed");
    }
}
