-- Owned by query-side: the views, rebuilt from the event store by replay.

create table provider_view (
    provider_id  varchar(255) primary key,
    name         varchar(255) not null unique,
    display_name varchar(255) not null,
    type         varchar(32)  not null,
    base_url     text,
    api_type     varchar(64),
    api_key_set  boolean      not null,
    models       jsonb        not null,
    active       boolean      not null,
    version      bigint       not null
);

create table agent_view (
    agent_id         varchar(255) primary key,
    name             varchar(255) not null unique,
    display_name     varchar(255) not null,
    role             varchar(255),
    gateway_url      text         not null,
    provider_id      varchar(255),
    primary_model    varchar(255),
    fallbacks        jsonb        not null,
    personality      text,
    tool_permissions jsonb        not null,
    active           boolean      not null,
    token_hash       varchar(64)  not null unique,
    version          bigint       not null
);

create table breakglass_credential (
    user_id       varchar(255) primary key,
    username      varchar(255) not null unique,
    password_hash varchar(255) not null,
    active        boolean      not null
);

create table installation_view (
    id                   int primary key check (id = 1),
    onboarding_completed boolean not null,
    oidc_issuer_url      text,
    oidc_client_id       text,
    oidc_client_secret   text,
    oidc_scopes          jsonb,
    oidc_role_claim      varchar(255),
    oidc_admin_values    jsonb,
    oidc_auditor_values  jsonb
);
insert into installation_view (id, onboarding_completed) values (1, false);

create table audit_entry (
    seq            bigint primary key,
    at             timestamptz  not null,
    actor_id       varchar(255) not null,
    actor_name     varchar(255) not null,
    entity_type    varchar(64)  not null,
    entity_id      varchar(255) not null,
    entity_name    varchar(255),
    event_type     varchar(255) not null,
    summary        text         not null,
    changes        jsonb        not null,
    correlation_id varchar(255),
    client_address varchar(255)
);
create index audit_entry_entity on audit_entry (entity_type, entity_id, seq desc);
create index audit_entry_actor on audit_entry (actor_id, seq desc);
create index audit_entry_at on audit_entry (at);

create table audit_entity_state (
    entity_type varchar(64)  not null,
    entity_id   varchar(255) not null,
    state       jsonb        not null,
    primary key (entity_type, entity_id)
);
