// Who is here and how far onboarding is: one query the whole app reads, and the rules of where a visitor may be.

import { createContext, useContext } from 'react';
import { queryOptions, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, type Me, type OnboardingStatus } from './api';
import { keys } from './queries';
import { loadRules } from './rules';

export type Session = { status: OnboardingStatus; me: Me | null };

/** Where the app goes after a sign-in that left the page (SSO): kept for the tab, read once back. */
export const RETURN_KEY = 'mosaic.afterSignIn';

async function loadSession(signal: AbortSignal): Promise<Session> {
  // the forms check input with the server's rules: they are in before any page shows
  const [status] = await Promise.all([api.get<OnboardingStatus>('/api/onboarding/status', { signal }), loadRules()]);
  let me: Me | null = null;
  try {
    me = await api.get<Me>('/api/auth/me', { signal });
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
  return { status, me };
}

/** Read once, then again only when asked (refreshSession): signing in, onboarding steps, signing out. */
export const sessionQuery = queryOptions({
  queryKey: keys.session,
  queryFn: ({ signal }) => loadSession(signal),
  staleTime: Infinity,
  retry: false,
  refetchOnWindowFocus: false,
});

/** Reads the session again (the onboarding counts, who is signed in); resolves once it is in. */
export function useRefreshSession(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: keys.session });
}

/** The session has no user any more (signed out, or it expired): the app goes to its sign-in page. */
export function forgetUser(client: QueryClient) {
  client.setQueryData<Session>(keys.session, (s) => (s && s.me ? { ...s, me: null } : s));
}

/** A new user signed in: nothing read for another one may show. */
export function signedIn(client: QueryClient, me: Me) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
  client.setQueryData<Session>(keys.session, (s) => (s ? { ...s, me } : s));
}

const SessionContext = createContext<Session | null>(null);
export const SessionProvider = SessionContext.Provider;

/** The session of the pages inside the app's frame (always read by then). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the session');
  return session;
}

/** The signed-in user of a page that needs one (the app only shows those pages to a signed-in user). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('no signed-in user');
  return me;
}

export function isAdmin(me: Me | null): boolean {
  return !!me?.roles.includes('ADMIN');
}

/** The pages of admins and auditors: the settings, the rollouts and the change requests. */
export function isSettingsPath(path: string): boolean {
  return path.startsWith('/settings') || path === '/rollouts' || path.startsWith('/rollouts/')
    || path === '/change-requests' || path.startsWith('/change-requests/');
}

/** Settings are for admins and auditors; chat is for everyone signed in. */
export function seesSettings(me: Me): boolean {
  return me.roles.includes('ADMIN') || me.roles.includes('AUDITOR');
}

/** Where a signed-in user lands: the page a "Test sign-in" left from, the settings for those who may see them, otherwise the chat. */
export function home(me: Me): string {
  if (!seesSettings(me)) return '/chat';
  let back: string | null = null;
  try {
    back = sessionStorage.getItem(RETURN_KEY);
  } catch {
    /* no storage */
  }
  return back && back.startsWith('/settings/') ? back : '/settings/agents';
}

export function forgetReturn() {
  try {
    sessionStorage.removeItem(RETURN_KEY);
  } catch {
    /* no storage */
  }
}

/** Where a visitor must be instead of `path`: the wizard until onboarding completes, the sign-in page without a session; null when `path` will do. */
export function redirectFor({ status, me }: Session, path: string): string | null {
  let target: string | null = null;
  if (!status.completed) {
    if (status.breakglassCreated && !me) target = path === '/signin' ? null : '/signin';
    else if (!path.startsWith('/setup')) target = '/setup';
  } else if (!me) {
    target = path === '/signin' ? null : '/signin';
  } else if (path === '/chat' || path.startsWith('/chat/')) {
    // a new chat, or one of the person's conversations (/chat/<id>)
    target = null;
  } else if (path === '/signin' || path.startsWith('/setup') || path === '/' || !isSettingsPath(path) || !seesSettings(me)) {
    target = home(me);
  }
  return target && target !== path ? target : null;
}
