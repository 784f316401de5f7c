// The app around the pages: the session and where a visitor must be (Root), the top bar and main area (Frame).

import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, NavLink, Outlet, ScrollRestoration, useLocation, useNavigate, useRouteError } from 'react-router';
import { FOUR_EYES_CHANGED, api, type Me } from './api';
import { Status, errorMessage, useFourEyes } from './components/ui';
import { IDLE_MS, keys, queries } from './queries';
import { SessionProvider, forgetReturn, forgetUser, redirectFor, seesSettings, sessionQuery, useSession } from './session';
import { RolloutBanner, useStartedRollout } from './rollouts/RolloutBanner';

export function authMethodLabel(method: string): string {
  if (method === 'oidc') return 'Signed in with SSO';
  if (method === 'breakglass') return 'Signed in with the breakglass account';
  return `Signed in (${method})`;
}

export function Loading() {
  return <main className="loading" aria-busy="true">Loading…</main>;
}

/**
 * Reads the session, then keeps the visitor where they must be: the wizard until onboarding completes, the
 * sign-in page without a session, the chat for a user who may not see the settings.
 */
export function Root() {
  const client = useQueryClient();
  const session = useQuery(sessionQuery);
  const { pathname } = useLocation();
  const target = session.data ? redirectFor(session.data, pathname) : null;
  const arrived = !!session.data?.me && !target && pathname.startsWith('/settings');

  useEffect(() => {
    const expired = () => forgetUser(client);
    window.addEventListener('mosaic:unauthorized', expired);
    return () => window.removeEventListener('mosaic:unauthorized', expired);
  }, [client]);
  // back on a settings page after "Test sign-in": that page is no longer where the next sign-in returns to
  useEffect(() => {
    if (arrived) forgetReturn();
  }, [arrived]);

  let content;
  if (session.isError) {
    content = (
      <main className="signin">
        <div className="card">
          <h1>Mosaic cannot be reached</h1>
          <Status state={{ kind: 'error', message: errorMessage(session.error) }} />
          <button type="button" onClick={() => void session.refetch()}>Try again</button>
        </div>
      </main>
    );
  } else if (!session.data || target) {
    content = <>{target && <Navigate to={target} replace />}<Loading /></>;
  } else {
    content = <SessionProvider value={session.data}><Outlet /></SessionProvider>;
  }
  return <><ScrollRestoration />{content}</>;
}

/** A page that failed to render: said plainly, with a way back. */
export function RouteError() {
  const error = useRouteError();
  return (
    <main className="signin">
      <div className="card">
        <h1>Something went wrong</h1>
        <Status state={{ kind: 'error', message: errorMessage(error) }} />
        <a className="button" href="/">Reload Mosaic</a>
      </div>
    </main>
  );
}

function UserMenu({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  return (
    <details className="user-menu">
      <summary aria-label={`Account menu of ${me.displayName || me.username}`}>{me.displayName || me.username}</summary>
      <div className="menu" role="group" aria-label="Account">
        <p><strong>{me.username}</strong><br /><span className="muted">{me.roles.join(', ').toLowerCase()}</span><br />
          <span className="muted" data-testid="auth-method">{authMethodLabel(me.authMethod)}</span></p>
        {seesSettings(me) && <Link to="/settings/security">{me.authMethod === 'breakglass' ? 'Change password' : 'Sign-in settings'}</Link>}
        <button type="button" onClick={onSignOut}>Sign out</button>
      </div>
    </details>
  );
}

const NAV = [
  { to: '/chat', label: 'Chat', settings: false },
  { to: '/settings/agents', label: 'Agents', settings: true },
  { to: '/settings/providers', label: 'Providers', settings: true },
  { to: '/rollouts', label: 'Rollouts', settings: true },
  { to: '/change-requests', label: 'Change requests', settings: true },
  { to: '/settings/audit', label: 'Audit', settings: true },
  { to: '/settings/security', label: 'Security', settings: true },
  { to: '/settings/tokens', label: 'API tokens', settings: true },
  { to: '/settings/fleet-file', label: 'Fleet file', settings: true },
];

/** The count of change requests waiting (open or approved) beside their navigation item. */
function WaitingCount() {
  const waiting = useQuery({ ...queries.changeRequests('pending'), refetchInterval: IDLE_MS });
  const n = waiting.data?.length ?? 0;
  if (n === 0) return null;
  return <> <span className="badge badge-warn nav-count" data-testid="cr-count" aria-label={`${n} waiting`}>{n}</span></>;
}

/**
 * While four-eyes is on, the settings pages say that their changes are proposed; a write refused or proposed
 * makes the policy and the change requests be read again.
 */
function FourEyesNote({ staff, show }: { staff: boolean; show: boolean }) {
  const client = useQueryClient();
  // read for every admin and auditor: it tells the API client whether settings writes are proposed
  const { on, approvalsRequired } = useFourEyes(staff);
  useEffect(() => {
    const changed = () => {
      void client.invalidateQueries({ queryKey: keys.changePolicy });
      void client.invalidateQueries({ queryKey: keys.changeRequests });
    };
    window.addEventListener(FOUR_EYES_CHANGED, changed);
    return () => window.removeEventListener(FOUR_EYES_CHANGED, changed);
  }, [client]);
  if (!show || !on) return null;
  return (
    <p className="notice" role="note" data-testid="four-eyes-note">
      Four-eyes is on: changes here are proposed, and applied once {approvalsRequired === 1 ? 'another admin approves' : `${approvalsRequired} other admins approve`} them
      {' '}(<Link to="/change-requests">change requests</Link>).
    </p>
  );
}

/** The top bar (brand, main navigation once onboarding is done, the account menu) and the page below it. */
export function Frame() {
  const { status, me } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [startedRollout, dismissStarted] = useStartedRollout();
  // settings pages say when a rollout holds version-moving changes (the rollouts pages show it themselves)
  const banner = status.completed && !!me && seesSettings(me) && pathname.startsWith('/settings/');

  async function signOut() {
    try {
      await api.post('/api/auth/logout');
    } finally {
      forgetUser(client);
      void navigate('/signin');
    }
  }

  return (
    <div className="app">
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <span className="brand">Mosaic</span>
        {status.completed && me && (
          <nav aria-label="Main">
            <ul>
              {NAV.filter((n) => !n.settings || seesSettings(me)).map((n) => (
                <li key={n.to}><NavLink to={n.to}>{n.label}{n.to === '/change-requests' && <WaitingCount />}</NavLink></li>
              ))}
            </ul>
          </nav>
        )}
        {me && <UserMenu me={me} onSignOut={() => void signOut()} />}
      </header>
      <main id="main" tabIndex={-1}>
        {banner && <RolloutBanner started={startedRollout} onDismiss={dismissStarted} />}
        <FourEyesNote staff={status.completed && !!me && seesSettings(me)} show={banner && pathname !== '/settings/change-policy'} />
        <Outlet />
      </main>
    </div>
  );
}
