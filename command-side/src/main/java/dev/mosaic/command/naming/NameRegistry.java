package dev.mosaic.command.naming;

import java.util.Optional;

/**
 * Set-based uniqueness: a name is claimed in the same transaction as the command that takes it, so two
 * concurrent claims of one name cannot both commit.
 */
public interface NameRegistry {
    /** Claims {@code name} for {@code ownerId}; false when another owner holds it. */
    boolean claim(NameKind kind, String name, String ownerId);

    void release(NameKind kind, String name);

    Optional<String> ownerOf(NameKind kind, String name);
}
