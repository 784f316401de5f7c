package dev.mosaic.query.api;

/** An entity read that carries its version, answered with it as the {@code ETag}. */
public interface HasVersion {
    long version();
}
