-- Chat conversations, kept per user. User data, not fleet configuration: plain tables, no events.
-- Titles and message texts are ciphertexts (Tink AEAD, associated data = conversation and owner).
create table chat_conversation (
    id            uuid primary key,
    owner         text not null,
    agent         text not null,
    title         text not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    message_count integer not null default 0
);
create index chat_conversation_by_owner on chat_conversation (owner, updated_at desc, id desc);
create index chat_conversation_by_age on chat_conversation (updated_at);

create table chat_message (
    conversation_id uuid not null references chat_conversation (id) on delete cascade,
    position        integer not null,
    role            text not null,
    content         text not null,
    status          text not null,
    error           text,
    at              timestamptz not null,
    primary key (conversation_id, position)
);
