import { useQuery } from '@tanstack/react-query';
import { QueryStatus } from '../components/ui';
import { queries } from '../queries';
import { show } from './values';

/** The whole configuration right after audit entry {@code seq}, read-only, rebuilt from the event store. */
export function StateView({ seq }: { seq: number }) {
  const read = useQuery(queries.fleetAt(seq));
  const state = read.data;
  if (!state) return <QueryStatus query={read} loading="Rebuilding the configuration at that point…" />;
  const providerName = (id: string | null) => state.providers.find((p) => p.id === id)?.name ?? id ?? '—';
  const { oidc } = state;
  return (
    <div className="state-view" role="region" aria-label={`Configuration at #${state.seq}`}>
      <h3>Configuration right after #{state.seq} <span className="muted">({new Date(state.at).toLocaleString()})</span></h3>
      <p className="muted">Read-only. Onboarding {state.onboardingCompleted ? 'completed' : 'not completed'};
        single sign-on {oidc ? `${oidc.issuerUrl} (client ${oidc.clientId})` : 'not configured'}.</p>
      <h4>Providers ({state.providers.length})</h4>
      {state.providers.length === 0 ? <p className="muted">None.</p> : (
        <table className="table" aria-label="Providers then">
          <thead><tr><th scope="col">Provider</th><th scope="col">Type</th><th scope="col">Base URL</th><th scope="col">Models</th><th scope="col">Key</th><th scope="col">State</th></tr></thead>
          <tbody>
            {state.providers.map((p) => (
              <tr key={p.id}>
                <td data-label="Provider">{p.displayName} <span className="muted">({p.name})</span></td>
                <td data-label="Type">{p.type}</td>
                <td data-label="Base URL" className="break">{p.effectiveBaseUrl ?? p.baseUrl ?? '—'}</td>
                <td data-label="Models">{p.models.map((m) => m.id).join(', ') || '—'}</td>
                <td data-label="Key">{p.apiKeySet ? 'set' : 'none'}</td>
                <td data-label="State">{p.active ? 'active' : 'deactivated'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Agents ({state.agents.length})</h4>
      {state.agents.length === 0 ? <p className="muted">None.</p> : (
        <table className="table" aria-label="Agents then">
          <thead><tr><th scope="col">Agent</th><th scope="col">Model</th><th scope="col">Fallbacks</th><th scope="col">Tools</th><th scope="col">State</th></tr></thead>
          <tbody>
            {state.agents.map((a) => (
              <tr key={a.id}>
                <td data-label="Agent">{a.displayName} <span className="muted">({a.name})</span>
                  {a.personality && <details><summary>Personality</summary><pre className="soul">{a.personality}</pre></details>}</td>
                <td data-label="Model">{a.primaryModel ? `${providerName(a.providerId)}/${a.primaryModel}` : '—'}</td>
                <td data-label="Fallbacks">{a.fallbacks?.length ? a.fallbacks.map((f) => `${providerName(f.providerId)}/${f.model}`).join(', ') : '—'}</td>
                <td data-label="Tools">{show(a.toolPermissions?.length ? a.toolPermissions.join(', ') : null)}</td>
                <td data-label="State">{a.active ? 'active' : 'deactivated'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
