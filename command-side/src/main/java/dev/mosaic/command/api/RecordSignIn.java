package dev.mosaic.command.api;

import java.util.List;

/**
 * Records a sign-in attempt in the event store (and so in the audit log). {@code failureReason} null means it
 * succeeded. Never carries a password.
 */
public record RecordSignIn(String username, String method, String userId, List<String> roles, String failureReason) {
    public static RecordSignIn succeeded(String username, String method, String userId, List<String> roles) {
        return new RecordSignIn(username, method, userId, roles, null);
    }

    public static RecordSignIn failed(String username, String method, String reason) {
        return new RecordSignIn(username, method, null, null, reason);
    }
}
