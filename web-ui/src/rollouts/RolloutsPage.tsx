// The Rollouts page: the running rollout live, the policy in one line, and the past rollouts with their outcome;
// and one rollout by its id.

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Rollout } from '../api';
import { QueryStatus } from '../components/ui';
import { IDLE_MS, LIVE_MS, isRunning, queries } from '../queries';
import { Outcome, RolloutBadge, RolloutCard } from './Rollout';
import { VERIFY, when } from './words';

/** The policy in one sentence, with the way to change it. */
function PolicyLine({ admin }: { admin: boolean }) {
  const read = useQuery(queries.rolloutPolicy());
  const policy = read.data?.policy;
  if (!policy) return null;
  return (
    <p className="muted" data-testid="policy-line">
      {policy.enabled
        ? <>Staged rollout is <strong>on</strong>: waves of {policy.waves.join(', ')} %, verification “{VERIFY[policy.verify].label.toLowerCase()}” and baked {policy.bakeSeconds} s. </>
        : <>Staged rollout is <strong>off</strong>: every change reaches every agent at once. </>}
      <Link to="/settings/rollout">{admin ? 'Change the rollout policy' : 'See the rollout policy'}</Link>
    </p>
  );
}

function PastRollouts({ rollouts }: { rollouts: Rollout[] }) {
  if (rollouts.length === 0) return <p>No rollouts yet.</p>;
  return (
    <table className="table" aria-label="Past rollouts">
      <thead><tr><th scope="col">Started</th><th scope="col">Change</th><th scope="col">Outcome</th><th scope="col">Why</th></tr></thead>
      <tbody>
        {rollouts.map((r) => (
          <tr key={r.id}>
            <td data-label="Started"><Link to={`/rollouts/${r.id}`}>{when(r.startedAt)}</Link></td>
            <td data-label="Change">{r.cause.summary} <span className="muted">by {r.cause.actorName} (#{r.cause.seq})</span></td>
            <td data-label="Outcome"><RolloutBadge rollout={r} /></td>
            <td data-label="Why" className="wrap"><Outcome rollout={r} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RolloutsPage({ admin }: { admin: boolean }) {
  // only the newest rollout can be running; the list is read again often while it runs
  const list = useInfiniteQuery({
    ...queries.rollouts(),
    refetchInterval: (q) => (isRunning(q.state.data?.pages[0]?.items[0]) ? LIVE_MS : IDLE_MS),
  });
  const all = list.data?.pages.flatMap((p) => p.items) ?? null;
  const running = all?.find(isRunning) ?? null;
  const past = all?.filter((r) => r !== running) ?? [];
  return (
    <section aria-labelledby="rollouts-heading">
      <div className="page-head">
        <h1 id="rollouts-heading">Rollouts</h1>
      </div>
      <PolicyLine admin={admin} />
      <QueryStatus query={list} loading="Loading rollouts…" />
      {all && (running
        ? <RolloutCard rollout={running} admin={admin} title="Running now" />
        : <p className="card" data-testid="no-rollout">No rollout is running.</p>)}
      {all && (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">Past rollouts</h2>
          <PastRollouts rollouts={past} />
          {list.hasNextPage && (
            <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? 'Loading…' : 'Show older rollouts'}
            </button>
          )}
        </section>
      )}
    </section>
  );
}

export function RolloutDetail({ id, admin }: { id: string; admin: boolean }) {
  const read = useQuery({ ...queries.rollout(id), refetchInterval: (q) => (isRunning(q.state.data) ? LIVE_MS : false) });
  const rollout = read.data;
  return (
    <section aria-labelledby="rollout-heading">
      <p><Link to="/rollouts">← Rollouts</Link></p>
      <h1 id="rollout-heading">Rollout <span className="muted mono">{id.slice(0, 8)}</span></h1>
      <QueryStatus query={read} loading="Loading the rollout…" />
      {rollout && <RolloutCard rollout={rollout} admin={admin} title={isRunning(rollout) ? 'Running now' : 'Finished'} />}
    </section>
  );
}
