package dev.mosaic.events.breakglass;

/** Whether a password is a breakglass user's current one (against the stored hash); implemented by the server. */
public interface PasswordCheck {
    boolean isCurrentPassword(String username, String password);
}
