import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type Provider, type TestResult } from '../api';
import { QueryStatus } from '../components/ui';
import { ProviderForm } from '../forms/ProviderForm';
import { queries } from '../queries';

export function ProvidersStep({ onNext, onBack, onChanged }: { onNext: () => void; onBack: () => void; onChanged: () => void }) {
  const list = useQuery(queries.providers());
  const providers = list.data?.items ?? null;
  // the form is open while there is no provider yet, and after "Add another provider"
  const [adding, setAdding] = useState<boolean | null>(null);
  const [tests, setTests] = useState<Record<string, TestResult>>({});

  async function test(p: Provider) {
    const result = await api.post<TestResult>(`/api/providers/${p.id}/test`).catch((e) => ({ ok: false, latencyMs: null, status: null, models: [], error: String(e.message) }));
    setTests((t) => ({ ...t, [p.id]: result }));
  }

  return (
    <div>
      <p>Add the LLM providers your agents will use: their endpoint, key and models. You can add more than one.</p>
      <QueryStatus query={list} loading="Loading providers…" />
      {providers && providers.length > 0 && (
        <ul className="cards" aria-label="Providers added">
          {providers.map((p) => (
            <li key={p.id} className="card">
              <strong>{p.displayName}</strong> <span className="muted">{p.name} · {p.type}</span>
              <div className="muted">{p.effectiveBaseUrl}</div>
              <div>{p.models.length} model{p.models.length === 1 ? '' : 's'}: {p.models.map((m) => m.id).join(', ')}</div>
              <div className="actions">
                <button type="button" onClick={() => void test(p)}>Test connection</button>
                {tests[p.id] && (
                  <span className={tests[p.id].ok ? 'badge badge-ok' : 'badge badge-error'} role="status">
                    {tests[p.id].ok ? `OK, ${tests[p.id].latencyMs} ms` : `Failed: ${tests[p.id].error}`}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {(adding ?? providers?.length === 0) ? (
        <ProviderForm endpoint="/api/onboarding/provider"
          onSaved={() => { onChanged(); setAdding(false); }}
          onCancel={providers && providers.length > 0 ? () => setAdding(false) : undefined} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>Add another provider</button>
      )}
      <div className="actions wizard-nav">
        <button type="button" onClick={onBack}>Back</button>
        <button type="button" className="primary" disabled={!providers || providers.length === 0} onClick={onNext}>Next: agents</button>
      </div>
    </div>
  );
}
