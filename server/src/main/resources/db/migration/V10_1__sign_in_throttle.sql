-- Failed sign-ins, counted by every node (the throttle is per username@address and per address).
create table sign_in_failure (
    throttle_key text        not null,
    at           timestamptz  not null
);
create index sign_in_failure_key on sign_in_failure (throttle_key, at);
create index sign_in_failure_at on sign_in_failure (at);
