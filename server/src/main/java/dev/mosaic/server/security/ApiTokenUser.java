package dev.mosaic.server.security;

import dev.mosaic.events.meta.Actor;

import java.security.Principal;

/**
 * A request authenticated by an API token: it acts with the token's role, and its writes are audited as the token,
 * {@code "<owner> (token <name>)"}. Lives for one request only (never in a session).
 */
public record ApiTokenUser(String tokenId, String tokenName, String ownerId, String ownerName, String role)
        implements Principal {
    @Override
    public String getName() {
        return ownerName + " (token " + tokenName + ")";
    }

    public Actor actor() {
        return new Actor(tokenId, getName());
    }
}
