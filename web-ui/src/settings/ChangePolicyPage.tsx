// Settings → Change policy: four-eyes on or off (how many other admins approve a change before it is applied).
// Raising it is saved at once; lowering it while it is on is itself a change that must be approved (api.ts
// proposes it).

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type SavedChangePolicy } from '../api';
import { QueryStatus, StaleNotice, Status, useAction } from '../components/ui';
import { changes, queries } from '../queries';

const CHOICES = [
  { value: 0, label: 'Off', explain: 'An admin’s change is applied at once.' },
  { value: 1, label: '1 approval', explain: 'Another admin must approve each change before it is applied.' },
  { value: 2, label: '2 approvals', explain: 'Two other admins must approve each change before it is applied.' },
];

export function approvalsWords(n: number): string {
  return n === 0 ? 'off' : `on: ${n} approval${n === 1 ? '' : 's'} by other admins`;
}

export function ChangePolicyPage({ admin }: { admin: boolean }) {
  const read = useQuery(queries.changePolicy());
  const [chosen, setChosen] = useState<number | null>(null);
  const action = useAction({ invalidates: changes.changePolicy });
  const data = read.data;
  const current = data?.policy.approvalsRequired ?? 0;
  const value = chosen ?? current;
  // lowering while four-eyes is on needs approval itself: the form says so and proposes it
  const proposing = current > 0 && value < current;

  async function save(e: FormEvent) {
    e.preventDefault();
    const saved = await action.run(proposing ? 'Proposing…' : 'Saving the change policy…',
      () => api.put<SavedChangePolicy>('/api/settings/change-policy', { approvalsRequired: value },
        data?.version == null ? {} : { ifMatch: data.version }),
      (r) => `Saved. Four-eyes is ${approvalsWords(r.approvalsRequired)}.`);
    if (saved) setChosen(null);
  }

  return (
    <section aria-labelledby="change-policy-heading">
      <div className="page-head">
        <h1 id="change-policy-heading">Change policy</h1>
        <Link to="/change-requests">Change requests →</Link>
      </div>
      <p>
        With four-eyes on, every change to providers, agents, sign-in, rollout settings and reverts must be approved
        by another admin before it is applied. The author of a change never counts as one of its approvers.
      </p>
      {!admin && <p className="notice" role="note">Read-only: your role can view the change policy but not change it.</p>}
      {!data && <QueryStatus query={read} loading="Loading the change policy…" />}
      {action.stale && <StaleNotice onReload={() => { setChosen(null); action.setState({ kind: 'idle' }); void read.refetch(); }} />}
      {data && (
        <form className="card form" aria-label="Change policy" noValidate onSubmit={save}>
          <p data-testid="change-policy-now">Four-eyes is now <strong>{approvalsWords(current)}</strong>.</p>
          <fieldset className="plain fields" disabled={!admin}>
            <legend>Approvals each change needs</legend>
            {CHOICES.map((c) => (
              <div className="field" key={c.value}>
                <label className="check">
                  <input type="radio" name="approvalsRequired" value={c.value} checked={value === c.value}
                    onChange={() => setChosen(c.value)} aria-describedby={`approvals-${c.value}-hint`} />
                  {c.label}
                </label>
                <div className="hint" id={`approvals-${c.value}-hint`}>{c.explain}</div>
              </div>
            ))}
            {action.fieldErrors.approvalsRequired && <div className="error" role="alert">{action.fieldErrors.approvalsRequired}</div>}
          </fieldset>
          {proposing && (
            <p className="notice" role="note">
              Lowering the policy while four-eyes is on is itself a change: it is proposed, and applied once
              {current === 1 ? ' another admin approves' : ` ${current} other admins approve`} it.
            </p>
          )}
          {admin && (
            <div className="actions">
              <button type="submit" className="primary" disabled={action.busy || value === current}>{proposing ? 'Propose' : 'Save'}</button>
            </div>
          )}
          <Status state={action.state} />
        </form>
      )}
      <p className="muted">
        A lone admin (or everyone locked out) can switch four-eyes off on the server:{' '}
        <code>java -jar mosaic.jar change-policy --approvals 0</code> (audited).
      </p>
    </section>
  );
}
