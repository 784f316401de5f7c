import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type Me, type OidcSettings } from '../api';
import { ConfirmButton, QueryStatus, Status, TextField, useAction } from '../components/ui';
import { changes, queries } from '../queries';
import { OidcForm } from '../forms/OidcForm';
import { validatePassword } from '../validation';
import { dryRun, type DryRunResult } from '../history/historyApi';
import { LivePreview } from '../history/Preview';
import { StrengthMeter } from '../wizard/AdminStep';
import { RETURN_KEY } from '../session';

export function PasswordForm() {
  const [currentPassword, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction({ invalidates: changes.password });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = validatePassword(password, confirm);
    if (!currentPassword) local.currentPassword = 'is required';
    setErrors(local);
    if (Object.keys(local).length) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    const ok = await action.run('Changing the password…', () => api.put('/api/settings/breakglass/password', { currentPassword, newPassword: password }).then(() => true), 'Password changed.');
    if (ok) {
      setCurrent('');
      setPassword('');
      setConfirm('');
    }
  }
  const all = { ...action.fieldErrors, ...errors };
  if (all.newPassword && !all.password) all.password = all.newPassword;
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Change password">
      <h2>Breakglass password</h2>
      <TextField label="Current password" name="currentPassword" type="password" value={currentPassword} onChange={setCurrent} error={all.currentPassword} autoComplete="current-password" />
      <TextField label="New password" name="newPassword" type="password" value={password} onChange={setPassword} error={all.password} autoComplete="new-password" hint="At least 12 characters." />
      <StrengthMeter password={password} />
      <TextField label="Confirm new password" name="confirmPassword" type="password" value={confirm} onChange={setConfirm} error={all.confirm} autoComplete="new-password" />
      <div className="actions"><button type="submit" className="primary" disabled={action.busy}>Change password</button></div>
      <Status state={action.state} />
    </form>
  );
}

export function startSso(loginUrl: string, returnTo?: string) {
  try {
    if (returnTo) sessionStorage.setItem(RETURN_KEY, returnTo);
  } catch {
    /* private mode: the app's own landing page will do */
  }
  window.location.assign(loginUrl);
}

function OidcState({ settings }: { settings: OidcSettings }) {
  if (!settings.configured) return <p className="oidc-state"><span className="badge badge-muted">not configured</span> Only the breakglass account can sign in.</p>;
  if (settings.verified) {
    return (
      <p className="oidc-state" data-testid="oidc-state">
        <span className="badge badge-ok">verified</span>
        Verified: an admin signed in through SSO since the last change. The sign-in page offers SSO first.
      </p>
    );
  }
  return (
    <div className="notice notice-warning" role="status" data-testid="oidc-state">
      <strong>Not verified yet.</strong> No admin has signed in through SSO since the settings last changed, so the sign-in page
      still offers the breakglass form first. Use “Test sign-in” and sign in at your identity provider as a user with an admin value.
    </div>
  );
}

export function OidcSettingsCard({ admin }: { admin: boolean }) {
  const read = useQuery(queries.oidcSettings());
  const settings = read.data;
  // the form starts over from the settings as read after a removal
  const [version, setVersion] = useState(0);
  const action = useAction({ invalidates: changes.oidc });

  async function remove() {
    const ok = await action.run('Removing single sign-on…', () => api.delete('/api/settings/oidc').then(() => true), 'Single sign-on removed. Sign-in is breakglass only.');
    if (ok) setVersion((v) => v + 1);
  }

  return (
    <section className="card" aria-labelledby="oidc-heading">
      <h2 id="oidc-heading">Single sign-on (OIDC)</h2>
      <QueryStatus query={read} loading="Loading…" />
      {settings && (
        <>
          <OidcState settings={settings} />
          {!admin && <p className="notice" role="note">Read-only: your role can view these settings but not change them.</p>}
          <OidcForm key={version} method="PUT" endpoint="/api/settings/oidc" settings={settings} readOnly={!admin}
            submitLabel={settings.configured ? 'Save changes' : 'Save'}
            extraActions={admin && settings.configured && (
              <>
                <button type="button" onClick={() => startSso('/oauth2/authorization/oidc', '/settings/security')}
                  title="Leaves Mosaic for your identity provider and comes back signed in as the user you sign in as">Test sign-in</button>
                <ConfirmButton label="Remove single sign-on" danger title="Remove single sign-on?"
                  message={<><p>Nobody will be able to sign in through {settings.issuerUrl} any more; people signed in keep their session until it ends.
                    The breakglass account keeps working.</p>
                    <LivePreview run={() => api.delete<DryRunResult>(dryRun('/api/settings/oidc'))} /></>}
                  confirmLabel="Remove" onConfirm={() => void remove()} />
              </>
            )} />
          {admin && settings.configured && (
            <p className="hint">“Test sign-in” takes you to your identity provider and back: you then continue as the user you sign in as there.
              If that user has an admin value, the settings become verified.</p>
          )}
          <Status state={action.state} />
        </>
      )}
    </section>
  );
}

export function SecurityPage({ me }: { me: Me }) {
  const admin = me.roles.includes('ADMIN');
  return (
    <section aria-labelledby="security-heading">
      <h1 id="security-heading">Sign-in &amp; security</h1>
      <OidcSettingsCard admin={admin} />
      {me.authMethod === 'breakglass'
        ? <PasswordForm />
        : <div className="card"><h2>Breakglass password</h2><p>You signed in with single sign-on; your own password is managed by your identity provider.
          The breakglass account’s password can be changed after signing in with it.</p></div>}
    </section>
  );
}
