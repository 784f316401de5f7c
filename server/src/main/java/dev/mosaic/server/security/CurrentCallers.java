package dev.mosaic.server.security;

import dev.mosaic.events.token.Caller;
import dev.mosaic.events.token.Callers;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The signed-in person of this request (a session's user, or an API token's owner acting with the token's role). */
@Component
class CurrentCallers implements Callers {
    @Override
    public Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof MosaicUser user) {
            return Optional.of(new Caller(user.actor().id(), user.actor().name(), new HashSet<>(user.roles()), null));
        }
        if (authentication.getPrincipal() instanceof ApiTokenUser token) {
            return Optional.of(new Caller(token.ownerId(), token.ownerName(), Set.of(token.role()), token.tokenId()));
        }
        return Optional.empty();
    }
}
