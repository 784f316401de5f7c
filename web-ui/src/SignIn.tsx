import { useState, type FormEvent } from 'react';
import { api, type Me } from './api';
import { Status, TextField, useAction } from './components/ui';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const me = await action.run('Signing in…', () => api.post<Me>('/api/auth/login', { username: username.trim(), password }));
    if (me) onSignedIn(me);
  }

  return (
    <main className="signin">
      <form className="card form" onSubmit={submit} aria-labelledby="signin-heading">
        <h1 id="signin-heading">Sign in to Mosaic</h1>
        <TextField label="Username" name="username" value={username} onChange={setUsername} autoComplete="username" required autoFocus />
        <TextField label="Password" name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" required />
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy || !username || !password}>Sign in</button>
        </div>
        <Status state={action.state} />
      </form>
    </main>
  );
}
