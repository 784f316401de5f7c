-- The installation aggregate's version, so the OIDC settings have an ETag like every other entity.
-- Null until the installation has its first event.
alter table installation_view add column version bigint;
