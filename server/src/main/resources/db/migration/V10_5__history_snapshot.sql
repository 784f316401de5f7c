-- Folds of the event store every 1,000 events (FleetHistory): derived data, safe to delete at any time.
create table history_snapshot (
    seq   bigint primary key,
    state bytea  not null
);
