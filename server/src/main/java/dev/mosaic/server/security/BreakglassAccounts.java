package dev.mosaic.server.security;

import dev.mosaic.query.api.BreakglassCredential;
import dev.mosaic.query.api.BreakglassCredentials;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import java.util.List;

/** Breakglass users for Spring Security, read from the credentials projection; they are admins. */
@Component
class BreakglassAccounts implements UserDetailsService {
    private final BreakglassCredentials credentials;

    BreakglassAccounts(BreakglassCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        BreakglassCredential credential = credentials.byUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("no breakglass user"));
        return User.withUsername(credential.username()).password(credential.passwordHash())
                .disabled(!credential.active()).roles(MosaicUser.ADMIN).build();
    }

    MosaicUser principal(String username) {
        BreakglassCredential credential = credentials.byUsername(username).orElseThrow();
        return new MosaicUser(credential.userId(), credential.username(), credential.username(),
                List.of(MosaicUser.ADMIN), "breakglass");
    }
}
