import { useEffect, useState } from 'react';
import { Status, useAction } from '../components/ui';
import { ChangeTable } from './Diff';
import type { AgentPreview, DryRunResult, RevertResult } from './historyApi';

export function AgentChanges({ agents }: { agents: AgentPreview[] }) {
  const moving = agents.filter((a) => a.versionWouldMove);
  return (
    <>
      <p data-testid="preview-agents">
        {moving.length === 0 ? 'No agent gets a new config version.'
          : `${moving.length} agent${moving.length > 1 ? 's get' : ' gets'} a new config version: ${moving.map((a) => a.name).join(', ')}.`}
      </p>
      {agents.map((a) => (
        <details key={a.name} className="preview-agent" open={agents.length <= 3}>
          <summary>
            <strong>{a.name}</strong>{' '}
            {a.versionWouldMove
              ? <span className="badge badge-warn">new version{a.currentVersion != null ? ` after v${a.currentVersion}` : ''}</span>
              : <span className="badge badge-muted">unchanged</span>}
          </summary>
          <ChangeTable changes={a.changes} caption={`Config changes of ${a.name}`} />
        </details>
      ))}
    </>
  );
}

/** What a write or a revert would do, as its dry run answered; nothing has been stored. */
export function PreviewPanel({ result, title = 'Preview' }: { result: DryRunResult | RevertResult; title?: string }) {
  const lines = 'events' in result
    ? result.events.map((e) => e.summary)
    : result.commands.map((c) => c.summary);
  return (
    <div className="card preview" role="region" aria-label={title}>
      <h3>{title} <span className="muted">(nothing saved yet)</span></h3>
      {lines.length === 0 ? <p>Nothing would change.</p> : (
        <ul aria-label={'events' in result ? 'Changes' : 'Commands'}>{lines.map((l, i) => <li key={i}>{l}</li>)}</ul>
      )}
      <AgentChanges agents={result.agents} />
    </div>
  );
}

/** Runs a dry run when shown (e.g. inside a confirmation dialog) and shows its preview. */
export function LivePreview({ run }: { run: () => Promise<DryRunResult | RevertResult> }) {
  const [result, setResult] = useState<DryRunResult | RevertResult | null>(null);
  const action = useAction();
  useEffect(() => {
    void action.run('Previewing…', run).then((r) => r && setResult(r));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <Status state={action.state.kind === 'ok' ? { kind: 'idle' } : action.state} />
      {result && <PreviewPanel result={result} />}
    </>
  );
}

/** A "Preview" button for a form: asks the same write as a dry run and shows what it would do. */
export function usePreview() {
  const [result, setResult] = useState<DryRunResult | null>(null);
  const action = useAction();
  async function preview(run: () => Promise<DryRunResult>) {
    setResult(null);
    const r = await action.run('Previewing…', run);
    if (r) setResult(r);
  }
  const panel = (
    <>
      {action.state.kind !== 'ok' && <Status state={action.state} />}
      {result && <PreviewPanel result={result} />}
    </>
  );
  return { preview, clear: () => { setResult(null); action.setState({ kind: 'idle' }); }, panel, busy: action.busy, fieldErrors: action.fieldErrors };
}
