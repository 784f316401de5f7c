package dev.mosaic.events.breakglass;

/** One-way hashing of breakglass passwords (BCrypt); implemented by the server, so no side carries the library. */
public interface PasswordHashing {
    String hash(String password);
}
