// The history, dry-run and revert endpoints (DESIGN.md "History, time travel, dry-run and revert"); their shapes
// are the generated ones of the server's OpenAPI description.
import { api, type Schemas } from '../api';

export type Cause = Schemas['Cause'];
export type ConfigVersion = Schemas['VersionItem'];
export type ConfigVersions = Schemas['ItemsVersionItem'];
export type VersionDocument = Schemas['VersionDocument'];
export type JsonChange = Schemas['JsonChange'];
export type ConfigDiff = Schemas['ConfigDiff'];
export type AgentPreview = Schemas['AgentChange'];
/** What a dry-run answers: the events the write would produce and what they do to agents' configs. */
export type DryRunResult = Schemas['DryRunPreview'];
export type RevertResult = Schemas['RevertAnswer'];
export type RevertRequest = Schemas['RevertRequest'];
export type FleetState = Schemas['FleetAt'];

export function dryRun(path: string): string {
  return path + (path.includes('?') ? '&' : '?') + 'dryRun=true';
}

const enc = encodeURIComponent;

export const history = {
  versions: (agent: string, cursor?: string | null, limit = 10, signal?: AbortSignal) =>
    api.get<ConfigVersions>(`/api/agents/${enc(agent)}/config/versions?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`, { signal }),
  diff: (agent: string, from: number, to: number, signal?: AbortSignal) =>
    api.get<ConfigDiff>(`/api/agents/${enc(agent)}/config/diff?from=${from}&to=${to}`, { signal }),
  state: (seq: number, signal?: AbortSignal) => api.get<FleetState>(`/api/state?seq=${seq}`, { signal }),
  revert: (body: RevertRequest) => api.post<RevertResult>('/api/revert', body),
};

/** The audit entry right after which an agent's config was this version: its newest cause. */
export function lastCause(v: ConfigVersion): number | null {
  return v.causes.length ? Math.max(...v.causes.map((c) => c.seq)) : null;
}
