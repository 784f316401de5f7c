import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { api, type Me, type SignInProviders } from './api';
import { Status, TextField, useAction } from './components/ui';
import { queries } from './queries';

/** What the page offers when the server cannot say: the breakglass form, which always works. */
const BREAKGLASS_ONLY: SignInProviders = { breakglass: true, oidcConfigured: false, oidcVerified: false, oidcLoginUrl: '/oauth2/authorization/oidc' };

/** The sign-in page's address after a failed SSO sign-in (the server sends the browser to /signin?error=sso). */
export function ssoFailed(search: string = window.location.search): boolean {
  return new URLSearchParams(search).get('error') === 'sso';
}

function BreakglassForm({ onSignedIn, autoFocus }: { onSignedIn: (me: Me) => void; autoFocus: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const me = await action.run('Signing in…', () => api.post<Me>('/api/auth/login', { username: username.trim(), password }));
    if (me) onSignedIn(me);
  }

  return (
    <form className="form" onSubmit={submit} aria-label="Breakglass sign-in">
      <TextField label="Username" name="username" value={username} onChange={setUsername} autoComplete="username" required autoFocus={autoFocus} />
      <TextField label="Password" name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" required />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy || !username || !password}>Sign in</button>
      </div>
      <Status state={action.state} />
    </form>
  );
}

/**
 * Breakglass is always offered. SSO, once configured, is a button below the form with a warning until an admin
 * has verified it; once verified it is the main button and the breakglass form is one disclosure away.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  // read afresh on each visit: what was offered before signing in may have changed since
  const read = useQuery({ ...queries.signInProviders(), retry: false });
  const providers = !read.isFetchedAfterMount ? null : read.data ?? (read.isError ? BREAKGLASS_ONLY : null);
  const failed = ssoFailed(useLocation().search);

  const ssoError = failed && (
    <div className="status status-error" role="alert">
      Single sign-on did not complete: the identity provider refused or could not be reached. Try again, or sign in with the breakglass account.
    </div>
  );
  const sso = (primary: boolean) => providers && (
    <a className={'button wide' + (primary ? ' primary' : '')} href={providers.oidcLoginUrl}>Sign in with SSO</a>
  );

  let body;
  if (!providers) {
    body = <p aria-busy="true">Loading…</p>;
  } else if (providers.oidcConfigured && providers.oidcVerified) {
    body = (
      <>
        {ssoError}
        {sso(true)}
        <details className="breakglass" open={failed || undefined}>
          <summary>Sign in with the breakglass account</summary>
          <BreakglassForm onSignedIn={onSignedIn} autoFocus={failed} />
        </details>
      </>
    );
  } else {
    body = (
      <>
        {ssoError}
        <BreakglassForm onSignedIn={onSignedIn} autoFocus />
        {providers.oidcConfigured && (
          <>
            <div className="notice notice-warning" role="note">
              Single sign-on is configured but not verified yet: an admin has not signed in through it since it last changed.
              Use the breakglass account unless you are testing it.
            </div>
            {sso(false)}
          </>
        )}
      </>
    );
  }

  return (
    <main className="signin">
      <section className="card" aria-labelledby="signin-heading">
        <h1 id="signin-heading">Sign in to Mosaic</h1>
        {body}
      </section>
    </main>
  );
}
