package dev.mosaic.command.onboarding;

/** The answer to creating the breakglass user during onboarding. */
record NewBreakglassUser(String username) {
}
