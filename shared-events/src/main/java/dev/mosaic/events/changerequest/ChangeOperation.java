package dev.mosaic.events.changerequest;

/**
 * The write a change request proposes, as it was asked for: {@code query} without {@code propose}, {@code body}
 * the JSON body with every secret in it replaced by its ciphertext ({@code enc:v1:…}, bound to the request).
 */
public record ChangeOperation(String method, String path, String query, String body) {
}
