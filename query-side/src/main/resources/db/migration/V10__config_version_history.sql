-- Agent configs are rendered after the command commits, and every rendered version is kept.

-- One read model per concept: the settings views also hold what rendering needs (secrets as ciphertexts).
alter table provider_view add column api_key text;
update provider_view p set api_key = c.api_key from config_provider c where c.provider_id = p.provider_id;
alter table agent_view add column token text;
update agent_view a set token = c.token from config_agent c where c.agent_id = a.agent_id;
alter table agent_view alter column token set not null;
create index agent_view_provider on agent_view (provider_id);
drop table config_provider;
drop table config_agent;

-- Append-only: one row per rendered version of an agent's config. document and soul are encrypted (enc:v1:…);
-- state_hash covers both, so the version moves only when either changes. first_seq..last_seq are the event
-- positions (audit seq) whose changes this version was rendered from.
create table agent_config_version (
    agent_id    varchar(255) not null,
    version     bigint       not null,
    name        varchar(255) not null,
    etag        varchar(64)  not null,
    state_hash  varchar(64)  not null,
    document    text         not null,
    soul        text,
    rendered_at timestamptz  not null default now(),
    first_seq   bigint,
    last_seq    bigint,
    primary key (agent_id, version)
);
create index agent_config_version_seq on agent_config_version (last_seq);

-- Rows moved from the mutable agent_config carry no SOUL.md (it was never stored beside them) and no event
-- range; soul_pending tells the renderer to fill the SOUL.md in once, on its first pass.
alter table agent_config_version add column soul_pending boolean not null default false;
insert into agent_config_version (agent_id, version, name, etag, state_hash, document, soul_pending)
select agent_id, version, name, etag, state_hash, document, true from agent_config;

-- What each agent reported it runs, and when it was last seen.
create table agent_applied (
    agent_id        varchar(255) primary key,
    applied_version bigint       not null,
    last_seen_at    timestamptz  not null
);
insert into agent_applied (agent_id, applied_version, last_seen_at)
select agent_id, applied_version, coalesce(last_seen_at, now()) from agent_config where applied_version is not null;
drop table agent_config;

-- Written in the command's transaction, one row per event that can change rendered configs: the durable
-- "still to render" list. A renderer deletes the rows it rendered in the same transaction as the versions.
create table render_request (
    id          bigserial primary key,
    seq         bigint       not null,
    agent_id    varchar(255),
    provider_id varchar(255),
    check ((agent_id is null) <> (provider_id is null))
);

-- One row: renderers lock it (select … for update) so one node renders at a time; last_seq is the newest
-- event position any rendered batch covered, batch counts the batches (nodes apply what they hear in order).
create table render_state (
    id       int primary key check (id = 1),
    last_seq bigint not null,
    batch    bigint not null
);
insert into render_state (id, last_seq, batch) values (1, 0, 0);
-- Every migrated agent is rendered again on the first start (same bytes keep their version; SOUL.md gets filled in).
insert into render_request (seq, agent_id)
select (select coalesce(max(global_index), 0) from domain_event_entry), agent_id from agent_view;
