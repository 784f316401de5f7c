package dev.mosaic.events.token;

/** Events of one API token (a bearer credential for scripts and CI); never the token itself. */
public sealed interface ApiTokenEvent permits ApiTokenIssued, ApiTokenRevoked {
    String tokenId();
}
