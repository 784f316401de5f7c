-- Owned by command-side: set-based uniqueness and the lookups its cross-aggregate rules read.

create table name_claim (
    kind     varchar(32)  not null,
    name     varchar(255) not null,
    owner_id varchar(255) not null,
    primary key (kind, name)
);

create table setup_code (
    code_hash varchar(64) primary key,
    issued_at timestamptz not null
);

create table lookup_provider (
    provider_id varchar(255) primary key,
    active      boolean      not null,
    model_ids   text[]       not null
);

create table lookup_agent (
    agent_id   varchar(255) primary key,
    agent_name varchar(255) not null
);

create table lookup_agent_model (
    agent_id    varchar(255) not null references lookup_agent (agent_id) on delete cascade,
    provider_id varchar(255) not null,
    model       varchar(255) not null,
    primary key (agent_id, provider_id, model)
);
create index lookup_agent_model_provider on lookup_agent_model (provider_id, model);

create table lookup_breakglass (
    user_id varchar(255) primary key,
    active  boolean      not null
);
