import { useEffect, useState, type FormEvent } from 'react';
import { api, type Agent, type AuditEntry, type Provider, type Agents, type AuditEntries, type Providers } from '../api';
import { SelectField, Status, TextField, download, useAction } from '../components/ui';
import { auditCsv, formatValue, localToInstant } from './audit';
import { RevertFlow } from '../history/RevertFlow';
import { StateView } from '../history/StateView';

interface Filters {
  entityType: string;
  entityId: string;
  actor: string;
  from: string;
  to: string;
}

function query(f: Filters, cursor?: string | null, limit = 50): string {
  const p = new URLSearchParams();
  if (f.entityType) p.set('entityType', f.entityType);
  if (f.entityId) p.set('entityId', f.entityId);
  if (f.actor.trim()) p.set('actor', f.actor.trim());
  const from = localToInstant(f.from);
  const to = localToInstant(f.to);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  p.set('limit', String(limit));
  if (cursor) p.set('cursor', cursor);
  return `/api/audit?${p.toString()}`;
}

/** Per entry: the whole configuration right after it and, for admins, a revert of everything to it. */
function EntryHistory({ seq, admin, onReverted }: { seq: number; admin: boolean; onReverted: () => void }) {
  const [showState, setShowState] = useState(false);
  return (
    <div className="entry-history">
      <div className="actions">
        <button type="button" aria-expanded={showState} onClick={() => setShowState((x) => !x)}>
          {showState ? 'Hide the state at this point' : 'State at this point'}
        </button>
      </div>
      {showState && <StateView seq={seq} />}
      {admin && <RevertFlow label={`Revert to here (#${seq})`} seq={seq} onApplied={onReverted} />}
    </div>
  );
}

export function AuditPage({ admin = false }: { admin?: boolean }) {
  const initial = new URLSearchParams(window.location.search);
  const [filters, setFilters] = useState<Filters>({
    entityType: initial.get('entityType') ?? '', entityId: initial.get('entityId') ?? '', actor: initial.get('actor') ?? '', from: '', to: '',
  });
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [providers, setProviders] = useState<Provider[]>([]);
  const load = useAction();
  const exporter = useAction();

  async function search(f = filters, more = false) {
    const r = await load.run('Loading the timeline…', () => api.get<AuditEntries>(query(f, more ? cursor : null)));
    if (r) {
      setEntries((old) => (more ? [...old, ...r.items] : r.items));
      setCursor(r.nextCursor ?? null);
    }
  }

  useEffect(() => {
    void search();
    void Promise.all([api.get<Agents>('/api/agents'), api.get<Providers>('/api/providers')])
      .then(([a, p]) => { setAgents(a.items); setProviders(p.items); }).catch(() => undefined);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function exportCsv() {
    const all = await exporter.run('Exporting…', async () => {
      const out: AuditEntry[] = [];
      let next: string | null = null;
      do {
        const page: AuditEntries = await api.get<AuditEntries>(query(filters, next, 500));
        out.push(...page.items);
        next = page.nextCursor ?? null;
      } while (next && out.length < 50_000);
      return out;
    }, (r) => `Exported ${r.length} entries.`);
    if (all) download(`mosaic-audit-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(all), 'text/csv');
  }

  const entityOptions = filters.entityType === 'agent'
    ? agents.map((a) => ({ value: a.id, label: a.name }))
    : filters.entityType === 'provider' ? providers.map((p) => ({ value: p.id, label: p.name })) : [];

  return (
    <section aria-labelledby="audit-heading">
      <div className="page-head">
        <h1 id="audit-heading">Audit timeline</h1>
        <button type="button" onClick={exportCsv} disabled={exporter.busy}>Export CSV</button>
      </div>
      <Status state={exporter.state} />
      <form className="card filters" aria-label="Filter the timeline" onSubmit={(e: FormEvent) => { e.preventDefault(); void search(); }}>
        <SelectField label="Entity type" name="entityType" value={filters.entityType} onChange={(x) => setFilters({ ...filters, entityType: x, entityId: '' })}
          options={[{ value: '', label: 'Any' }, { value: 'agent', label: 'Agent' }, { value: 'provider', label: 'Provider' },
            { value: 'breakglass-user', label: 'Breakglass user' }, { value: 'installation', label: 'Installation' }]} />
        <SelectField label="Entity" name="entityId" value={filters.entityId} onChange={(x) => setFilters({ ...filters, entityId: x })}
          options={[{ value: '', label: 'Any' }, ...entityOptions]} />
        <TextField label="Actor" name="actor" value={filters.actor} onChange={(x) => setFilters({ ...filters, actor: x })} placeholder="user name or id" error={load.fieldErrors.actor} />
        <TextField label="From" name="from" type="datetime-local" value={filters.from} onChange={(x) => setFilters({ ...filters, from: x })} error={load.fieldErrors.from} />
        <TextField label="To" name="to" type="datetime-local" value={filters.to} onChange={(x) => setFilters({ ...filters, to: x })} error={load.fieldErrors.to} />
        <div className="actions">
          <button type="submit" className="primary">Apply filters</button>
          <button type="button" onClick={() => { const f = { entityType: '', entityId: '', actor: '', from: '', to: '' }; setFilters(f); void search(f); }}>Clear</button>
        </div>
      </form>
      <Status state={load.state.kind === 'ok' ? { kind: 'idle' } : load.state} />
      {entries.length === 0 && load.state.kind !== 'busy' && <p>No entries match.</p>}
      <ol className="timeline" aria-label="Audit entries">
        {entries.map((e) => (
          <li key={e.seq} className="card entry">
            <details>
              <summary>
                <span className="entry-summary">{e.summary}</span>
                <span className="muted entry-meta">
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> · {e.actor.name || e.actor.id} · {e.entityType}{e.entityName ? ` ${e.entityName}` : ''} · {e.eventType}
                </span>
              </summary>
              {e.changes && e.changes.length > 0 ? (
                <table className="table diff">
                  <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
                  <tbody>
                    {e.changes.map((c, i) => (
                      <tr key={i}>
                        <td data-label="Field"><code>{c.field}</code></td>
                        <td data-label="Before" className="diff-from">{formatValue(c.from)}</td>
                        <td data-label="After" className="diff-to">{formatValue(c.to)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : <p className="muted">No field changes recorded.</p>}
              <p className="muted">#{e.seq} · actor id {e.actor.id} · entity id {e.entityId}</p>
              <EntryHistory seq={e.seq} admin={admin} onReverted={() => void search()} />
            </details>
          </li>
        ))}
      </ol>
      {cursor && <button type="button" onClick={() => void search(filters, true)} disabled={load.busy}>Load older entries</button>}
    </section>
  );
}
