import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useQuery, keepPreviousData } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, type AuditEntry, type AuditEntries } from '../api';
import { QueryStatus, SelectField, Status, TextField, download, readFieldErrors, useAction } from '../components/ui';
import { queries } from '../queries';
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

/** The audit query string of the filters (without a cursor). */
function search(f: Filters, limit = 50): string {
  const p = new URLSearchParams();
  if (f.entityType) p.set('entityType', f.entityType);
  if (f.entityId) p.set('entityId', f.entityId);
  if (f.actor.trim()) p.set('actor', f.actor.trim());
  const from = localToInstant(f.from);
  const to = localToInstant(f.to);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  p.set('limit', String(limit));
  return p.toString();
}

/** Per entry: the whole configuration right after it and, for admins, a revert of everything to it. */
function EntryHistory({ seq, admin }: { seq: number; admin: boolean }) {
  const [showState, setShowState] = useState(false);
  return (
    <div className="entry-history">
      <div className="actions">
        <button type="button" aria-expanded={showState} onClick={() => setShowState((x) => !x)}>
          {showState ? 'Hide the state at this point' : 'State at this point'}
        </button>
      </div>
      {showState && <StateView seq={seq} />}
      {admin && <RevertFlow label={`Revert to here (#${seq})`} seq={seq} />}
    </div>
  );
}

const NO_FILTERS: Filters = { entityType: '', entityId: '', actor: '', from: '', to: '' };

export function AuditPage({ admin = false }: { admin?: boolean }) {
  // a link may open the timeline filtered (?entityType=agent&entityId=…)
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => ({
    ...NO_FILTERS, entityType: params.get('entityType') ?? '', entityId: params.get('entityId') ?? '', actor: params.get('actor') ?? '',
  }));
  // the filters of the entries shown: the form's, once applied
  const [applied, setApplied] = useState(filters);
  const timeline = useInfiniteQuery({ ...queries.audit(search(applied)), placeholderData: keepPreviousData });
  const entries = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const agents = useQuery(queries.agents()).data?.items ?? [];
  const providers = useQuery(queries.providers()).data?.items ?? [];
  const exporter = useAction();
  const loading = timeline.isFetchingNextPage || timeline.isPlaceholderData;

  function apply(f: Filters) {
    // the same filters again read the timeline again
    if (search(f) === search(applied)) void timeline.refetch();
    else setApplied(f);
  }

  async function exportCsv() {
    const all = await exporter.run('Exporting…', async () => {
      const out: AuditEntry[] = [];
      let next: string | null = null;
      do {
        const page: AuditEntries = await api.get<AuditEntries>(`/api/audit?${search(filters, 500)}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
        out.push(...page.items);
        next = page.nextCursor ?? null;
      } while (next && out.length < 50_000);
      return out;
    }, (r) => `Exported ${r.length} entries.`);
    if (all) download(`mosaic-audit-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(all), 'text/csv');
  }

  const fieldErrors = readFieldErrors(timeline);
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
      <form className="card filters" aria-label="Filter the timeline" onSubmit={(e: FormEvent) => { e.preventDefault(); apply(filters); }}>
        <SelectField label="Entity type" name="entityType" value={filters.entityType} onChange={(x) => setFilters({ ...filters, entityType: x, entityId: '' })}
          options={[{ value: '', label: 'Any' }, { value: 'agent', label: 'Agent' }, { value: 'provider', label: 'Provider' },
            { value: 'breakglass-user', label: 'Breakglass user' }, { value: 'installation', label: 'Installation' },
            { value: 'token', label: 'API token' }]} />
        <SelectField label="Entity" name="entityId" value={filters.entityId} onChange={(x) => setFilters({ ...filters, entityId: x })}
          options={[{ value: '', label: 'Any' }, ...entityOptions]} />
        <TextField label="Actor" name="actor" value={filters.actor} onChange={(x) => setFilters({ ...filters, actor: x })} placeholder="user name or id" error={fieldErrors.actor} />
        <TextField label="From" name="from" type="datetime-local" value={filters.from} onChange={(x) => setFilters({ ...filters, from: x })} error={fieldErrors.from} />
        <TextField label="To" name="to" type="datetime-local" value={filters.to} onChange={(x) => setFilters({ ...filters, to: x })} error={fieldErrors.to} />
        <div className="actions">
          <button type="submit" className="primary">Apply filters</button>
          <button type="button" onClick={() => { setFilters(NO_FILTERS); apply(NO_FILTERS); }}>Clear</button>
        </div>
      </form>
      <QueryStatus query={timeline} loading="Loading the timeline…" busy={loading} />
      {entries.length === 0 && !timeline.isFetching && !timeline.isError && <p>No entries match.</p>}
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
              <EntryHistory seq={e.seq} admin={admin} />
            </details>
          </li>
        ))}
      </ol>
      {timeline.hasNextPage && <button type="button" onClick={() => void timeline.fetchNextPage()} disabled={loading}>Load older entries</button>}
    </section>
  );
}
