import { useState, type FormEvent } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, type Agent, type AgentToken, type IssuedToken } from '../api';
import { ConfirmButton, OneTimeSecret, QueryStatus, SaveButton, StaleNotice, Status, useAction } from '../components/ui';
import {
  ModelFields, PersonalityField, ProfileFields, ToolsField, parseTools, toolErrors, validateModel, validateProfile, validateTools, type AgentDraft,
} from '../forms/AgentFields';
import { changes, queries } from '../queries';
import { AgentForm, TokensPanel } from '../wizard/AgentsStep';
import { healthText, StatusBadge } from './StatusBadge';
import { ServedVersion } from '../rollouts/ServedVersion';
import { AgentHistory } from '../history/AgentHistory';
import { dryRun, type DryRunResult } from '../history/historyApi';
import { LivePreview, usePreview } from '../history/Preview';

const maybeDry = (path: string, dry: boolean) => (dry ? dryRun(path) : path);

export function AgentsPage({ admin }: { admin: boolean }) {
  const agentList = useQuery(queries.agents());
  const providerList = useQuery(queries.providers());
  const ready = agentList.data && providerList.data;
  const agents = ready ? agentList.data.items : null;
  const providers = providerList.data?.items ?? [];
  // each agent's config state; one that cannot be read shows as unknown
  const statuses = useQueries({ queries: (agents ?? []).map((a) => queries.agentStatus(a.name)) });
  const [adding, setAdding] = useState(false);
  const [tokens, setTokens] = useState<IssuedToken[]>([]);
  const providerName = (id: string | null) => providers.find((p) => p.id === id)?.name ?? id ?? '—';
  return (
    <section aria-labelledby="agents-heading">
      <div className="page-head">
        <h1 id="agents-heading">Agents</h1>
        {admin && !adding && <button type="button" className="primary" onClick={() => setAdding(true)}>Add agent</button>}
      </div>
      <QueryStatus query={[agentList, providerList]} loading="Loading agents…" />
      <TokensPanel tokens={tokens} />
      {adding && <AgentForm providers={providers} endpoint="settings" onCancel={() => setAdding(false)}
        onSaved={(t) => { setTokens((all) => [...all, t]); setAdding(false); }} />}
      {agents && agents.length === 0 && <p>No agents yet.</p>}
      {agents && agents.length > 0 && (
        <table className="table">
          <thead><tr><th scope="col">Agent</th><th scope="col">Role</th><th scope="col">Model</th><th scope="col">Config</th><th scope="col">State</th></tr></thead>
          <tbody>
            {agents.map((a, i) => (
              <tr key={a.id}>
                <td data-label="Agent"><Link to={`/settings/agents/${a.name}`}>{a.displayName}</Link> <span className="muted">({a.name})</span>{a.canary && <> <span className="badge badge-muted" title="First in every rollout">canary</span></>}</td>
                <td data-label="Role">{a.role ?? '—'}</td>
                <td data-label="Model">{a.primaryModel ? `${providerName(a.providerId)}/${a.primaryModel}` : '—'}{a.fallbacks.length ? ` +${a.fallbacks.length}` : ''}</td>
                <td data-label="Config"><StatusBadge status={statuses[i]?.data} /></td>
                <td data-label="State">{a.active ? <span className="badge badge-ok">active</span> : <span className="badge badge-muted">deactivated</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function toDraft(a: Agent): AgentDraft {
  return {
    name: a.name, displayName: a.displayName, role: a.role ?? '', gatewayUrl: a.gatewayUrl, canary: !!a.canary,
    providerId: a.providerId ?? '', primaryModel: a.primaryModel ?? '', fallbacks: a.fallbacks ?? [],
    personality: a.personality ?? '', tools: (a.toolPermissions ?? []).join('\n'),
  };
}

/** How often the agent page reads the agent's config state again (served and applied version, connected). */
const STATUS_EVERY_MS = 5_000;

export function AgentDetail({ name, admin }: { name: string; admin: boolean }) {
  const navigate = useNavigate();
  const read = useQuery(queries.agent(name));
  const providerList = useQuery(queries.providers());
  const statusRead = useQuery({ ...queries.agentStatus(name), refetchInterval: STATUS_EVERY_MS });
  // The forms show the agent as read until someone edits them; then they keep the version they were edited
  // from (its If-Match), so a change made meanwhile elsewhere is refused (412) rather than overwritten.
  const [edit, setEdit] = useState<{ base: Agent; draft: AgentDraft } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [token, setToken] = useState<string | null>(null);
  const profile = useAction({ invalidates: changes.agent });
  const model = useAction({ invalidates: changes.agent });
  const personality = useAction({ invalidates: changes.agent });
  const tools = useAction({ invalidates: changes.agent });
  const lifecycle = useAction({ invalidates: changes.agent });
  // a deleted agent is not read again: the page is left
  const removal = useAction({ invalidates: changes.agent, refetch: false });
  const previews = { profile: usePreview(), model: usePreview(), personality: usePreview(), tools: usePreview() };

  /** The forms follow the agent as read again. */
  function startOver() {
    setEdit(null);
    setErrors({});
  }

  async function reload() {
    await Promise.all([read.refetch(), providerList.refetch(), statusRead.refetch()]);
    startOver();
  }

  const agent = read.data;
  const providers = providerList.data?.items;
  if (!agent || !providers) return <QueryStatus query={[read, providerList]} loading="Loading…" />;
  const status = statusRead.data ?? null;
  const base = edit?.base ?? agent;
  const draft = edit?.draft ?? toDraft(agent);
  const v = base.version;
  const set = (p: Partial<AgentDraft>) => setEdit((e) => ({ base: e?.base ?? agent, draft: { ...(e?.draft ?? toDraft(agent)), ...p } }));
  const path = `/api/agents/${name}`;
  // Each form's write; with dry = true the same write as a dry run (its preview).
  const writes = {
    profile: (dry: boolean) => api.patch<DryRunResult>(maybeDry(path, dry), { displayName: draft.displayName.trim(), role: draft.role.trim() || null, gatewayUrl: draft.gatewayUrl.trim(), canary: draft.canary }, { ifMatch: v }),
    model: (dry: boolean) => api.put<DryRunResult>(maybeDry(`${path}/model`, dry), { providerId: draft.providerId, primaryModel: draft.primaryModel, fallbacks: draft.fallbacks }, { ifMatch: v }),
    personality: (dry: boolean) => api.patch<DryRunResult>(maybeDry(path, dry), { personality: draft.personality }, { ifMatch: v }),
    tools: (dry: boolean) => api.patch<DryRunResult>(maybeDry(path, dry), { toolPermissions: parseTools(draft.tools) }, { ifMatch: v }),
  };
  type Form = keyof typeof writes;
  const checks: Record<Form, () => Record<string, string>> = {
    profile: () => validateProfile(draft), model: () => validateModel(draft), personality: () => ({}), tools: () => validateTools(draft.tools),
  };

  async function save(e: FormEvent, form: Form, action: ReturnType<typeof useAction>, ok: string) {
    e.preventDefault();
    const local = checks[form]();
    setErrors(local);
    if (Object.keys(local).length) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    const done = await action.run('Saving…', () => writes[form](false), ok);
    if (done !== undefined) {
      previews[form].clear();
      startOver();
    }
  }

  function preview(form: Form, action: ReturnType<typeof useAction>) {
    const local = checks[form]();
    setErrors(local);
    if (Object.keys(local).length) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    action.setState({ kind: 'idle' });
    void previews[form].preview(() => writes[form](true));
  }

  const previewButton = (form: Form, action: ReturnType<typeof useAction>) => admin && (
    <button type="button" onClick={() => preview(form, action)} disabled={previews[form].busy}>Preview</button>
  );

  async function rotate() {
    removal.setState({ kind: 'idle' });
    const r = await lifecycle.run('Rotating the token…', () => api.post<AgentToken>(`/api/agents/${name}/token`), 'New token issued; the old one no longer works.');
    if (r) {
      setToken(r.token);
      startOver();
    }
  }

  async function setActive(active: boolean) {
    removal.setState({ kind: 'idle' });
    const ok = await lifecycle.run(active ? 'Activating…' : 'Deactivating…', () => api.patch(`/api/agents/${name}`, { active }, { ifMatch: v }), active ? 'Activated.' : 'Deactivated.');
    if (ok) startOver();
  }

  async function remove() {
    lifecycle.setState({ kind: 'idle' });
    const ok = await removal.run('Deleting…', () => api.delete(`/api/agents/${name}`, { ifMatch: v }).then(() => true));
    if (ok) void navigate('/settings/agents');
  }

  const stale = profile.stale || model.stale || personality.stale || tools.stale || lifecycle.stale || removal.stale;
  const previewErrors = Object.values(previews).reduce((acc, p) => ({ ...acc, ...p.fieldErrors }), {} as Record<string, string>);
  const all = { ...previewErrors, ...profile.fieldErrors, ...model.fieldErrors, ...personality.fieldErrors, ...tools.fieldErrors, ...errors };
  return (
    <section aria-labelledby="agent-heading">
      <p><Link to="/settings/agents">← Agents</Link></p>
      <div className="page-head">
        <h1 id="agent-heading">{agent.displayName} <span className="muted">({agent.name})</span></h1>
        <StatusBadge status={status} />
        {!agent.active && <span className="badge badge-muted">deactivated</span>}
      </div>
      {status && (
        <p className="muted">Config version {status.currentVersion}; the agent runs {status.appliedVersion ?? 'nothing yet'}
          {status.lastSeenAt ? `; last seen ${new Date(status.lastSeenAt).toLocaleString()}` : ''}{status.connected ? '; connected now' : ''}.</p>
      )}
      {healthText(status?.health) && <p className="muted">{healthText(status?.health)}</p>}
      {status && <ServedVersion status={status} />}
      <p><a href="#history-heading">Config history{admin ? ' and revert' : ''} ↓</a></p>
      {stale && <StaleNotice onReload={() => void reload()} />}
      <fieldset disabled={!admin} className="plain">
        <form className="card form" aria-label="Profile" noValidate onSubmit={(e) => save(e, 'profile', profile, 'Profile saved.')}>
          <h2>Profile</h2>
          <ProfileFields draft={draft} set={set} errors={all} creating={false} />
          <div className="actions">{previewButton('profile', profile)}<SaveButton label="Save profile" disabled={profile.busy} /></div>
          <Status state={profile.state} />
          {previews.profile.panel}
        </form>
        <form className="card form" aria-label="Model" noValidate onSubmit={(e) => save(e, 'model', model, 'Model saved.')}>
          <h2>Model</h2>
          <ModelFields draft={draft} set={set} errors={all} providers={providers} />
          <div className="actions">{previewButton('model', model)}<SaveButton label="Save model" disabled={model.busy} /></div>
          <Status state={model.state} />
          {previews.model.panel}
        </form>
        <form className="card form" aria-label="Personality" noValidate onSubmit={(e) => save(e, 'personality', personality, 'Personality saved.')}>
          <h2>Personality</h2>
          <PersonalityField value={draft.personality} onChange={(x) => set({ personality: x })} error={all.personality} name={draft.displayName} role={draft.role} />
          <div className="actions">{previewButton('personality', personality)}<SaveButton label="Save personality" disabled={personality.busy} /></div>
          <Status state={personality.state} />
          {previews.personality.panel}
        </form>
        <form className="card form" aria-label="Tools" noValidate onSubmit={(e) => save(e, 'tools', tools, 'Tool permissions saved.')}>
          <h2>Tools</h2>
          <ToolsField value={draft.tools} onChange={(x) => set({ tools: x })} error={toolErrors(all)} />
          <div className="actions">{previewButton('tools', tools)}<SaveButton label="Save tools" disabled={tools.busy} /></div>
          <Status state={tools.state} />
          {previews.tools.panel}
        </form>
      </fieldset>
      {admin && (
        <div className="card danger-zone">
          <h2>Token and lifecycle</h2>
          {token && <OneTimeSecret label={`New token of ${agent.name}`} value={token} />}
          <div className="actions">
            <ConfirmButton label="Rotate token" title={`Rotate the token of ${agent.name}?`} confirmLabel="Rotate token"
              message="A new token is issued and shown once. The old token stops working at once: the agent must be restarted with the new one." onConfirm={() => void rotate()} />
            {agent.active
              ? <ConfirmButton label="Deactivate" title={`Deactivate ${agent.name}?`} confirmLabel="Deactivate"
                message={<><p>The agent can no longer fetch its configuration until it is activated again.</p>
                  <LivePreview run={() => api.patch<DryRunResult>(dryRun(path), { active: false }, { ifMatch: v })} /></>}
                onConfirm={() => void setActive(false)} />
              : <ConfirmButton label="Activate" title={`Activate ${agent.name}?`} confirmLabel="Activate"
                message={<LivePreview run={() => api.patch<DryRunResult>(dryRun(path), { active: true }, { ifMatch: v })} />}
                onConfirm={() => void setActive(true)} />}
            <ConfirmButton danger label="Delete" title={`Delete ${agent.name}?`} confirmLabel="Delete agent"
              message={<><p>The agent and its token are removed. This cannot be undone; the audit trail keeps its history.</p>
                <LivePreview run={() => api.delete<DryRunResult>(dryRun(path), { ifMatch: v })} /></>}
              onConfirm={() => void remove()} />
          </div>
          <Status state={removal.state.kind === 'idle' ? lifecycle.state : removal.state} />
        </div>
      )}
      <AgentHistory agent={agent.name} admin={admin} onReverted={startOver} />
    </section>
  );
}
