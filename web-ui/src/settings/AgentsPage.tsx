import { useEffect, useState, type FormEvent } from 'react';
import { api, type Agent, type AgentStatus, type AgentToken, type Agents, type IssuedToken, type Provider, type Providers } from '../api';
import { ConfirmButton, OneTimeSecret, StaleNotice, Status, useAction } from '../components/ui';
import {
  ModelFields, PersonalityField, ProfileFields, ToolsField, parseTools, toolErrors, validateModel, validateProfile, validateTools, type AgentDraft,
} from '../forms/AgentFields';
import { Link, navigate } from '../router';
import { AgentForm, TokensPanel } from '../wizard/AgentsStep';
import { healthText, StatusBadge } from './StatusBadge';
import { AgentHistory } from '../history/AgentHistory';
import { dryRun, type DryRunResult } from '../history/historyApi';
import { LivePreview, usePreview } from '../history/Preview';

const maybeDry = (path: string, dry: boolean) => (dry ? dryRun(path) : path);

export function AgentsPage({ admin }: { admin: boolean }) {
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [providers, setProviders] = useState<Provider[]>([]);
  const [statuses, setStatuses] = useState<Record<string, AgentStatus | null>>({});
  const [adding, setAdding] = useState(false);
  const [tokens, setTokens] = useState<IssuedToken[]>([]);
  const load = useAction();
  const reload = async () => {
    const r = await load.run('Loading agents…', () => Promise.all([api.get<Agents>('/api/agents'), api.get<Providers>('/api/providers')]));
    if (r) {
      setAgents(r[0].items);
      setProviders(r[1].items);
      const s = await Promise.all(r[0].items.map((a) => api.get<AgentStatus>(`/api/agents/${a.name}/status`).catch(() => null)));
      setStatuses(Object.fromEntries(r[0].items.map((a, i) => [a.name, s[i]])));
    }
  };
  useEffect(() => { void reload(); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const providerName = (id: string | null) => providers.find((p) => p.id === id)?.name ?? id ?? '—';
  return (
    <section aria-labelledby="agents-heading">
      <div className="page-head">
        <h1 id="agents-heading">Agents</h1>
        {admin && !adding && <button type="button" className="primary" onClick={() => setAdding(true)}>Add agent</button>}
      </div>
      <Status state={load.state} />
      <TokensPanel tokens={tokens} />
      {adding && <AgentForm providers={providers} endpoint="settings" onCancel={() => setAdding(false)}
        onSaved={(t) => { setTokens((all) => [...all, t]); setAdding(false); void reload(); }} />}
      {agents && agents.length === 0 && <p>No agents yet.</p>}
      {agents && agents.length > 0 && (
        <table className="table">
          <thead><tr><th scope="col">Agent</th><th scope="col">Role</th><th scope="col">Model</th><th scope="col">Config</th><th scope="col">State</th></tr></thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.id}>
                <td data-label="Agent"><Link href={`/settings/agents/${a.name}`}>{a.displayName}</Link> <span className="muted">({a.name})</span></td>
                <td data-label="Role">{a.role ?? '—'}</td>
                <td data-label="Model">{a.primaryModel ? `${providerName(a.providerId)}/${a.primaryModel}` : '—'}{a.fallbacks.length ? ` +${a.fallbacks.length}` : ''}</td>
                <td data-label="Config"><StatusBadge status={statuses[a.name]} /></td>
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
    name: a.name, displayName: a.displayName, role: a.role ?? '', gatewayUrl: a.gatewayUrl,
    providerId: a.providerId ?? '', primaryModel: a.primaryModel ?? '', fallbacks: a.fallbacks ?? [],
    personality: a.personality ?? '', tools: (a.toolPermissions ?? []).join('\n'),
  };
}

export function AgentDetail({ name, admin }: { name: string; admin: boolean }) {
  const [agent, setAgent] = useState<Agent | null>(null);
  const [providers, setProviders] = useState<Provider[]>([]);
  const [status, setStatus] = useState<AgentStatus | null>(null);
  const [draft, setDraft] = useState<AgentDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [token, setToken] = useState<string | null>(null);
  const load = useAction();
  const profile = useAction();
  const model = useAction();
  const personality = useAction();
  const tools = useAction();
  const lifecycle = useAction();
  const previews = { profile: usePreview(), model: usePreview(), personality: usePreview(), tools: usePreview() };
  const [historyKey, setHistoryKey] = useState(0);

  async function reload() {
    const r = await load.run('Loading…', () => Promise.all([
      api.get<Agent>(`/api/agents/${name}`), api.get<Providers>('/api/providers'),
      api.get<AgentStatus>(`/api/agents/${name}/status`).catch(() => null),
    ]));
    if (r) {
      setAgent(r[0]);
      setDraft(toDraft(r[0]));
      setProviders(r[1].items);
      setStatus(r[2]);
      setErrors({});
    }
  }
  useEffect(() => { void reload(); }, [name]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!agent || !draft) return <Status state={load.state} />;
  const v = agent.version;
  const set = (p: Partial<AgentDraft>) => setDraft((d) => (d ? { ...d, ...p } : d));
  const path = `/api/agents/${name}`;
  // Each form's write; with dry = true the same write as a dry run (its preview).
  const writes = {
    profile: (dry: boolean) => api.patch<DryRunResult>(maybeDry(path, dry), { displayName: draft.displayName.trim(), role: draft.role.trim() || null, gatewayUrl: draft.gatewayUrl.trim() }, { ifMatch: v }),
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
      setHistoryKey((k) => k + 1);
      await reload();
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
    const r = await lifecycle.run('Rotating the token…', () => api.post<AgentToken>(`/api/agents/${name}/token`), 'New token issued; the old one no longer works.');
    if (r) {
      setToken(r.token);
      await reload();
    }
  }

  async function setActive(active: boolean) {
    const ok = await lifecycle.run(active ? 'Activating…' : 'Deactivating…', () => api.patch(`/api/agents/${name}`, { active }, { ifMatch: v }), active ? 'Activated.' : 'Deactivated.');
    if (ok) {
      setHistoryKey((k) => k + 1);
      await reload();
    }
  }

  async function remove() {
    const ok = await lifecycle.run('Deleting…', () => api.delete(`/api/agents/${name}`, { ifMatch: v }).then(() => true));
    if (ok) navigate('/settings/agents');
  }

  const stale = profile.stale || model.stale || personality.stale || tools.stale || lifecycle.stale;
  const previewErrors = Object.values(previews).reduce((acc, p) => ({ ...acc, ...p.fieldErrors }), {} as Record<string, string>);
  const all = { ...previewErrors, ...profile.fieldErrors, ...model.fieldErrors, ...personality.fieldErrors, ...tools.fieldErrors, ...errors };
  return (
    <section aria-labelledby="agent-heading">
      <p><Link href="/settings/agents">← Agents</Link></p>
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
      <p><a href="#history-heading">Config history{admin ? ' and revert' : ''} ↓</a></p>
      {stale && <StaleNotice onReload={() => void reload()} />}
      <fieldset disabled={!admin} className="plain">
        <form className="card form" aria-label="Profile" noValidate onSubmit={(e) => save(e, 'profile', profile, 'Profile saved.')}>
          <h2>Profile</h2>
          <ProfileFields draft={draft} set={set} errors={all} creating={false} />
          <div className="actions">{previewButton('profile', profile)}<button type="submit" className="primary" disabled={profile.busy}>Save profile</button></div>
          <Status state={profile.state} />
          {previews.profile.panel}
        </form>
        <form className="card form" aria-label="Model" noValidate onSubmit={(e) => save(e, 'model', model, 'Model saved.')}>
          <h2>Model</h2>
          <ModelFields draft={draft} set={set} errors={all} providers={providers} />
          <div className="actions">{previewButton('model', model)}<button type="submit" className="primary" disabled={model.busy}>Save model</button></div>
          <Status state={model.state} />
          {previews.model.panel}
        </form>
        <form className="card form" aria-label="Personality" noValidate onSubmit={(e) => save(e, 'personality', personality, 'Personality saved.')}>
          <h2>Personality</h2>
          <PersonalityField value={draft.personality} onChange={(x) => set({ personality: x })} error={all.personality} name={draft.displayName} role={draft.role} />
          <div className="actions">{previewButton('personality', personality)}<button type="submit" className="primary" disabled={personality.busy}>Save personality</button></div>
          <Status state={personality.state} />
          {previews.personality.panel}
        </form>
        <form className="card form" aria-label="Tools" noValidate onSubmit={(e) => save(e, 'tools', tools, 'Tool permissions saved.')}>
          <h2>Tools</h2>
          <ToolsField value={draft.tools} onChange={(x) => set({ tools: x })} error={toolErrors(all)} />
          <div className="actions">{previewButton('tools', tools)}<button type="submit" className="primary" disabled={tools.busy}>Save tools</button></div>
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
          <Status state={lifecycle.state} />
        </div>
      )}
      <AgentHistory key={historyKey} agent={agent.name} admin={admin} onReverted={() => void reload()} />
    </section>
  );
}
