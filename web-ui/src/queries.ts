// The server state the UI reads, held by TanStack Query: one key per resource, one query definition per read,
// and for each kind of write the keys it makes stale (a form's action invalidates them once the write succeeded).

import { QueryClient, infiniteQueryOptions, queryOptions, type QueryKey } from '@tanstack/react-query';
import { api, ApiError, etagVersion, learnChangePolicy, type AgentStatus, type ApiTokens, type ChangePolicy, type ChangeRequestDetail, type ChangeRequestPage, type ChangeRequestState, type Agent, type Agents, type AuditEntries, type ChatAgents, type Conversation, type ConversationPage, type OidcSettings, type Provider, type Providers, type Rollout, type RolloutPage, type RolloutPolicy, type SignInProviders } from './api';
import { history, type VersionDocument } from './history/historyApi';

/** Reads of a 4xx are not tried again (the answer will not change); others once more, then their error shows. */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry },
      mutations: { retry: false },
    },
  });
}

const enc = encodeURIComponent;

/**
 * Query keys, nested by resource: invalidating a prefix (["agents"]) makes everything under it stale (the list,
 * each agent, its status, versions and diffs).
 */
export const keys = {
  session: ['session'] as const,
  agents: ['agents'] as const,
  agent: (name: string) => ['agents', name] as const,
  agentStatus: (name: string) => ['agents', name, 'status'] as const,
  agentVersions: (name: string) => ['agents', name, 'versions'] as const,
  agentDiff: (name: string, from: number, to: number) => ['agents', name, 'diff', from, to] as const,
  providers: ['providers'] as const,
  provider: (id: string) => ['providers', id] as const,
  chatAgents: ['chat', 'agents'] as const,
  /** The signed-in person's conversations: the list and each one. */
  conversations: ['chat', 'conversations'] as const,
  conversationList: ['chat', 'conversations', 'list'] as const,
  conversation: (id: string) => ['chat', 'conversations', 'id', id] as const,
  audit: ['audit'] as const,
  auditSearch: (search: string) => ['audit', search] as const,
  fleetAt: (seq: number) => ['state', seq] as const,
  oidcSettings: ['settings', 'oidc'] as const,
  rolloutPolicy: ['settings', 'rollout'] as const,
  signInProviders: ['auth', 'providers'] as const,
  changePolicy: ['settings', 'change-policy'] as const,
  /** Every change request read: the lists (by state) and each by id. */
  changeRequests: ['change-requests'] as const,
  changeRequestList: (state: ChangeRequestState | 'pending' | 'decided') => ['change-requests', 'list', state] as const,
  changeRequest: (id: string) => ['change-requests', 'id', id] as const,
  /** Every rollout read: the list, the running one, each by id. */
  rollouts: ['rollouts'] as const,
  rolloutList: ['rollouts', 'list'] as const,
  activeRollout: ['rollouts', 'active'] as const,
  rollout: (id: string) => ['rollouts', 'id', id] as const,
  apiTokens: ['tokens'] as const,
};

/**
 * What each kind of write makes stale. A write that moves an agent's version may start a rollout (under a
 * rollout policy), so those make the rollouts stale too.
 */
export const changes: Record<'agent' | 'provider' | 'oidc' | 'password' | 'anything' | 'rolloutPolicy' | 'rollout' | 'apiToken' | 'changePolicy' | 'changeRequest', readonly QueryKey[]> = {
  agent: [keys.agents, keys.chatAgents, keys.audit, keys.rollouts],
  // a provider's models, key and URL are in its agents' configs
  provider: [keys.providers, keys.agents, keys.chatAgents, keys.audit, keys.rollouts],
  oidc: [keys.oidcSettings, keys.rolloutPolicy, keys.signInProviders, keys.audit],
  password: [keys.audit],
  // a revert may touch any entity
  anything: [keys.agents, keys.providers, keys.chatAgents, keys.oidcSettings, keys.rolloutPolicy, keys.signInProviders, keys.audit, keys.rollouts],
  // the policy shares its version (ETag) with the OIDC settings: both are the installation's
  rolloutPolicy: [keys.rolloutPolicy, keys.oidcSettings, keys.audit],
  // pause, resume, promote, abort: the rollout, and the agents it serves or reverts
  rollout: [keys.rollouts, keys.agents, keys.audit],
  apiToken: [keys.apiTokens, keys.audit],
  changePolicy: [keys.changePolicy, keys.changeRequests, keys.audit],
  // approve, reject, cancel: the request; apply: whatever its operation changed
  changeRequest: [keys.changeRequests, keys.audit],
};

/** A rollout still deciding (rolling or paused, or failed and not yet reverted): it holds version-moving writes. */
export function isRunning(rollout: Rollout | null | undefined): rollout is Rollout {
  return !!rollout && rollout.finishedAt === null;
}

/** How often a page reads a running rollout again. */
export const LIVE_MS = 1_500;
/** How often the settings pages look for a rollout someone started (the banner). */
export const IDLE_MS = 10_000;

/** How many conversations the list reads at a time. */
export const CONVERSATION_PAGE = 30;

/** A past state, a diff between two versions or a version's document never changes. */
const FOREVER = { staleTime: Infinity } as const;

export const queries = {
  apiTokens: () => queryOptions({
    queryKey: keys.apiTokens,
    queryFn: ({ signal }) => api.get<ApiTokens>('/api/tokens', { signal }),
  }),
  agents: () => queryOptions({
    queryKey: keys.agents,
    queryFn: ({ signal }) => api.get<Agents>('/api/agents', { signal }),
  }),
  agent: (name: string) => queryOptions({
    queryKey: keys.agent(name),
    queryFn: ({ signal }) => api.get<Agent>(`/api/agents/${enc(name)}`, { signal }),
  }),
  agentStatus: (name: string) => queryOptions({
    queryKey: keys.agentStatus(name),
    queryFn: ({ signal }) => api.get<AgentStatus>(`/api/agents/${enc(name)}/status`, { signal }),
  }),
  agentVersions: (name: string) => infiniteQueryOptions({
    queryKey: keys.agentVersions(name),
    queryFn: ({ pageParam, signal }) => history.versions(name, pageParam, 10, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  }),
  agentDiff: (name: string, from: number, to: number) => queryOptions({
    queryKey: keys.agentDiff(name, from, to),
    queryFn: async ({ signal }) => {
      const base = `/api/agents/${enc(name)}/config/versions/`;
      const [diff, fromDoc, toDoc] = await Promise.all([
        history.diff(name, from, to, signal), api.get<VersionDocument>(base + from, { signal }), api.get<VersionDocument>(base + to, { signal }),
      ]);
      return { diff, fromDoc: fromDoc.document, toDoc: toDoc.document };
    },
    ...FOREVER,
  }),
  providers: () => queryOptions({
    queryKey: keys.providers,
    queryFn: ({ signal }) => api.get<Providers>('/api/providers', { signal }),
  }),
  provider: (id: string) => queryOptions({
    queryKey: keys.provider(id),
    queryFn: ({ signal }) => api.get<Provider>(`/api/providers/${enc(id)}`, { signal }),
  }),
  chatAgents: () => queryOptions({
    queryKey: keys.chatAgents,
    queryFn: ({ signal }) => api.get<ChatAgents>('/api/chat/agents', { signal }),
  }),
  /** The signed-in person's conversations, newest first, page after page ("Show older"). */
  conversations: () => infiniteQueryOptions({
    queryKey: keys.conversationList,
    queryFn: ({ pageParam, signal }) => api.get<ConversationPage>(`/api/chat/conversations?limit=${CONVERSATION_PAGE}${pageParam ? `&cursor=${enc(pageParam)}` : ''}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  }),
  /** One conversation with its messages. */
  conversation: (id: string) => queryOptions({
    queryKey: keys.conversation(id),
    queryFn: ({ signal }) => api.get<Conversation>(`/api/chat/conversations/${enc(id)}`, { signal }),
  }),
  /** One page after another of the audit entries matching `search` (a query string without cursor). */
  audit: (search: string) => infiniteQueryOptions({
    queryKey: keys.auditSearch(search),
    queryFn: ({ pageParam, signal }) => api.get<AuditEntries>(`/api/audit?${search}${pageParam ? `&cursor=${enc(pageParam)}` : ''}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  }),
  fleetAt: (seq: number) => queryOptions({
    queryKey: keys.fleetAt(seq),
    queryFn: ({ signal }) => history.state(seq, signal),
    ...FOREVER,
  }),
  oidcSettings: () => queryOptions({
    queryKey: keys.oidcSettings,
    queryFn: ({ signal }) => api.get<OidcSettings>('/api/settings/oidc', { signal }),
  }),
  /** The policy with the version its ETag names (the If-Match of a save). */
  rolloutPolicy: () => queryOptions({
    queryKey: keys.rolloutPolicy,
    queryFn: async ({ signal }) => {
      let version: number | null = null;
      const policy = await api.get<RolloutPolicy>('/api/settings/rollout', { signal, onHeaders: (h) => { version = etagVersion(h); } });
      return { policy, version };
    },
  }),
  /** The rollouts, newest first, page after page. */
  rollouts: () => infiniteQueryOptions({
    queryKey: keys.rolloutList,
    queryFn: ({ pageParam, signal }) => api.get<RolloutPage>(`/api/rollouts?limit=20${pageParam ? `&cursor=${enc(pageParam)}` : ''}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  }),
  /** The running rollout, or null: only the newest can be running (a rollout holds the writes that would start another). */
  activeRollout: () => queryOptions({
    queryKey: keys.activeRollout,
    queryFn: async ({ signal }) => {
      const page = await api.get<RolloutPage>('/api/rollouts?limit=1', { signal });
      const newest = page.items[0];
      return isRunning(newest) ? newest : null;
    },
  }),
  rollout: (id: string) => queryOptions({
    queryKey: keys.rollout(id),
    queryFn: ({ signal }) => api.get<Rollout>(`/api/rollouts/${enc(id)}`, { signal }),
    // a write names its rollout (Mosaic-Rollout) a moment before the rollout can be read: a 404 is asked again
    retry: (failures, error) => (error instanceof ApiError && error.status === 404 ? failures < 10 : retry(failures, error)),
    retryDelay: 1_000,
  }),
  /** The four-eyes policy with the version its ETag names; reading it tells the API client whether writes are proposed. */
  changePolicy: () => queryOptions({
    queryKey: keys.changePolicy,
    queryFn: async ({ signal }) => {
      let version: number | null = null;
      const policy = await api.get<ChangePolicy>('/api/settings/change-policy', { signal, onHeaders: (h) => { version = etagVersion(h); } });
      learnChangePolicy(policy.approvalsRequired);
      return { policy, version };
    },
  }),
  /** Change requests still waiting (open, approved: both read, these come first) or decided ones, newest first. */
  changeRequests: (which: 'pending' | 'decided') => queryOptions({
    queryKey: keys.changeRequestList(which),
    queryFn: async ({ signal }) => {
      const states: ChangeRequestState[] = which === 'pending' ? ['open', 'approved'] : ['applied', 'rejected', 'cancelled'];
      const pages = await Promise.all(states.map((s) => api.get<ChangeRequestPage>(`/api/change-requests?state=${s}&limit=${which === 'pending' ? 200 : 50}`, { signal })));
      const at = (r: ChangeRequestPage['items'][number]) => (which === 'pending' ? r.createdAt : r.decidedAt ?? r.createdAt);
      return pages.flatMap((p) => p.items).sort((a, b) => at(b).localeCompare(at(a)));
    },
  }),
  changeRequest: (id: string) => queryOptions({
    queryKey: keys.changeRequest(id),
    queryFn: ({ signal }) => api.get<ChangeRequestDetail>(`/api/change-requests/${enc(id)}`, { signal }),
  }),
  signInProviders: () => queryOptions({
    queryKey: keys.signInProviders,
    queryFn: ({ signal }) => api.get<SignInProviders>('/api/auth/providers', { signal }),
  }),
};
