import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { Status, TextField, useAction } from '../components/ui';
import { isHttpUrl } from '../validation';

/** Optional: single sign-on. Saving checks the issuer's discovery document; "Skip" moves on. */
export function OidcStep({ onNext, onBack }: { onNext: () => void; onBack?: () => void }) {
  const [issuerUrl, setIssuerUrl] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [roleClaim, setRoleClaim] = useState('groups');
  const [adminValues, setAdminValues] = useState('');
  const [auditorValues, setAuditorValues] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [unavailable, setUnavailable] = useState(false);
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!isHttpUrl(issuerUrl.trim())) local.issuerUrl = 'must be the issuer’s https URL';
    if (!clientId.trim()) local.clientId = 'is required';
    if (!clientSecret) local.clientSecret = 'is required';
    setErrors(local);
    if (Object.keys(local).length) return;
    const split = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
    try {
      action.setState({ kind: 'busy', message: 'Checking the issuer’s discovery document…' });
      await api.post('/api/onboarding/oidc', {
        issuerUrl: issuerUrl.trim(), clientId: clientId.trim(), clientSecret,
        roleClaim: roleClaim.trim() || null, adminValues: split(adminValues), auditorValues: split(auditorValues),
      });
      action.setState({ kind: 'ok', message: 'Single sign-on saved.' });
      onNext();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 405)) {
        setUnavailable(true);
        action.setState({ kind: 'idle' });
      } else if (err instanceof ApiError) {
        setErrors(err.fieldErrors);
        action.setState({ kind: 'error', message: err.message });
      } else {
        action.setState({ kind: 'error', message: String(err) });
      }
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Single sign-on">
      <p>Optional. Let people sign in with your identity provider (OIDC). You can skip this and configure it later in Settings.</p>
      {unavailable && (
        <div className="notice" role="status">
          Single sign-on cannot be set up on this server version yet. Skip for now and configure it later in Settings.
        </div>
      )}
      <TextField label="Issuer URL" name="issuerUrl" value={issuerUrl} onChange={setIssuerUrl} error={errors.issuerUrl} type="url"
        placeholder="https://login.example.com/realms/main" hint="Mosaic reads <issuer>/.well-known/openid-configuration to check it." />
      <div className="row">
        <TextField label="Client ID" name="clientId" value={clientId} onChange={setClientId} error={errors.clientId} autoComplete="off" />
        <TextField label="Client secret" name="clientSecret" type="password" value={clientSecret} onChange={setClientSecret} error={errors.clientSecret} autoComplete="off" />
      </div>
      <fieldset>
        <legend>Role mapping</legend>
        <TextField label="Role claim" name="roleClaim" value={roleClaim} onChange={setRoleClaim} error={errors.roleClaim} />
        <div className="row">
          <TextField label="Admin values (comma-separated)" name="adminValues" value={adminValues} onChange={setAdminValues} error={errors.adminValues} placeholder="mosaic-admins" />
          <TextField label="Auditor values (comma-separated)" name="auditorValues" value={auditorValues} onChange={setAuditorValues} error={errors.auditorValues} placeholder="mosaic-auditors" />
        </div>
      </fieldset>
      <div className="actions">
        {onBack && <button type="button" onClick={onBack}>Back</button>}
        <button type="button" onClick={onNext}>Skip for now</button>
        <button type="submit" className="primary" disabled={action.busy || unavailable}>Save and continue</button>
      </div>
      <Status state={action.state} />
    </form>
  );
}
