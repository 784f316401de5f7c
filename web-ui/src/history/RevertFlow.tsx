import { useState } from 'react';
import { Status, TextField, useAction } from '../components/ui';
import { changes } from '../queries';
import { history, type RevertRequest, type RevertResult } from './historyApi';
import { PreviewPanel } from './Preview';

/**
 * "Revert …": first the dry run's preview (what commands, which agents get a new version, their diff), then
 * Apply with an optional reason, or Cancel.
 */
export function RevertFlow({ label, seq, scope, onApplied }: {
  label: string;
  seq: number;
  scope?: RevertRequest['scope'];
  onApplied?: (result: RevertResult) => void;
}) {
  const [plan, setPlan] = useState<RevertResult | null>(null);
  const [reason, setReason] = useState('');
  const previewing = useAction();
  // a revert may change any entity: everything read is read again
  const reverting = useAction({ invalidates: changes.anything });
  const action = reverting.state.kind === 'idle' ? previewing : reverting;

  async function preview() {
    setPlan(null);
    reverting.setState({ kind: 'idle' });
    const r = await previewing.run('Previewing the revert…', () => history.revert({ seq, scope, dryRun: true }));
    if (r) setPlan(r);
  }

  async function apply() {
    previewing.setState({ kind: 'idle' });
    const r = await reverting.run('Reverting…', () => history.revert({ seq, scope, reason: reason.trim() || undefined }),
      (x) => `Reverted: ${x.commands.length} change${x.commands.length === 1 ? '' : 's'} applied.`);
    if (r) {
      setPlan(null);
      setReason('');
      onApplied?.(r);
    }
  }

  return (
    <div className="revert">
      {!plan && <button type="button" onClick={() => void preview()} disabled={action.busy}>{label}</button>}
      {plan && (
        <div className="revert-plan">
          <PreviewPanel result={plan} title={`Preview: ${label}`} />
          {plan.commands.length > 0 && (
            <TextField label="Reason (optional)" name="revertReason" value={reason} onChange={setReason} maxLength={500}
              error={action.fieldErrors.reason} hint="Shown in the audit timeline with the revert." />
          )}
          <div className="actions">
            <button type="button" onClick={() => { setPlan(null); previewing.setState({ kind: 'idle' }); reverting.setState({ kind: 'idle' }); }}>Cancel</button>
            {plan.commands.length > 0 && <button type="button" className="primary" onClick={() => void apply()} disabled={action.busy}>Apply revert</button>}
          </div>
        </div>
      )}
      <Status state={action.state} />
    </div>
  );
}
