package dev.mosaic.command.onboarding;

import java.util.List;

/** The agents onboarding registered, each with its token (shown this once). */
record IssuedTokens(List<IssuedToken> agents) {
    record IssuedToken(String name, String token) {
    }
}
