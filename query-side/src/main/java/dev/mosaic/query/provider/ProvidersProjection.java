package dev.mosaic.query.provider;

import dev.mosaic.events.provider.ProviderEvent;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.api.ProviderView;
import dev.mosaic.query.api.Providers;
import dev.mosaic.query.common.JsonColumns;
import dev.mosaic.query.fleet.ProviderReducer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The providers view ({@code provider_view}): each provider as {@link ProviderReducer} leaves it, its key a ciphertext. */
@Component
@ProcessingGroup("providers-view")
public class ProvidersProjection implements Providers {
    private static final String UPSERT = """
            insert into provider_view (provider_id, name, state) values (?, ?, ?::jsonb)
            on conflict (provider_id) do update set name = excluded.name, state = excluded.state""";
    private static final int BATCH = 1000;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonColumns json;

    ProvidersProjection(JdbcClient jdbc, JdbcTemplate batch, JsonColumns json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    @EventHandler
    void on(ProviderEvent event, @SequenceNumber long version) {
        Provider provider = ProviderReducer.apply(provider(event.providerId()).orElse(null), event, version);
        if (provider == null) {
            jdbc.sql("delete from provider_view where provider_id = ?").param(event.providerId()).update();
        } else {
            jdbc.sql(UPSERT).params(row(provider)).update();
        }
    }

    /** Writes many providers at once (a replay, after the reset): the rows the handler leaves for each. */
    public void writeAll(List<Provider> providers) {
        for (int from = 0; from < providers.size(); from += BATCH) {
            batch.batchUpdate(UPSERT, providers.subList(from, Math.min(providers.size(), from + BATCH)).stream()
                    .map(this::row).toList());
        }
    }

    private Object[] row(Provider provider) {
        return new Object[]{provider.id(), provider.name(), json.write(provider)};
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from provider_view").update();
    }

    @Override
    public List<ProviderView> all() {
        return jdbc.sql("select state from provider_view order by name").query(String.class).list().stream()
                .map(state -> ProviderView.of(json.read(state, Provider.class))).toList();
    }

    @Override
    public Optional<ProviderView> byId(String providerId) {
        return provider(providerId).map(ProviderView::of);
    }

    /** The provider with its key's ciphertext. */
    Optional<Provider> provider(String providerId) {
        return jdbc.sql("select state from provider_view where provider_id = ?").param(providerId)
                .query(String.class).optional().map(state -> json.read(state, Provider.class));
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from provider_view").query(Long.class).single();
    }
}
