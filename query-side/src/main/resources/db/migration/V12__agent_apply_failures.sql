-- An agent may report that it could not apply a version: POST …/applied {version, status: "failed", error}
-- (its entrypoint validates a new openclaw.json and waits for the gateway to be ready on it, otherwise it puts the
-- previous file back). applied_version stays the newest version the agent reported running (the last good one; null
-- when it never reported one); the refused version, the agent's reason (untrusted text, at most 500 characters, no
-- control characters) and when it said so are kept beside it until the agent reports a version at or above it.
alter table agent_applied alter column applied_version drop not null;
alter table agent_applied add column failed_version bigint;
alter table agent_applied add column failed_error varchar(500);
alter table agent_applied add column failed_at timestamptz;
