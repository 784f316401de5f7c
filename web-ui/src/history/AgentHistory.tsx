import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { QueryStatus, Status } from '../components/ui';
import { queries } from '../queries';
import { ChangeTable, SecretsSummary, TextDiff } from './Diff';
import { lastCause, type ConfigDiff } from './historyApi';
import { RevertFlow } from './RevertFlow';

interface Comparison {
  diff: ConfigDiff;
  fromDoc: unknown;
  toDoc: unknown;
}

function CompareView({ agent, comparison }: { agent: string; comparison: Comparison }) {
  const { diff } = comparison;
  return (
    <div className="card compare" role="region" aria-label={`Changes from v${diff.from} to v${diff.to}`}>
      <h3>Changes of {agent} from v{diff.from} to v{diff.to}</h3>
      <ChangeTable changes={diff.changes} caption="openclaw.json" />
      <SecretsSummary from={comparison.fromDoc} to={comparison.toDoc} />
      <h4>SOUL.md</h4>
      {diff.soulDiff ? <TextDiff label="SOUL.md diff" lines={diff.soulDiff.replace(/\n$/, '').split('\n')} /> : <p className="muted">SOUL.md unchanged.</p>}
    </div>
  );
}

/** The agent's config versions, newest first, with the audit entries that caused each; compare any two; revert (admins). */
export function AgentHistory({ agent, admin, onReverted }: { agent: string; admin: boolean; onReverted?: () => void }) {
  const read = useInfiniteQuery(queries.agentVersions(agent));
  const versions = read.data?.pages.flatMap((p) => p.items) ?? [];
  const [picked, setPicked] = useState<number[]>([]);
  // the two versions compared, once "Compare" is pressed
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const compare = useQuery({ ...queries.agentDiff(agent, pair?.[0] ?? 0, pair?.[1] ?? 0), enabled: pair !== null });
  const comparison = pair ? compare.data : undefined;

  function toggle(v: number) {
    setPair(null);
    setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p, v].slice(-2)));
  }

  function showDiff() {
    const [from, to] = [...picked].sort((a, b) => a - b);
    setPair([from, to]);
  }

  const newest = versions[0]?.version;
  return (
    <div className="card history" role="region" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <p className="muted">Every config version this agent was served, newest first, with the changes that caused it. Tick two to compare them.</p>
      <div className="actions">
        <button type="button" className="primary" disabled={picked.length !== 2 || (pair !== null && compare.isFetching)} onClick={showDiff}>
          {picked.length === 2 ? `Compare v${Math.min(...picked)} and v${Math.max(...picked)}` : 'Compare two versions'}
        </button>
      </div>
      {notice && <Status state={{ kind: 'ok', message: notice }} />}
      {pair && <QueryStatus query={compare} loading="Comparing…" />}
      {comparison && <CompareView agent={agent} comparison={comparison} />}
      <ol className="versions" aria-label="Config versions">
        {versions.map((v) => {
          const seq = lastCause(v);
          return (
            <li key={v.version} className="version">
              <div className="version-head">
                <label className="check">
                  <input type="checkbox" checked={picked.includes(v.version)} onChange={() => toggle(v.version)} />
                  {' '}<strong>v{v.version}</strong>
                </label>
                {v.version === newest && <span className="badge badge-ok">current</span>}
                <time className="muted" dateTime={v.renderedAt}>{new Date(v.renderedAt).toLocaleString()}</time>
              </div>
              {v.causes.length > 0 ? (
                <ul className="causes" aria-label={`Causes of v${v.version}`}>
                  {v.causes.map((c) => (
                    <li key={c.seq}><span className="muted">#{c.seq} · {c.eventType} · {c.actorName}</span> — {c.summary}</li>
                  ))}
                </ul>
              ) : <p className="muted">No recorded cause.</p>}
              {admin && v.version !== newest && seq !== null && (
                <RevertFlow key={`${v.version}-${newest}`} label={`Revert this agent to v${v.version}`} seq={seq}
                  scope={{ entityType: 'agent', entityId: agent }}
                  onApplied={(r) => {
                    setNotice(`Reverted ${agent} to v${v.version}: ${r.commands.map((c) => c.summary).join('; ') || 'nothing to change'}.`);
                    onReverted?.();
                  }} />
              )}
            </li>
          );
        })}
      </ol>
      <QueryStatus query={read} loading="Loading versions…" busy={read.isFetchingNextPage} />
      {read.hasNextPage && <button type="button" onClick={() => void read.fetchNextPage()} disabled={read.isFetchingNextPage}>Load older versions</button>}
    </div>
  );
}
