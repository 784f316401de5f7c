-- API tokens (projection of ApiTokenIssued/ApiTokenRevoked): found by the SHA-256 of the token on every request.
create table api_token (
    token_id    text        primary key,
    token_hash  text        not null,
    name        text        not null,
    role        text        not null,
    owner_id    text        not null,
    owner_name  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create unique index api_token_hash on api_token (token_hash);
create index api_token_owner on api_token (owner_id);

-- When each token was last used: written at most once a minute per token, not an event, kept through replays.
create table api_token_use (
    token_id     text        primary key,
    last_used_at timestamptz not null
);
