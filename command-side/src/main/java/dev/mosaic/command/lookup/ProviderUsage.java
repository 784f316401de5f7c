package dev.mosaic.command.lookup;

import java.util.Collection;
import java.util.List;

/** Which agents (by name) rely on a provider or on some of its models. */
public interface ProviderUsage {
    List<String> agentsUsing(String providerId);

    List<String> agentsUsingModels(String providerId, Collection<String> modelIds);
}
