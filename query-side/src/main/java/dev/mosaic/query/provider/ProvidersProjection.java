package dev.mosaic.query.provider;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mosaic.events.provider.ProviderActivated;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderDeactivated;
import dev.mosaic.events.provider.ProviderDetailsChanged;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderModelsChanged;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.provider.ProviderRemoved;
import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.query.api.ProviderView;
import dev.mosaic.query.api.Providers;
import dev.mosaic.query.common.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The providers view ({@code provider_view}); the API key is kept as its ciphertext, for rendering only. */
@Component
@ProcessingGroup("providers-view")
public class ProvidersProjection implements Providers {
    private static final TypeReference<List<ProviderModel>> MODELS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonColumns json;

    ProvidersProjection(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ProviderRegistered e, @SequenceNumber long version) {
        jdbc.sql("""
                        insert into provider_view (provider_id, name, display_name, type, base_url, api_type, api_key_set,
                                                   api_key, models, active, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, true, ?)""")
                .params(e.providerId(), e.name(), e.displayName(), e.type(), e.baseUrl(), e.apiType(),
                        e.apiKey() != null, e.apiKey() == null ? null : e.apiKey().ciphertext(), json.write(e.models()),
                        version)
                .update();
    }

    @EventHandler
    void on(ProviderDetailsChanged e, @SequenceNumber long version) {
        jdbc.sql("update provider_view set display_name = ?, type = ?, base_url = ?, api_type = ?, version = ? where provider_id = ?")
                .params(e.displayName(), e.type(), e.baseUrl(), e.apiType(), version, e.providerId()).update();
    }

    @EventHandler
    void on(ProviderApiKeyRotated e, @SequenceNumber long version) {
        jdbc.sql("update provider_view set api_key_set = ?, api_key = ?, version = ? where provider_id = ?")
                .params(e.apiKey() != null, e.apiKey() == null ? null : e.apiKey().ciphertext(), version,
                        e.providerId()).update();
    }

    @EventHandler
    void on(ProviderModelsChanged e, @SequenceNumber long version) {
        jdbc.sql("update provider_view set models = ?::jsonb, version = ? where provider_id = ?")
                .params(json.write(e.models()), version, e.providerId()).update();
    }

    @EventHandler
    void on(ProviderDeactivated e, @SequenceNumber long version) {
        setActive(e.providerId(), false, version);
    }

    @EventHandler
    void on(ProviderActivated e, @SequenceNumber long version) {
        setActive(e.providerId(), true, version);
    }

    @EventHandler
    void on(ProviderRemoved e) {
        jdbc.sql("delete from provider_view where provider_id = ?").param(e.providerId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from provider_view").update();
    }

    public List<ProviderView> all() {
        return jdbc.sql("select * from provider_view order by name").query(this::map).list();
    }

    public Optional<ProviderView> byId(String providerId) {
        return jdbc.sql("select * from provider_view where provider_id = ?").param(providerId).query(this::map).optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from provider_view").query(Long.class).single();
    }

    private void setActive(String providerId, boolean active, long version) {
        jdbc.sql("update provider_view set active = ?, version = ? where provider_id = ?")
                .params(active, version, providerId).update();
    }

    private ProviderView map(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("type");
        String baseUrl = rs.getString("base_url");
        String effective = baseUrl != null ? baseUrl
                : ProviderType.fromWireName(type).map(ProviderType::defaultBaseUrl).orElse(null);
        String apiType = rs.getString("api_type");
        String effectiveApi = apiType != null ? apiType
                : ProviderType.fromWireName(type).map(t -> t.defaultApiType().wireName()).orElse(null);
        return new ProviderView(rs.getString("provider_id"), rs.getString("name"), rs.getString("display_name"),
                type, baseUrl, effective, effectiveApi, rs.getBoolean("api_key_set"),
                json.read(rs.getString("models"), MODELS), rs.getBoolean("active"), rs.getLong("version"));
    }
}
