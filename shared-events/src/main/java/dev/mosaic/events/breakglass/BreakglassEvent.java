package dev.mosaic.events.breakglass;

/** Events of one breakglass (local, always-available) admin account. */
public sealed interface BreakglassEvent permits BreakglassUserCreated, BreakglassPasswordChanged,
        BreakglassUserDeactivated, BreakglassUserReactivated {
    String userId();
}
