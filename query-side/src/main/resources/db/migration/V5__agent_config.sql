-- Owned by query-side: what the agent-config projection renders from, and what it rendered.
-- Secrets stay ciphertexts (enc:v1:…); rendered documents are encrypted as a whole.

create table config_provider (
    provider_id varchar(255) primary key,
    name        varchar(255) not null,
    type        varchar(32)  not null,
    base_url    text,
    api_type    varchar(64),
    api_key     text,
    models      jsonb        not null,
    active      boolean      not null
);

create table config_agent (
    agent_id         varchar(255) primary key,
    name             varchar(255) not null unique,
    gateway_url      text         not null,
    provider_id      varchar(255),
    primary_model    varchar(255),
    fallbacks        jsonb        not null,
    tool_permissions jsonb        not null,
    personality      text,
    token            text         not null,
    token_hash       varchar(64)  not null,
    active           boolean      not null
);
create index config_agent_provider on config_agent (provider_id);

-- Kept across replays so that versions only ever move forward. state_hash covers the document and SOUL.md:
-- the version moves when either changes, and only then.
create table agent_config (
    agent_id        varchar(255) primary key,
    name            varchar(255) not null unique,
    version         bigint       not null,
    etag            varchar(64)  not null,
    state_hash      varchar(64)  not null,
    document        text         not null,
    applied_version bigint,
    last_seen_at    timestamptz
);
