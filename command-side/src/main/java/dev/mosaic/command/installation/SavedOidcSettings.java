package dev.mosaic.command.installation;

/** The answer to saving the single-sign-on settings: the secret only as {@code clientSecretSet}. */
record SavedOidcSettings(String issuerUrl, String clientId, boolean clientSecretSet, boolean verified, long version) {
}
