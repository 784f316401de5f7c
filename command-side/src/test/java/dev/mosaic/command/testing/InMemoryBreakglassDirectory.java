package dev.mosaic.command.testing;

import dev.mosaic.command.api.BreakglassDirectory;

import java.util.HashMap;
import java.util.Map;

/** The breakglass accounts that exist, and whether each is active, set up by each test. */
public class InMemoryBreakglassDirectory implements BreakglassDirectory {
    private final Map<String, Boolean> activeByUserId = new HashMap<>();

    public InMemoryBreakglassDirectory activeUser(String userId) {
        activeByUserId.put(userId, true);
        return this;
    }

    public InMemoryBreakglassDirectory inactiveUser(String userId) {
        activeByUserId.put(userId, false);
        return this;
    }

    @Override
    public boolean anyUser() {
        return !activeByUserId.isEmpty();
    }

    @Override
    public long activeUsers() {
        return activeByUserId.values().stream().filter(Boolean::booleanValue).count();
    }
}
