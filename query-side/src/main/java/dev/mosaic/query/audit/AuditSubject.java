package dev.mosaic.query.audit;

import dev.mosaic.events.changerequest.ChangeRequestEvent;
import dev.mosaic.events.rollout.RolloutEvent;
import dev.mosaic.events.agent.AgentEvent;
import dev.mosaic.events.breakglass.BreakglassEvent;
import dev.mosaic.events.installation.InstallationEvent;
import dev.mosaic.events.provider.ProviderEvent;
import dev.mosaic.events.signin.SignInEvent;
import dev.mosaic.events.token.ApiTokenEvent;

import java.util.Optional;
import java.util.regex.Pattern;

/** Which entity an event belongs to, and how its type reads in a summary. */
record AuditSubject(String entityType, String entityId, String idField, String label, String action) {
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])");

    static Optional<AuditSubject> of(Object event) {
        String type = event.getClass().getSimpleName();
        if (event instanceof ProviderEvent e) {
            return Optional.of(new AuditSubject("provider", e.providerId(), "providerId", "Provider", words(type, "Provider")));
        }
        if (event instanceof AgentEvent e) {
            return Optional.of(new AuditSubject("agent", e.agentId(), "agentId", "Agent", words(type, "Agent")));
        }
        if (event instanceof BreakglassEvent e) {
            return Optional.of(new AuditSubject("breakglass-user", e.userId(), "userId", "Breakglass user",
                    words(type, type.startsWith("BreakglassUser") ? "BreakglassUser" : "Breakglass")));
        }
        if (event instanceof InstallationEvent e) {
            return Optional.of(new AuditSubject("installation", e.installationId(), "installationId", "Installation:",
                    words(type, "").replace("oidc", "OIDC")));
        }
        if (event instanceof RolloutEvent e) {
            return Optional.of(new AuditSubject("rollout", e.rolloutId(), "rolloutId", "Rollout", words(type, "Rollout")));
        }
        if (event instanceof ApiTokenEvent e) {
            return Optional.of(new AuditSubject("token", e.tokenId(), "tokenId", "API token", words(type, "ApiToken")));
        }
        if (event instanceof ChangeRequestEvent e) {
            return Optional.of(new AuditSubject("change-request", e.changeRequestId(), "changeRequestId",
                    "Change request", words(type, "ChangeRequest")));
        }
        if (event instanceof SignInEvent e) {
            // keyed by the name used; every field (the username too) is kept, so the summary names the user
            return Optional.of(new AuditSubject("sign-in", e.username(), "", "Sign-in of", words(type, "SignIn")));
        }
        return Optional.empty();
    }

    private static String words(String type, String prefix) {
        return String.join(" ", CAMEL.split(type.substring(prefix.length()))).toLowerCase();
    }
}
