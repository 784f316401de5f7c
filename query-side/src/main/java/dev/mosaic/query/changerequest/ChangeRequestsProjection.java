package dev.mosaic.query.changerequest;

import dev.mosaic.events.changerequest.ChangeRequestEvent;
import dev.mosaic.query.api.ChangeRequestView;
import dev.mosaic.query.api.ChangeRequests;
import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.query.api.Items;
import dev.mosaic.query.common.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The change requests view ({@code change_request_view}): each request as {@link ChangeRequestReducer} leaves it. */
@Component
@ProcessingGroup("change-requests-view")
class ChangeRequestsProjection implements ChangeRequests {
    private static final Set<String> STATES = Set.of(ChangeRequestView.OPEN, ChangeRequestView.APPROVED,
            ChangeRequestView.APPLIED, ChangeRequestView.REJECTED, ChangeRequestView.CANCELLED);
    private final JdbcClient jdbc;
    private final JsonColumns json;

    ChangeRequestsProjection(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ChangeRequestEvent event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        ChangeRequestView next = ChangeRequestReducer.apply(find(event.changeRequestId()).orElse(null), event,
                at.truncatedTo(ChronoUnit.MILLIS), globalIndex(message));
        if (next == null) {
            return;
        }
        jdbc.sql("""
                        insert into change_request_view (change_request_id, created_at, state_name, state)
                        values (?, ?, ?, ?::jsonb)
                        on conflict (change_request_id) do update set state_name = excluded.state_name, state = excluded.state""")
                .params(next.id(), java.sql.Timestamp.from(next.createdAt()), next.state(), json.write(next)).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from change_request_view").update();
    }

    @Override
    public Optional<ChangeRequestView> find(String id) {
        return jdbc.sql("select state from change_request_view where change_request_id = ?").param(id)
                .query(String.class).optional().map(state -> json.read(state, ChangeRequestView.class));
    }

    @Override
    public Items<ChangeRequestView> list(String state, String cursor, int limit) {
        if (state != null && !STATES.contains(state)) {
            throw new InvalidQueryParameterException("state", "must be one of " + String.join(", ", STATES.stream().sorted().toList()));
        }
        StringBuilder sql = new StringBuilder("select state from change_request_view where true");
        JdbcClient.StatementSpec statement;
        List<Object> params = new java.util.ArrayList<>();
        if (state != null) {
            sql.append(" and state_name = ?");
            params.add(state);
        }
        if (cursor != null && !cursor.isBlank()) {
            Position after = Position.parse(cursor);
            sql.append(" and (created_at, change_request_id) < (?, ?)");
            params.add(java.sql.Timestamp.from(after.createdAt()));
            params.add(after.id());
        }
        sql.append(" order by created_at desc, change_request_id desc limit ?");
        params.add(limit + 1);
        statement = jdbc.sql(sql.toString()).params(params);
        List<ChangeRequestView> page = statement.query(String.class).list().stream()
                .map(row -> json.read(row, ChangeRequestView.class)).toList();
        String next = page.size() > limit ? Position.of(page.get(limit - 1)) : null;
        return new Items<>(page.stream().limit(limit).toList(), next);
    }

    @Override
    public long countPending() {
        return jdbc.sql("select count(*) from change_request_view where state_name in ('open', 'approved')")
                .query(Long.class).single();
    }

    @Override
    public java.util.Map<String, Long> countByState() {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("select state_name, count(*) from change_request_view group by state_name")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private long globalIndex(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked
                && tracked.trackingToken() instanceof GlobalSequenceTrackingToken token) {
            return token.getGlobalIndex();
        }
        return jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                .param(message.getIdentifier()).query(Long.class).single();
    }

    /** The list's cursor: the last request of a page, as {@code <createdAt in µs>.<id>}. */
    private record Position(Instant createdAt, String id) {
        static String of(ChangeRequestView last) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt()) + "." + last.id();
        }

        static Position parse(String cursor) {
            int dot = cursor.indexOf('.');
            try {
                return new Position(Instant.EPOCH.plus(Long.parseLong(cursor.substring(0, dot)), ChronoUnit.MICROS),
                        cursor.substring(dot + 1));
            } catch (RuntimeException e) {
                throw new InvalidQueryParameterException("cursor", "is not a cursor this API returned");
            }
        }
    }
}
