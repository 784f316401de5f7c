import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type Me, type OnboardingStatus } from './api';
import { ChatPage } from './chat/ChatPage';
import { Status } from './components/ui';
import { Link, navigate, usePath } from './router';
import { loadRules } from './rules';
import { AgentDetail, AgentsPage } from './settings/AgentsPage';
import { AuditPage } from './settings/AuditPage';
import { ProviderDetail, ProvidersPage } from './settings/ProvidersPage';
import { RETURN_KEY, SecurityPage } from './settings/SecurityPage';
import { SignIn } from './SignIn';
import { Wizard } from './wizard/Wizard';

type Session = { status: OnboardingStatus; me: Me | null };

async function loadSession(): Promise<Session> {
  // the forms check input with the server's rules: they are in before any page shows
  const [status] = await Promise.all([api.get<OnboardingStatus>('/api/onboarding/status'), loadRules()]);
  let me: Me | null = null;
  try {
    me = await api.get<Me>('/api/auth/me');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
  return { status, me };
}

/** Settings are for admins and auditors; chat is for everyone signed in. */
function seesSettings(me: Me): boolean {
  return me.roles.includes('ADMIN') || me.roles.includes('AUDITOR');
}

/** Where a signed-in user lands: the page a "Test sign-in" left from, the settings for those who may see them, otherwise the chat. */
function home(me: Me): string {
  if (!seesSettings(me)) return '/chat';
  let back: string | null = null;
  try {
    back = sessionStorage.getItem(RETURN_KEY);
  } catch {
    /* no storage */
  }
  return back && back.startsWith('/settings/') ? back : '/settings/agents';
}

function forgetReturn() {
  try {
    sessionStorage.removeItem(RETURN_KEY);
  } catch {
    /* no storage */
  }
}

export function authMethodLabel(method: string): string {
  if (method === 'oidc') return 'Signed in with SSO';
  if (method === 'breakglass') return 'Signed in with the breakglass account';
  return `Signed in (${method})`;
}

function UserMenu({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  return (
    <details className="user-menu">
      <summary aria-label={`Account menu of ${me.displayName || me.username}`}>{me.displayName || me.username}</summary>
      <div className="menu" role="group" aria-label="Account">
        <p><strong>{me.username}</strong><br /><span className="muted">{me.roles.join(', ').toLowerCase()}</span><br />
          <span className="muted" data-testid="auth-method">{authMethodLabel(me.authMethod)}</span></p>
        {seesSettings(me) && <Link href="/settings/security">{me.authMethod === 'breakglass' ? 'Change password' : 'Sign-in settings'}</Link>}
        <button type="button" onClick={onSignOut}>Sign out</button>
      </div>
    </details>
  );
}

const NAV = [
  { href: '/chat', label: 'Chat', settings: false },
  { href: '/settings/agents', label: 'Agents', settings: true },
  { href: '/settings/providers', label: 'Providers', settings: true },
  { href: '/settings/audit', label: 'Audit', settings: true },
  { href: '/settings/security', label: 'Security', settings: true },
];

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setSession(await loadSession());
      setFailure(null);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => {
    const expired = () => setSession((s) => (s && s.me ? { ...s, me: null } : s));
    window.addEventListener('mosaic:unauthorized', expired);
    return () => window.removeEventListener('mosaic:unauthorized', expired);
  }, []);

  async function signOut() {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setSession((s) => (s ? { ...s, me: null } : s));
      navigate('/signin');
    }
  }

  // Where a visitor must be: the wizard until onboarding completes, the sign-in page without a session.
  let target: string | null = null;
  if (session) {
    const { status, me } = session;
    if (!status.completed) {
      if (status.breakglassCreated && !me) target = path === '/signin' ? null : '/signin';
      else if (!path.startsWith('/setup')) target = '/setup';
    } else if (!me) {
      target = path === '/signin' ? null : '/signin';
    } else if (path === '/chat') {
      target = null;
    } else if (path === '/signin' || path.startsWith('/setup') || path === '/' || !path.startsWith('/settings') || !seesSettings(me)) {
      target = home(me);
    }
  }
  useEffect(() => {
    if (target && target !== path) navigate(target, true);
    else if (!target && session?.me && path.startsWith('/settings')) forgetReturn();
  }, [target, path, session]);

  if (failure) {
    return (
      <main className="signin">
        <div className="card">
          <h1>Mosaic cannot be reached</h1>
          <Status state={{ kind: 'error', message: failure }} />
          <button type="button" onClick={() => void refresh()}>Try again</button>
        </div>
      </main>
    );
  }
  if (!session || (target && target !== path)) return <main className="loading" aria-busy="true">Loading…</main>;

  const { status, me } = session;
  if (path === '/signin') {
    return <SignIn onSignedIn={(m) => { setSession({ status, me: m }); void refresh(); navigate(status.completed ? home(m) : '/setup', true); }} />;
  }

  const admin = !!me?.roles.includes('ADMIN');
  return (
    <div className="app">
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <span className="brand">Mosaic</span>
        {status.completed && me && (
          <nav aria-label="Main">
            <ul>
              {NAV.filter((n) => !n.settings || seesSettings(me)).map((n) => (
                <li key={n.href}><Link href={n.href} aria-current={path.startsWith(n.href) ? 'page' : undefined}>{n.label}</Link></li>
              ))}
            </ul>
          </nav>
        )}
        {me && <UserMenu me={me} onSignOut={() => void signOut()} />}
      </header>
      <main id="main" tabIndex={-1}>
        {!status.completed ? (
          <>
            <h1 className="wizard-title">Set up Mosaic</h1>
            <Wizard status={status} path={path} refresh={refresh} onFinished={async () => { await refresh(); navigate('/settings/agents', true); }} />
          </>
        ) : me && <Page path={path} me={me} admin={admin} />}
      </main>
    </div>
  );
}

function Page({ path, me, admin }: { path: string; me: Me; admin: boolean }) {
  if (path === '/chat') return <ChatPage admin={admin} />;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[1] === 'agents' && parts[2]) return <AgentDetail key={parts[2]} name={parts[2]} admin={admin} />;
  if (parts[1] === 'agents') return <AgentsPage admin={admin} />;
  if (parts[1] === 'providers' && parts[2]) return <ProviderDetail key={parts[2]} id={parts[2]} admin={admin} />;
  if (parts[1] === 'providers') return <ProvidersPage admin={admin} />;
  if (parts[1] === 'audit') return <AuditPage admin={admin} />;
  if (parts[1] === 'security') return <SecurityPage me={me} />;
  return <p>Nothing is here. <Link href="/settings/agents">Go to agents</Link></p>;
}
