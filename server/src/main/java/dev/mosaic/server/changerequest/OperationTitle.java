package dev.mosaic.server.changerequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.query.api.ProviderView;
import dev.mosaic.query.api.Providers;
import org.springframework.stereotype.Component;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a proposed operation does, in words: "Change the model of agent support". */
@Component
class OperationTitle {
    private static final Pattern PROVIDER = Pattern.compile("/api/providers/([^/]+)(/api-key)?");
    private static final Pattern AGENT = Pattern.compile("/api/agents/([^/]+)(/model|/token)?");
    private final Providers providers;

    OperationTitle(Providers providers) {
        this.providers = providers;
    }

    String of(String method, String path, String query, JsonNode body) {
        Matcher provider = PROVIDER.matcher(path);
        Matcher agent = AGENT.matcher(path);
        if (path.equals("/api/providers") && method.equals("POST")) {
            return "Add provider " + body.path("name").asText("?");
        }
        if (provider.matches()) {
            String name = providers.byId(provider.group(1)).map(ProviderView::name).orElse(provider.group(1));
            if (provider.group(2) != null) {
                return "Replace the API key of provider " + name;
            }
            return (method.equals("DELETE") ? "Remove provider " : "Change provider ") + name;
        }
        if (path.equals("/api/agents") && method.equals("POST")) {
            return "Add agent " + body.path("name").asText("?");
        }
        if (agent.matches()) {
            String name = agent.group(1);
            if ("/model".equals(agent.group(2))) {
                return "Change the model of agent " + name + " to " + body.path("primaryModel").asText("?");
            }
            if ("/token".equals(agent.group(2))) {
                return "Rotate the token of agent " + name;
            }
            return (method.equals("DELETE") ? "Remove agent " : "Change agent ") + name;
        }
        return switch (path) {
            case "/api/settings/oidc" -> method.equals("DELETE") ? "Remove single sign-on" : "Change the single sign-on settings";
            case "/api/settings/rollout" -> "Change the rollout policy";
            case "/api/settings/change-policy" -> "Require " + body.path("approvalsRequired").asInt() + " approval(s) for changes";
            case "/api/revert" -> "Revert the fleet to #" + body.path("seq").asText("?");
            case "/api/fleet" -> "Apply a fleet file" + (query != null && query.contains("prune=true") ? " (removing what it lacks)" : "");
            default -> method + " " + path;
        };
    }
}
