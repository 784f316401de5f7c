-- One shape per concept: each view row holds its entity as the reducers leave it (the record, as JSON), beside the
-- few columns that are looked up or must stay unique. A field added to an entity needs no migration here.

alter table provider_view add column state jsonb;
update provider_view set state = jsonb_build_object(
    'id', provider_id, 'name', name, 'displayName', display_name, 'type', type, 'baseUrl', base_url,
    'apiType', api_type,
    'apiKey', case when api_key is null then null else jsonb_build_object('ciphertext', api_key) end,
    'models', models, 'active', active, 'version', version);
alter table provider_view alter column state set not null;
alter table provider_view drop column display_name, drop column type, drop column base_url, drop column api_type,
    drop column api_key_set, drop column api_key, drop column models, drop column active, drop column version;

alter table agent_view add column state jsonb;
update agent_view set state = jsonb_build_object(
    'id', agent_id, 'name', name, 'displayName', display_name, 'role', role, 'gatewayUrl', gateway_url,
    'providerId', provider_id, 'primaryModel', primary_model, 'fallbacks', fallbacks, 'personality', personality,
    'toolPermissions', tool_permissions, 'active', active, 'version', version,
    'token', jsonb_build_object('ciphertext', token), 'tokenHash', token_hash);
alter table agent_view alter column state set not null;
alter table agent_view drop column display_name, drop column role, drop column gateway_url, drop column provider_id,
    drop column primary_model, drop column fallbacks, drop column personality, drop column tool_permissions,
    drop column active, drop column version, drop column token;

alter table installation_view add column state jsonb;
update installation_view set state = jsonb_build_object(
    'onboardingCompleted', onboarding_completed,
    'oidc', case when oidc_issuer_url is null then null else jsonb_build_object(
        'issuerUrl', oidc_issuer_url, 'clientId', oidc_client_id,
        'clientSecret', jsonb_build_object('ciphertext', oidc_client_secret), 'scopes', oidc_scopes,
        'roleClaim', oidc_role_claim, 'adminValues', oidc_admin_values, 'auditorValues', oidc_auditor_values,
        'verified', oidc_verified) end,
    'version', version);
alter table installation_view alter column state set not null;
alter table installation_view drop column onboarding_completed, drop column oidc_issuer_url,
    drop column oidc_client_id, drop column oidc_client_secret, drop column oidc_scopes, drop column oidc_role_claim,
    drop column oidc_admin_values, drop column oidc_auditor_values, drop column oidc_verified, drop column version;

-- Snapshots hold the fleet in the old shapes: derived data, folded again on the next read.
delete from history_snapshot;

-- Served is not always rendered: the version each agent is served (fetch, change stream, status). The renderer
-- moves it to the newest version it appends; a rollout will hold agents outside its wave on their previous one.
create table agent_served (
    agent_id varchar(255) primary key,
    version  bigint       not null
);
insert into agent_served (agent_id, version)
select agent_id, max(version) from agent_config_version where agent_id in (select agent_id from agent_view)
group by agent_id;
