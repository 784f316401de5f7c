import { useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, type DeploySummary } from '../api';
import { QueryStatus, Status, useAction } from '../components/ui';
import { queries } from '../queries';
import { StatusBadge } from '../settings/StatusBadge';

export function SummaryStep({ onBack, onFinished }: { onBack: () => void; onFinished: () => void }) {
  const providerList = useQuery(queries.providers());
  const agentList = useQuery(queries.agents());
  const providers = providerList.data?.items ?? [];
  const agents = agentList.data?.items ?? [];
  const statusReads = useQueries({ queries: agents.map((a) => queries.agentStatus(a.name)) });
  const statuses = Object.fromEntries(agents.map((a, i) => [a.name, statusReads[i]?.data]));
  const [summary, setSummary] = useState<DeploySummary | null>(null);
  const finish = useAction();

  async function complete() {
    const result = await finish.run('Finishing: checking every agent’s gateway…', () => api.post<DeploySummary>('/api/onboarding/complete'), 'Onboarding complete.');
    if (result) setSummary(result);
  }

  const health = (name: string) => summary?.agents.find((a) => a.name === name)?.gateway;
  return (
    <div>
      <p>Check what will be deployed. <strong>Finish</strong> completes onboarding and checks each agent’s gateway.</p>
      <QueryStatus query={[providerList, agentList]} loading="Loading…" />
      <h3>Providers</h3>
      <table className="table">
        <thead><tr><th scope="col">Provider</th><th scope="col">Type</th><th scope="col">Models</th><th scope="col">Key</th></tr></thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.id}>
              <td data-label="Provider">{p.displayName} <span className="muted">({p.name})</span></td>
              <td data-label="Type">{p.type}</td>
              <td data-label="Models">{p.models.map((m) => m.id).join(', ')}</td>
              <td data-label="Key">{p.apiKeySet ? 'set' : 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Agents</h3>
      <table className="table">
        <thead><tr><th scope="col">Agent</th><th scope="col">Model</th><th scope="col">Config</th><th scope="col">Gateway</th></tr></thead>
        <tbody>
          {agents.map((a) => {
            const h = health(a.name);
            const s = statuses[a.name];
            return (
              <tr key={a.id}>
                <td data-label="Agent">{a.displayName} <span className="muted">({a.name})</span><div className="muted">{a.gatewayUrl}</div></td>
                <td data-label="Model">{a.primaryModel}{a.fallbacks.length ? ` + ${a.fallbacks.length} fallback${a.fallbacks.length > 1 ? 's' : ''}` : ''}</td>
                <td data-label="Config">{s ? <><StatusBadge status={s} /> <span className="muted">v{s.currentVersion}{s.appliedVersion != null ? `, applied v${s.appliedVersion}` : ''}</span></> : '—'}</td>
                <td data-label="Gateway">
                  {!h ? <span className="muted">checked at Finish</span>
                    : h.reachable ? <span className="badge badge-ok">reachable ({h.latencyMs} ms)</span>
                      : <span className="badge badge-error">not reachable: {h.error ?? `HTTP ${h.status}`}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {summary && summary.agents.some((a) => !a.gateway.reachable) && (
        <div className="notice" role="status">
          Some gateways are not reachable yet. That is expected until you start them (for example with <code>docker compose up</code> and the
          downloaded <code>.env</code>); each agent fetches its configuration as soon as it starts. The Agents page shows when they are in sync.
        </div>
      )}
      <div className="actions wizard-nav">
        {!summary && <button type="button" onClick={onBack}>Back</button>}
        {!summary && <button type="button" className="primary" onClick={complete} disabled={finish.busy}>Finish</button>}
        {summary && <button type="button" className="primary" onClick={onFinished}>Open Mosaic</button>}
      </div>
      <Status state={finish.state} />
    </div>
  );
}
