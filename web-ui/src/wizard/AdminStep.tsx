import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Status, TextField, useAction } from '../components/ui';
import { passwordStrength, validatePassword } from '../validation';

export function StrengthMeter({ password }: { password: string }) {
  const s = passwordStrength(password);
  return (
    <div className="strength" aria-live="polite">
      <meter min={0} max={4} low={2} high={3} optimum={4} value={s.score} aria-label="Password strength" />
      <span>Strength: {s.label}</span>
    </div>
  );
}

export function AdminStep({ onCreated }: { onCreated: () => void }) {
  const [setupCode, setSetupCode] = useState('');
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = validatePassword(password, confirm);
    if (!setupCode.trim()) local.setupCode = 'is required';
    if (!username.trim()) local.username = 'is required';
    setErrors(local);
    if (Object.keys(local).length) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    const ok = await action.run('Creating the admin account…', () => api.post('/api/onboarding/breakglass', {
      username: username.trim(), password, setupCode: setupCode.trim().toUpperCase(),
    }), 'Admin account created; you are signed in.');
    if (ok !== undefined) onCreated();
  }

  const all = { ...action.fieldErrors, ...errors };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Create the admin account">
      <p>This first account is the <strong>breakglass admin</strong>: it always works, even when single sign-on does not.</p>
      <TextField label="Setup code" name="setupCode" value={setupCode} onChange={setSetupCode} error={all.setupCode}
        placeholder="XXXX-XXXX-XXXX" autoComplete="off" spellCheck={false} required
        hint={<>Printed in the server log at start, on a line <code>Setup code: XXXX-XXXX-XXXX</code>. Lost it? Run <code>java -jar mosaic.jar setup-code</code> for a fresh one.</>} />
      <TextField label="Username" name="username" value={username} onChange={setUsername} error={all.username} autoComplete="username" required />
      <TextField label="Password" name="password" type="password" value={password} onChange={setPassword} error={all.password}
        autoComplete="new-password" hint="At least 12 characters; a passphrase of several words is easiest." required />
      <StrengthMeter password={password} />
      <TextField label="Confirm password" name="confirm" type="password" value={confirm} onChange={setConfirm} error={all.confirm}
        autoComplete="new-password" required />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>Create admin and continue</button>
      </div>
      <Status state={action.state} />
    </form>
  );
}
