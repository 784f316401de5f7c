-- Staged rollouts. A render_request noted from a rollback's events is released: served at once, never held.
alter table render_request add column release boolean not null default false;
-- The id a write under a rollout policy announced for the rollout its change starts (Mosaic-Rollout header).
alter table render_request add column rollout_id varchar(64);

-- A change the renderer held back (a rollout policy is on): the agents whose version it moved, each still served
-- its previous version, until a rollout serves them (or the policy is off again and they are served at once).
create table rollout_request (
    id        bigserial primary key,
    first_seq bigint not null,
    last_seq   bigint      not null,
    rollout_id varchar(64),
    agents     jsonb       not null
);

-- Each rollout as its events left it; position is the seq of the change that started it (newest first in lists).
create table rollout_view (
    rollout_id varchar(64) primary key,
    position   bigint      not null,
    active     boolean     not null,
    state      jsonb       not null
);
create index rollout_view_position on rollout_view (position desc);
create index rollout_view_active on rollout_view (active) where active;
