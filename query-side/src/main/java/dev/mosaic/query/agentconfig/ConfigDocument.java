package dev.mosaic.query.agentconfig;

import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretRef;

import java.util.List;
import java.util.function.Function;

/** The renderer as a pure function, for configs that were or would be: inputs in, {@code openclaw.json} bytes out. */
public final class ConfigDocument {
    private ConfigDocument() {
    }

    public record AgentInput(String agentId, String name, String gatewayUrl, String providerId, String primaryModel,
                             List<ModelRef> fallbacks, List<String> toolPermissions, SecretRef token) {
    }

    public record ProviderInput(String providerId, String name, String type, String baseUrl, String apiType,
                                SecretRef apiKey, List<ProviderModel> models) {
    }

    public static byte[] render(AgentInput agent, Function<String, ProviderInput> providers, SecretCipher cipher) {
        ConfigSources.AgentSource source = new ConfigSources.AgentSource(agent.agentId(), agent.name(),
                agent.gatewayUrl(), agent.providerId(), agent.primaryModel(), agent.fallbacks(),
                agent.toolPermissions(), null, agent.token(), null, true);
        return OpenClawConfig.render(source, id -> {
            ProviderInput p = providers.apply(id);
            return p == null ? null : new ConfigSources.ProviderSource(p.providerId(), p.name(), p.type(),
                    p.baseUrl(), p.apiType(), p.apiKey(), p.models());
        }, cipher).bytes();
    }
}
