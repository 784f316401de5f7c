package dev.mosaic.server.security;

/** Too many failed sign-ins from this client (answered with 429 and Retry-After). */
public class SignInThrottledException extends RuntimeException {
    private final long retryAfterSeconds;

    public SignInThrottledException(long retryAfterSeconds) {
        super("too many failed sign-ins");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
