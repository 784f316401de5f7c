import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, isGovernedWrite, type OidcSettings, type Schemas } from '../api';
import { CopyButton, SaveButton, Status, TextAreaField, TextField, useAction } from '../components/ui';
import { matches, rules } from '../rules';
import { dryRun, type DryRunResult } from '../history/historyApi';
import { usePreview } from '../history/Preview';
import { isHttpUrl, parseList } from '../validation';
import { changes } from '../queries';

export const DEFAULT_SCOPES = ['openid', 'profile', 'email'];
export const REDIRECT_PATH = '/login/oauth2/code/oidc';

/** What the UI sends in POST /api/onboarding/oidc and PUT /api/settings/oidc. */
export type OidcRequest = Schemas['OidcSettingsRequest'];

export interface OidcDraft {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  roleClaim: string;
  adminValues: string;
  auditorValues: string;
}

export function draftOf(settings: OidcSettings | null | undefined): OidcDraft {
  const configured = !!settings?.configured;
  return {
    issuerUrl: configured ? settings!.issuerUrl ?? '' : '',
    clientId: configured ? settings!.clientId ?? '' : '',
    clientSecret: '',
    scopes: (configured && settings!.scopes?.length ? settings!.scopes : DEFAULT_SCOPES).join(', '),
    roleClaim: configured ? settings!.roleClaim ?? 'groups' : 'groups',
    adminValues: configured ? (settings!.adminValues ?? []).join(', ') : '',
    auditorValues: configured ? (settings!.auditorValues ?? []).join(', ') : '',
  };
}

/**
 * The request from the form: lists parsed from comma- or line-separated text; an empty secret is left out so
 * that the server keeps the one it has.
 */
export function requestOf(draft: OidcDraft): OidcRequest {
  const body: OidcRequest = {
    issuerUrl: draft.issuerUrl.trim(),
    clientId: draft.clientId.trim(),
    scopes: parseList(draft.scopes),
    roleClaim: draft.roleClaim.trim() || null,
    adminValues: parseList(draft.adminValues),
    auditorValues: parseList(draft.auditorValues),
  };
  if (draft.clientSecret) body.clientSecret = draft.clientSecret;
  return body;
}

export function validateOidc(draft: OidcDraft, secretSet: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isHttpUrl(draft.issuerUrl.trim())) errors.issuerUrl = 'must be the issuer’s URL (https://…)';
  if (!draft.clientId.trim()) errors.clientId = 'is required';
  if (!draft.clientSecret && !secretSet) errors.clientSecret = 'is required';
  const scopes = parseList(draft.scopes);
  if (scopes.length && !scopes.includes('openid')) errors.scopes = 'must include openid';
  const claim = rules().roleClaim;
  if (draft.roleClaim.trim() && !matches(claim, draft.roleClaim.trim())) errors.roleClaim = claim.message;
  return errors;
}

/** The address the operator registers at the identity provider as the redirect (callback) URI. */
export function RedirectUri({ uri }: { uri?: string | null }) {
  const value = uri || `${window.location.origin}${REDIRECT_PATH}`;
  return (
    <div className="field">
      <div id="redirect-uri-label"><strong>Redirect URI</strong> <span className="muted">— register this at your identity provider</span></div>
      <div className="redirect-uri">
        <code aria-labelledby="redirect-uri-label" data-testid="redirect-uri">{value}</code>
        <CopyButton text={value} />
      </div>
    </div>
  );
}

/**
 * The single-sign-on form of the wizard and of Settings → Security. Saving makes the server read the issuer's
 * discovery document; its refusal appears at the field it names (issuerUrl). Read-only for auditors.
 */
export function OidcForm({ method, endpoint, settings, readOnly = false, onSaved, extraActions, submitLabel = 'Save' }: {
  method: 'POST' | 'PUT';
  endpoint: string;
  settings: OidcSettings | null;
  readOnly?: boolean;
  onSaved?: (request: OidcRequest) => void | Promise<void>;
  extraActions?: ReactNode;
  submitLabel?: string;
}) {
  const [draft, setDraft] = useState<OidcDraft>(() => draftOf(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [found, setFound] = useState<string | null>(null);
  const action = useAction({ invalidates: changes.oidc });
  const preview = usePreview();
  // Settings (PUT) previews the change; the wizard saves directly.
  const previewable = method === 'PUT' && !readOnly;
  const secretSet = !!settings?.configured && settings.clientSecretSet;
  const set = (key: keyof OidcDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function showPreview() {
    const local = validateOidc(draft, secretSet);
    setErrors(local);
    if (Object.keys(local).length) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    action.setState({ kind: 'idle' });
    void preview.preview(() => api.put<DryRunResult>(dryRun(endpoint), requestOf(draft)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (readOnly) return;
    const local = validateOidc(draft, secretSet);
    setErrors(local);
    setFound(null);
    if (Object.keys(local).length) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    const body = requestOf(draft);
    const saved = await action.run('Checking the issuer’s discovery document…',
      () => (method === 'POST' ? api.post(endpoint, body) : api.put(endpoint, body)).then(() => true),
      'Saved. Sign in once through SSO as an admin to verify it.');
    if (saved) {
      preview.clear();
      setFound(`${draft.issuerUrl.trim().replace(/\/$/, '')}/.well-known/openid-configuration`);
      setDraft((d) => ({ ...d, clientSecret: '' }));
      await onSaved?.(body);
    }
  }

  const all: Record<string, string> = { ...preview.fieldErrors, ...action.fieldErrors, ...errors };
  const apiError = action.state.kind === 'error' ? action.state.error : undefined;
  const issuerProblem = apiError instanceof ApiError && all.issuerUrl;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Single sign-on settings">
      <fieldset className="plain fields" disabled={readOnly}>
        <TextField label="Issuer URL" name="issuerUrl" value={draft.issuerUrl} onChange={set('issuerUrl')} error={all.issuerUrl} type="url"
          placeholder="https://login.example.com/realms/main" hint="Mosaic reads <issuer>/.well-known/openid-configuration to check it." />
        <div className="row">
          <TextField label="Client ID" name="clientId" value={draft.clientId} onChange={set('clientId')} error={all.clientId} autoComplete="off" />
          <TextField label="Client secret" name="clientSecret" type="password" value={draft.clientSecret} onChange={set('clientSecret')}
            error={all.clientSecret} autoComplete="new-password"
            placeholder={secretSet ? '•••••••• (unchanged)' : undefined}
            hint={secretSet ? 'A secret is stored. Leave empty to keep it; type a new one to replace it.' : undefined} />
        </div>
        <TextField label="Scopes" name="scopes" value={draft.scopes} onChange={set('scopes')} error={all.scopes}
          hint="Comma-separated; openid is required." />
        <fieldset>
          <legend>Role mapping</legend>
          <TextField label="Role claim" name="roleClaim" value={draft.roleClaim} onChange={set('roleClaim')} error={all.roleClaim}
            hint="The ID-token claim holding the user’s groups or roles; a dotted name reaches into objects (realm_access.roles)." />
          <div className="row">
            <TextAreaField label="Admin values" name="adminValues" rows={2} value={draft.adminValues} onChange={set('adminValues')} error={all.adminValues}
              hint="Comma- or line-separated, e.g. mosaic-admins" />
            <TextAreaField label="Auditor values" name="auditorValues" rows={2} value={draft.auditorValues} onChange={set('auditorValues')} error={all.auditorValues}
              hint="Comma- or line-separated, e.g. mosaic-auditors" />
          </div>
          <p className="hint">Everyone else who signs in through SSO is a plain user (chat only).</p>
        </fieldset>
      </fieldset>
      <RedirectUri uri={settings?.redirectUri} />
      {found && (
        <div className="notice" role="status">
          Discovery document found at <code>{found}</code>: it names this issuer and has usable authorization, token and key (JWKS) endpoints.
        </div>
      )}
      {issuerProblem && <div className="notice notice-warning">The issuer could not be used, so nothing was saved.</div>}
      <div className="actions">
        {extraActions}
        {previewable && <button type="button" onClick={showPreview} disabled={preview.busy}>Preview</button>}
        {!readOnly && <SaveButton label={submitLabel} disabled={action.busy} governed={isGovernedWrite(method, endpoint)} />}
      </div>
      <Status state={action.state} />
      {previewable && preview.panel}
    </form>
  );
}
