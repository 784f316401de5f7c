package dev.mosaic.server.security;

import dev.mosaic.events.meta.Actor;

import java.io.Serializable;
import java.security.Principal;
import java.util.List;

/** The signed-in user as kept in the session. */
public record MosaicUser(String id, String username, String displayName, List<String> roles, String authMethod)
        implements Principal, Serializable {
    public static final String ADMIN = "ADMIN";
    public static final String AUDITOR = "AUDITOR";
    public static final String USER = "USER";

    @Override
    public String getName() {
        return username;
    }

    public Actor actor() {
        return "oidc".equals(authMethod) ? new Actor("oidc:" + id, displayName) : Actor.breakglassUser(id, username);
    }
}
