import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type AgentToken, type IssuedToken, type IssuedTokens, type Provider } from '../api';
import { OneTimeSecret, QueryStatus, SaveButton, Status, download, useAction } from '../components/ui';
import {
  ModelFields, PersonalityField, ProfileFields, ToolsField, agentBody, emptyAgent, toolErrors, validateAgent, type AgentDraft,
} from '../forms/AgentFields';
import { envFile } from './steps';
import { dryRun, type DryRunResult } from '../history/historyApi';
import { usePreview } from '../history/Preview';
import { changes, queries } from '../queries';

export function AgentForm({ providers, endpoint, onSaved, onCancel }: {
  providers: Provider[];
  endpoint: 'onboarding' | 'settings';
  onSaved: (t: IssuedToken) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<AgentDraft>(emptyAgent(providers));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction({ invalidates: changes.agent });
  const preview = usePreview();
  const set = (p: Partial<AgentDraft>) => setDraft((d) => ({ ...d, ...p }));

  function showPreview() {
    const local = validateAgent(draft);
    setErrors(local);
    if (Object.keys(local).length) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    action.setState({ kind: 'idle' });
    void preview.preview(() => api.post<DryRunResult>(dryRun('/api/agents'), agentBody(draft)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = validateAgent(draft);
    setErrors(local);
    if (Object.keys(local).length) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    const body = agentBody(draft);
    const result = await action.run('Saving the agent…', async () => {
      if (endpoint === 'onboarding') {
        const r = await api.post<IssuedTokens>('/api/onboarding/agents', { agents: [body] });
        return r.agents[0];
      }
      return api.post<AgentToken>('/api/agents', body);
    }, (r) => `Agent ${r.name} saved.`);
    if (result) {
      preview.clear();
      onSaved({ name: result.name, token: result.token });
      setDraft(emptyAgent(providers));
    }
  }

  const all = { ...preview.fieldErrors, ...action.fieldErrors, ...errors };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Add an agent">
      <ProfileFields draft={draft} set={set} errors={all} creating />
      <ModelFields draft={draft} set={set} errors={all} providers={providers} />
      <PersonalityField value={draft.personality} onChange={(v) => set({ personality: v })} error={all.personality} name={draft.displayName} role={draft.role} />
      <ToolsField value={draft.tools} onChange={(v) => set({ tools: v })} error={toolErrors(all)} />
      <div className="actions">
        {onCancel && <button type="button" onClick={onCancel}>Cancel</button>}
        {endpoint === 'settings' && <button type="button" onClick={showPreview} disabled={preview.busy}>Preview</button>}
        <SaveButton label="Save agent" disabled={action.busy} governed={endpoint === 'settings'} />
      </div>
      <Status state={action.state} />
      {preview.panel}
    </form>
  );
}

export function TokensPanel({ tokens }: { tokens: IssuedToken[] }) {
  if (tokens.length === 0) return null;
  const env = envFile(window.location.origin, tokens);
  return (
    <section className="card tokens" aria-label="Agent tokens">
      <h3>Agent tokens</h3>
      {tokens.map((t) => <OneTimeSecret key={t.name} label={`Token of ${t.name}`} value={t.token} />)}
      <div className="actions">
        <button type="button" onClick={() => download('mosaic-agents.env', env)}>Download .env for docker compose</button>
      </div>
      <p className="hint">The file sets <code>MOSAIC_API_URL</code> and one <code>AGENT_&lt;NAME&gt;_TOKEN</code> per agent. Put it beside <code>docker-compose.yml</code>.</p>
    </section>
  );
}

export function AgentsStep({ tokens, onToken, onNext, onBack, onChanged }: {
  tokens: IssuedToken[];
  onToken: (t: IssuedToken) => void;
  onNext: () => void;
  onBack: () => void;
  onChanged: () => void;
}) {
  const providerList = useQuery(queries.providers());
  const agentList = useQuery(queries.agents());
  const ready = providerList.data && agentList.data;
  const providers = ready ? providerList.data.items : null;
  const agents = ready ? agentList.data.items : null;
  // the form is open while there is no agent yet, and after "Add another agent"
  const [adding, setAdding] = useState<boolean | null>(null);

  const issued = new Set(tokens.map((t) => t.name));
  return (
    <div>
      <p>Each agent is one OpenClaw gateway. Mosaic renders its configuration and tells it when anything changes.</p>
      <QueryStatus query={[providerList, agentList]} loading="Loading…" />
      {agents && agents.length > 0 && (
        <ul className="cards" aria-label="Agents added">
          {agents.map((a) => (
            <li key={a.id} className="card">
              <strong>{a.displayName}</strong> <span className="muted">{a.name}{a.role ? ` · ${a.role}` : ''}</span>
              <div className="muted">{a.gatewayUrl} · {a.primaryModel ?? 'no model'}</div>
              {!issued.has(a.name) && <div className="hint">Token shown earlier; rotate it in Settings if you lost it.</div>}
            </li>
          ))}
        </ul>
      )}
      <TokensPanel tokens={tokens} />
      {providers && ((adding ?? agents?.length === 0) ? (
        <AgentForm providers={providers} endpoint="onboarding"
          onSaved={(t) => { onToken(t); onChanged(); setAdding(false); }}
          onCancel={agents && agents.length > 0 ? () => setAdding(false) : undefined} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>Add another agent</button>
      ))}
      <div className="actions wizard-nav">
        <button type="button" onClick={onBack}>Back</button>
        <button type="button" className="primary" disabled={!agents || agents.length === 0} onClick={onNext}>Next: summary</button>
      </div>
    </div>
  );
}
