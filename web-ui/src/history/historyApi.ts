// Hand-typed shapes of the history, dry-run and revert endpoints (DESIGN.md "History, time travel, dry-run and revert").
import { api, type Agent, type AuditChange, type Items, type Provider } from '../api';

export interface Cause {
  seq: number;
  eventType: string;
  actorName: string;
  summary: string;
}

export interface ConfigVersion {
  version: number;
  etag: string;
  renderedAt: string;
  causes: Cause[];
}

export interface JsonChange {
  path: string;
  op: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

export interface ConfigDiff {
  from: number;
  to: number;
  changes: JsonChange[];
  soulDiff: string | null;
}

export interface AgentPreview {
  name: string;
  currentVersion: number | null;
  versionWouldMove: boolean;
  changes: JsonChange[];
}

/** What a dry-run answers: the events the write would produce and what they do to agents' configs. */
export interface DryRunResult {
  dryRun: true;
  events: { type: string; summary: string; changes: AuditChange[] }[];
  agents: AgentPreview[];
}

export interface RevertResult {
  dryRun: boolean;
  commands: { entityType: string; entityId: string; action: string; summary: string }[];
  agents: AgentPreview[];
}

export interface RevertRequest {
  seq: number;
  scope?: { entityType: 'provider' | 'agent'; entityId: string };
  reason?: string;
  dryRun?: boolean;
}

export interface FleetState {
  seq: number;
  at: string;
  providers: Provider[];
  agents: Agent[];
  oidc: Record<string, unknown> | null;
  onboardingCompleted: boolean;
}

/** The same write, asked as a dry run. */
export function dryRun(path: string): string {
  return path + (path.includes('?') ? '&' : '?') + 'dryRun=true';
}

const enc = encodeURIComponent;

export const history = {
  versions: (agent: string, cursor?: string | null, limit = 10) =>
    api.get<Items<ConfigVersion>>(`/api/agents/${enc(agent)}/config/versions?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`),
  diff: (agent: string, from: number, to: number) =>
    api.get<ConfigDiff>(`/api/agents/${enc(agent)}/config/diff?from=${from}&to=${to}`),
  state: (seq: number) => api.get<FleetState>(`/api/state?seq=${seq}`),
  revert: (body: RevertRequest) => api.post<RevertResult>('/api/revert', body),
};

/** The audit entry right after which an agent's config was this version: its newest cause. */
export function lastCause(v: ConfigVersion): number | null {
  return v.causes.length ? Math.max(...v.causes.map((c) => c.seq)) : null;
}
