package dev.mosaic.query.agentconfig;

import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.ConfigFetch;
import org.springframework.stereotype.Component;

/**
 * Answers agents' plain config fetches and finds the agent of a change stream request, before any security chain:
 * only a raw path of the prefix and a name of {@code [a-z0-9-]} (nothing Spring Security's firewall guards against:
 * dots, encoded characters, semicolons, slashes) with that agent's own token; everything else is left to the chain.
 */
@Component
class ConfigFetchAnswers implements ConfigFetch {
    private static final int MAX_NAME = 63;
    private final AgentConfigStore store;

    ConfigFetchAnswers(AgentConfigStore store) {
        this.store = store;
    }

    @Override
    public Answer answer(String rawPath, String authorization, String ifNoneMatch) {
        AgentConfig config = servable(rawPath, authorization);
        if (config == null) {
            return null;
        }
        store.recordSeen(config.name());
        boolean unchanged = ConfigETags.matches(ifNoneMatch, config);
        return new Answer(unchanged ? 304 : 200, ConfigETags.quoted(config), Long.toString(config.version()),
                unchanged ? null : config.document());
    }

    /** The active agent named by the path when the request carries its token; otherwise null. */
    AgentConfig servable(String rawPath, String authorization) {
        String name = nameIn(rawPath);
        String token = name == null ? null : AgentTokens.fromAuthorization(authorization);
        if (token == null) {
            return null;
        }
        return store.configForToken(token).filter(config -> config.name().equals(name)).orElse(null);
    }

    private static String nameIn(String path) {
        int length = path.length() - PREFIX.length();
        if (length < 1 || length > MAX_NAME || !path.startsWith(PREFIX)) {
            return null;
        }
        for (int i = PREFIX.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return null;
            }
        }
        return path.substring(PREFIX.length());
    }
}
