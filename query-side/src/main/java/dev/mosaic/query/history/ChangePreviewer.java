package dev.mosaic.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mosaic.events.agent.AgentEvent;
import dev.mosaic.events.provider.ProviderEvent;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.query.api.ConfigChange;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.audit.AuditDescriptions;
import dev.mosaic.query.fleet.Fleet;
import dev.mosaic.query.rendering.RenderSecrets;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What events that were not stored would do: how the audit would read them and, per agent whose config they
 * touch, whether its version would move and how its (masked) config would change. The current configs come
 * from what agents are served now; the new ones are rendered from the folded state plus the events.
 */
@Component
class ChangePreviewer implements ChangePreview {
    private final FleetTimeline history;
    private final MaskedConfig configs;
    private final AgentConfigs served;
    private final AuditDescriptions audit;
    private final Map<String, JsonNode> maskedByEtag = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
                    return size() > 20_000;
                }
            });

    ChangePreviewer(FleetTimeline history, MaskedConfig configs, AgentConfigs served, AuditDescriptions audit) {
        this.history = history;
        this.configs = configs;
        this.served = served;
        this.audit = audit;
    }

    @Override
    public DryRunPreview preview(List<? extends EventMessage<?>> events) {
        Fleet before = history.now();
        Fleet after = fold(before, events);
        List<Object> payloads = payloads(events);
        return new DryRunPreview(true, audit.describe(payloads), agentChanges(before, after, payloads, true));
    }

    @Override
    public List<AgentChange> agentChanges(FleetState before, List<? extends EventMessage<?>> events) {
        return agentChanges(before, fold(before, events), payloads(events), false);
    }

    private static Fleet fold(FleetState before, List<? extends EventMessage<?>> events) {
        Fleet after = Fleet.copyOf(before);
        for (EventMessage<?> event : events) {
            long version = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
            after.apply(event.getPayload(), version);
        }
        return after;
    }

    private static List<Object> payloads(List<? extends EventMessage<?>> events) {
        List<Object> payloads = new ArrayList<>();
        for (EventMessage<?> event : events) {
            payloads.add(event.getPayload());
        }
        return payloads;
    }

    /**
     * Every agent the events touch, directly or through a provider it uses (before or after). With
     * {@code servedBefore} the configs before are those agents are served now, else rendered from {@code before}.
     */
    private List<AgentChange> agentChanges(FleetState before, FleetState after, List<Object> payloads,
                                           boolean servedBefore) {
        Set<String> agentIds = new LinkedHashSet<>();
        for (Object payload : payloads) {
            if (payload instanceof AgentEvent e) {
                agentIds.add(e.agentId());
            } else if (payload instanceof ProviderEvent e) {
                before.agentsUsing(e.providerId()).forEach(a -> agentIds.add(a.id()));
                after.agentsUsing(e.providerId()).forEach(a -> agentIds.add(a.id()));
            }
        }
        List<AgentChange> changes = new ArrayList<>();
        RenderSecrets secrets = configs.secrets();
        for (String id : agentIds) {
            Optional<Agent> was = before.agent(id);
            Optional<Agent> will = after.agent(id);
            if (was.isEmpty() && will.isEmpty()) {
                continue;
            }
            String name = will.or(() -> was).get().name();
            Optional<AgentConfig> current = served.byName(name).filter(c -> c.agentId().equals(id));
            Optional<AgentConfig> servedNow = servedBefore ? current : Optional.empty();
            byte[] oldBytes = servedNow.map(AgentConfig::document)
                    .orElseGet(() -> was.map(a -> configs.render(before, a, secrets)).orElse(null));
            String oldSoul = servedNow.map(AgentConfig::soul).orElseGet(() -> was.map(Agent::personality).orElse(null));
            byte[] newBytes = will.map(a -> configs.render(after, a, secrets)).orElse(null);
            String newSoul = will.map(Agent::personality).orElse(null);
            boolean moves = newBytes != null && (oldBytes == null || !Arrays.equals(oldBytes, newBytes)
                    || !Objects.equals(oldSoul, newSoul));
            JsonNode oldMasked = servedNow.map(this::servedMasked)
                    .orElseGet(() -> oldBytes == null ? null : configs.mask(oldBytes));
            List<ConfigChange> diff = new ArrayList<>(JsonDiff.diff(oldMasked,
                    newBytes == null ? null : configs.mask(newBytes)));
            if (!Objects.equals(oldSoul, newSoul)) {
                diff.add(new ConfigChange("SOUL.md", oldSoul == null ? "added" : newSoul == null ? "removed" : "changed",
                        text(oldSoul), text(newSoul)));
            }
            changes.add(new AgentChange(name, current.map(AgentConfig::version).orElse(null), moves, diff));
        }
        return changes;
    }

    /**
     * The masked form of a served config, kept by its etag: a fleet-wide preview (a provider key change at
     * thousands of agents) parses each served document once, not on every preview. Read-only once cached.
     */
    private JsonNode servedMasked(AgentConfig config) {
        JsonNode cached = maskedByEtag.get(config.etag());
        if (cached == null) {
            cached = configs.mask(config.document());
            maskedByEtag.put(config.etag(), cached);
        }
        return cached;
    }

    private static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }
}
