package dev.mosaic.server.web;

import java.io.IOException;

/** A request body went past {@link BodySizeLimitFilter#MAX_BYTES}. */
class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
        super("request body too large");
    }

    static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
