package dev.mosaic.command.testing;

import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.naming.NameRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Name claims in a map, with the semantics of the JDBC registry: re-claiming one's own name succeeds. */
public class InMemoryNameRegistry implements NameRegistry {
    private final Map<String, String> owners = new HashMap<>();

    @Override
    public boolean claim(NameKind kind, String name, String ownerId) {
        String owner = owners.putIfAbsent(key(kind, name), ownerId);
        return owner == null || owner.equals(ownerId);
    }

    @Override
    public void release(NameKind kind, String name) {
        owners.remove(key(kind, name));
    }

    @Override
    public Optional<String> ownerOf(NameKind kind, String name) {
        return Optional.ofNullable(owners.get(key(kind, name)));
    }

    private static String key(NameKind kind, String name) {
        return kind + "/" + name;
    }
}
