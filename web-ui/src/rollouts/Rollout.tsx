// One rollout as operators follow it: what started it, its waves with each agent's state and reason, how it
// ended, and (for admins, while it runs) Pause / Resume / Promote / Abort.

import { useId } from 'react';
import { Link } from 'react-router';
import { api, type Rollout, type RolloutWave } from '../api';
import { ConfirmButton, Status, useAction } from '../components/ui';
import { changes, isRunning } from '../queries';
import { VERIFY, agentState, duration, rolloutState, useNow, waveState, when } from './words';

function Badge({ label, tone, title }: { label: string; tone: string; title?: string }) {
  return <span className={`badge badge-${tone}`} title={title}>{label}</span>;
}

export function RolloutBadge({ rollout }: { rollout: Rollout }) {
  return <Badge {...rolloutState(rollout)} />;
}

/** Why it ended as it did: the failing agent and its reason, and the revert that undid the change. */
export function Outcome({ rollout }: { rollout: Rollout }) {
  const { failure, revertSeq } = rollout;
  if (!failure) return rollout.state === 'succeeded' ? <>Every agent got the change.</> : null;
  const who = failure.agent ? <><strong>{failure.agent}</strong>: </> : null;
  return (
    <>
      {who}{failure.reason}
      {revertSeq !== null ? <> — undone by change #{revertSeq}</> : rollout.finishedAt === null ? <> — reverting…</> : null}
    </>
  );
}

/** How long a wave has taken so far, or took. */
function waveTime(w: RolloutWave, now: number): string {
  if (!w.startedAt) return 'not started';
  const start = Date.parse(w.startedAt);
  if (w.finishedAt) return `took ${duration(Date.parse(w.finishedAt) - start)}`;
  if (w.state === 'baking') return `every agent passed; baking, ${duration(now - start)} since the wave started`;
  return `started ${duration(now - start)} ago`;
}

function Wave({ wave, index, now }: { wave: RolloutWave; index: number; now: number }) {
  const headingId = useId();
  const state = waveState(wave);
  return (
    <li className="wave" aria-labelledby={headingId}>
      <div className="wave-head">
        <h3 id={headingId}>Wave {index + 1} <span className="muted">· up to {wave.percent} %</span></h3>
        <Badge {...state} />
        <span className="muted" data-testid="wave-time">{waveTime(wave, now)}</span>
      </div>
      <table className="table" aria-label={`Agents of wave ${index + 1}`}>
        <thead><tr><th scope="col">Agent</th><th scope="col">Version</th><th scope="col">State</th><th scope="col">Reason</th></tr></thead>
        <tbody>
          {wave.agents.map((a) => (
            <tr key={a.name}>
              <td data-label="Agent"><Link to={`/settings/agents/${a.name}`}>{a.name}</Link></td>
              <td data-label="Version">v{a.fromVersion} → v{a.toVersion}</td>
              <td data-label="State"><Badge {...agentState(a)} /></td>
              <td data-label="Reason" className="wrap">{a.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

/** Pause / Resume / Promote / Abort: only those the rollout's state allows. */
function Controls({ rollout }: { rollout: Rollout }) {
  const action = useAction({ invalidates: changes.rollout });
  const path = `/api/rollouts/${encodeURIComponent(rollout.id)}`;
  const send = (verb: string, busy: string, ok: string) => void action.run(busy, () => api.post(`${path}/${verb}`).then(() => true), ok);
  const rolling = rollout.state === 'rolling';
  const paused = rollout.state === 'paused';
  return (
    <div className="rollout-controls">
      <div className="actions">
        {rolling && <button type="button" disabled={action.busy} onClick={() => send('pause', 'Pausing…', 'Paused: no further wave starts until you resume.')}>Pause</button>}
        {paused && <button type="button" className="primary" disabled={action.busy} onClick={() => send('resume', 'Resuming…', 'Resumed.')}>Resume</button>}
        <button type="button" disabled={action.busy} onClick={() => send('promote', 'Promoting…', 'Promoted: every remaining agent gets the change now, still checked.')}>Promote</button>
        <ConfirmButton danger label="Abort" title="Abort this rollout?" confirmLabel="Abort and roll back" disabled={action.busy}
          message={<p>The change is reverted now: the agents that got it go back to the config they had before, and the agents
            not reached yet never see it. The revert is a new change in the audit trail.</p>}
          onConfirm={() => send('abort', 'Aborting…', 'Aborted: the change is being rolled back.')} />
      </div>
      <p className="hint">
        {rolling ? 'Pause: no further wave starts. ' : 'Resume: the next wave starts once this one is healthy. '}
        Promote: every remaining agent gets the change now, still checked. Abort: roll the change back now.
      </p>
      <Status state={action.state} />
    </div>
  );
}

/** A rollout, live while it runs (its reader polls). `title` is its heading (level 2). */
export function RolloutCard({ rollout, admin, title }: { rollout: Rollout; admin: boolean; title: string }) {
  const headingId = useId();
  const running = isRunning(rollout);
  const now = useNow(running);
  const started = Date.parse(rollout.startedAt);
  const took = rollout.finishedAt ? `took ${duration(Date.parse(rollout.finishedAt) - started)}` : `running for ${duration(now - started)}`;
  const steerable = running && !rollout.failure;
  return (
    <article className="card rollout" aria-labelledby={headingId} data-testid="rollout">
      <div className="page-head">
        <h2 id={headingId}>{title}</h2>
        <RolloutBadge rollout={rollout} />
      </div>
      <p className="rollout-cause">
        <strong>{rollout.cause.summary}</strong>
        <br /><span className="muted">by {rollout.cause.actorName} · change #{rollout.cause.seq} · started {when(rollout.startedAt)} · {took}</span>
      </p>
      <p className="muted">Verification: <strong>{VERIFY[rollout.verify]?.label ?? rollout.verify}</strong> — {VERIFY[rollout.verify]?.short}.</p>
      {rollout.failure && (
        <div className="notice notice-warning" role="status" data-testid="rollout-failure">
          <strong>{rollout.state === 'aborted' ? 'Aborted' : 'Rolled back'}:</strong> <Outcome rollout={rollout} />
        </div>
      )}
      {rollout.state === 'succeeded' && <p className="status status-ok">Every agent got the change and passed its checks.</p>}
      {steerable && admin && <Controls rollout={rollout} />}
      {steerable && !admin && <p className="notice" role="note">Read-only: your role can follow rollouts but not steer them.</p>}
      <ol className="waves" aria-label="Waves">
        {rollout.waves.map((w, i) => <Wave key={i} wave={w} index={i} now={now} />)}
      </ol>
    </article>
  );
}
