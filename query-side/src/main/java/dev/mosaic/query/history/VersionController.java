package dev.mosaic.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Agents;
import dev.mosaic.query.api.ConfigChange;
import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.query.api.Items;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An agent's config versions: the list with the audit entries that caused each, one version (masked), a diff. */
@RestController
@RequestMapping("/api/agents/{name}/config")
class VersionController {
    private final Agents agents;
    private final ConfigVersions versions;
    private final MaskedConfig configs;
    private final JdbcClient jdbc;

    VersionController(Agents agents, ConfigVersions versions, MaskedConfig configs, JdbcClient jdbc) {
        this.agents = agents;
        this.versions = versions;
        this.configs = configs;
        this.jdbc = jdbc;
    }

    record Cause(long seq, String eventType, String actorName, String summary) {
    }

    record VersionItem(long version, String etag, Instant renderedAt, List<Cause> causes) {
    }

    record VersionDocument(long version, String etag, Instant renderedAt, JsonNode document, @Nullable String soul) {
    }

    /** {@code soulDiff} is null when SOUL.md is the same in both. */
    record ConfigDiff(long from, long to, List<ConfigChange> changes, @Nullable String soulDiff) {
    }

    @GetMapping("/versions")
    Items<VersionItem> list(@PathVariable String name, @RequestParam(defaultValue = "50") int limit,
                            @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 500) {
            throw new InvalidQueryParameterException("limit", "must be between 1 and 500");
        }
        Agent agent = agent(name);
        List<ConfigVersions.Version> page = versions.page(agent.id(), number("cursor", cursor), limit + 1);
        List<VersionItem> items = new ArrayList<>();
        for (ConfigVersions.Version v : page.subList(0, Math.min(limit, page.size()))) {
            items.add(new VersionItem(v.version(), v.etag(), v.renderedAt(), causes(v)));
        }
        String next = page.size() > limit ? Long.toString(items.get(items.size() - 1).version()) : null;
        return new Items<>(items, next);
    }

    @GetMapping("/versions/{version}")
    VersionDocument one(@PathVariable String name, @PathVariable String version) {
        ConfigVersions.Version v = version(agent(name), "version", version);
        return new VersionDocument(v.version(), v.etag(), v.renderedAt(), configs.mask(v.document()), v.soul());
    }

    @GetMapping("/diff")
    ConfigDiff diff(@PathVariable String name, @RequestParam String from, @RequestParam String to) {
        Agent agent = agent(name);
        ConfigVersions.Version a = version(agent, "from", from);
        ConfigVersions.Version b = version(agent, "to", to);
        List<ConfigChange> changes = JsonDiff.diff(configs.mask(a.document()), configs.mask(b.document()));
        return new ConfigDiff(a.version(), b.version(), changes, soulDiff(a, b));
    }

    /** Null when SOUL.md is the same in both. */
    private static String soulDiff(ConfigVersions.Version a, ConfigVersions.Version b) {
        String before = a.soul() == null ? "" : a.soul();
        String after = b.soul() == null ? "" : b.soul();
        if (before.equals(after)) {
            return null;
        }
        List<String> left = Arrays.asList(before.split("\n", -1));
        List<String> right = Arrays.asList(after.split("\n", -1));
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("SOUL.md@v" + a.version(), "SOUL.md@v" + b.version(),
                left, DiffUtils.diff(left, right), 3);
        return String.join("\n", lines) + "\n";
    }

    /**
     * The audit entries in the version's event range that concern this agent, or a provider its config names.
     * Versions kept from before the history began have no range and so no causes.
     */
    private List<Cause> causes(ConfigVersions.Version v) {
        if (v.firstSeq() == null || v.lastSeq() == null) {
            return List.of();
        }
        JsonNode providers = configs.mask(v.document()).path("models").path("providers");
        List<String> providerNames = new ArrayList<>();
        providers.fieldNames().forEachRemaining(providerNames::add);
        return jdbc.sql("""
                        select seq, event_type, actor_name, summary from audit_entry
                        where seq between ? and ?
                          and ((entity_type = 'agent' and entity_id = ?)
                               or (entity_type = 'provider' and entity_name = any(?)))
                        order by seq""")
                .params(v.firstSeq(), v.lastSeq(), v.agentId(), providerNames.toArray(String[]::new))
                .query((rs, n) -> new Cause(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    private Agent agent(String name) {
        return agents.byName(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no agent " + name));
    }

    private ConfigVersions.Version version(Agent agent, String field, String value) {
        Long number = number(field, value);
        if (number == null) {
            throw new InvalidQueryParameterException(field, "is required");
        }
        return versions.one(agent.id(), number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "agent " + agent.name() + " has no config version " + number));
    }

    private static Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryParameterException(field, "must be a version number");
        }
    }
}
