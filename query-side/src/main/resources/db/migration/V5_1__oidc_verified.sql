-- whether an admin completed an OIDC sign-in since the OIDC settings last changed
alter table installation_view add column oidc_verified boolean not null default false;
