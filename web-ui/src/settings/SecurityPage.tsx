import { useState, type FormEvent } from 'react';
import { api, type Me } from '../api';
import { Status, TextField, useAction } from '../components/ui';
import { validatePassword } from '../validation';
import { StrengthMeter } from '../wizard/AdminStep';

export function PasswordForm() {
  const [currentPassword, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();

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

export function SecurityPage({ me }: { me: Me }) {
  return (
    <section aria-labelledby="security-heading">
      <h1 id="security-heading">Sign-in &amp; security</h1>
      <div className="card">
        <h2>Single sign-on (OIDC)</h2>
        <p className="muted">Not available on this server version yet. The breakglass account below always works.</p>
      </div>
      {me.authMethod === 'breakglass' ? <PasswordForm /> : <p>You signed in with single sign-on; your password is managed by your identity provider.</p>}
    </section>
  );
}
