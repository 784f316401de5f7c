// One change request: what it does (in words, and the preview of which agents' configs it moves), whether what it
// touches changed since it was proposed, who approved it, and Approve / Reject / Apply / Cancel as allowed.

import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ApiError, type AppliedChangeRequest, type ChangeRequest, type ChangeRequestDetail } from '../api';
import { ConfirmButton, OneTimeSecret, QueryStatus, Status, TextAreaField, useAction } from '../components/ui';
import { PreviewPanel } from '../history/Preview';
import { changes, keys, queries } from '../queries';
import { fullTime } from '../chat/when';
import { useMe } from '../session';
import { Approvals, StateBadge } from './ChangeRequestsPage';
import { allowed, operationLine } from './words';

/** Said when what the request touches changed after it was proposed: applying it is refused, propose it again. */
function StaleWarning({ detail }: { detail: ChangeRequestDetail }) {
  const changed = detail.touched.filter((t) => t.stale);
  return (
    <div className="notice notice-warning" role="alert" data-testid="cr-stale">
      <strong>Changed since it was proposed:</strong>{' '}
      {changed.length ? changed.map((t) => `${t.entityType} ${t.name}`).join(', ') : 'something it touches'}.
      {' '}Applying it would overwrite that change, so Mosaic refuses to apply it: cancel it and propose the change again.
    </div>
  );
}

/** The answer of the applied operation: a created agent's token (once, with copy), the rollout it started. */
function AppliedResult({ applied }: { applied: AppliedChangeRequest }) {
  const result = applied.result as { token?: unknown; name?: unknown } | null;
  const token = result && typeof result.token === 'string' ? result.token : null;
  if (!token && !applied.rolloutId) return null;
  return (
    <div className="card" role="region" aria-label="Applied">
      <h2>Applied</h2>
      {token && <OneTimeSecret label={`Token of agent ${typeof result?.name === 'string' ? result.name : ''}`} value={token} />}
      {applied.rolloutId && <p>The change goes out as a staged rollout: <Link to={`/rollouts/${applied.rolloutId}`}>follow the rollout</Link>.</p>}
    </div>
  );
}

function Decisions({ request, admin }: { request: ChangeRequest; admin: boolean }) {
  const client = useQueryClient();
  const me = useMe();
  const may = allowed(request, me, admin);
  const [comment, setComment] = useState('');
  const [applied, setApplied] = useState<AppliedChangeRequest | null>(null);
  const decide = useAction({ invalidates: changes.changeRequest });
  // applying runs the operation: whatever it changes is read again
  const applying = useAction({ invalidates: [...changes.anything, ...changes.changeRequest] });
  const action = applying.state.kind === 'idle' ? decide : applying;
  const path = `/api/change-requests/${encodeURIComponent(request.id)}`;

  async function send(verb: 'approve' | 'reject' | 'cancel', busy: string, ok: string) {
    applying.setState({ kind: 'idle' });
    const body = verb === 'cancel' ? undefined : { comment: comment.trim() || null };
    const r = await decide.run(busy, () => api.post<ChangeRequest>(`${path}/${verb}`, body), ok);
    if (r) setComment('');
  }

  async function reject() {
    if (!comment.trim()) {
      decide.setFieldErrors({ comment: 'say why the change is rejected' });
      decide.setState({ kind: 'error', message: 'A rejection needs a comment: say why.' });
      return;
    }
    await send('reject', 'Rejecting…', 'Rejected.');
  }

  async function apply() {
    decide.setState({ kind: 'idle' });
    const r = await applying.run('Applying…', () => api.post<AppliedChangeRequest>(`${path}/apply`), 'Applied.');
    if (r) setApplied(r);
    else void client.invalidateQueries({ queryKey: keys.changeRequest(request.id) });
  }

  const staleProblem = applying.state.kind === 'error' && applying.state.error instanceof ApiError ? applying.state.error.problem.stale : null;
  const comments = may.approve || may.reject;
  if (!comments && !may.apply && !may.cancel && !applied && action.state.kind === 'idle') {
    if (may.author && request.state === 'open') return <p className="muted" data-testid="cr-own">You proposed this change: another admin must approve it.</p>;
    return null;
  }
  return (
    <div className="card" role="region" aria-label="Decide">
      {may.author && request.state === 'open' && <p className="muted" data-testid="cr-own">You proposed this change: another admin must approve it.</p>}
      {comments && (
        <TextAreaField label="Comment" name="comment" rows={3} value={comment} onChange={setComment}
          error={decide.fieldErrors.comment}
          hint="Optional when approving; a rejection must say why. Shown with the request and in the audit." />
      )}
      <div className="actions">
        {may.approve && <button type="button" className="primary" disabled={action.busy} onClick={() => void send('approve', 'Approving…', 'Approved.')}>Approve</button>}
        {may.reject && <button type="button" className="danger" disabled={action.busy} onClick={() => void reject()}>Reject</button>}
        {may.apply && <button type="button" className="primary" disabled={action.busy} onClick={() => void apply()}>Apply</button>}
        {may.cancel && (
          <ConfirmButton label="Cancel request" title="Cancel this change request?" confirmLabel="Cancel request" disabled={action.busy}
            message={<p>“{request.title}” will not be applied. This is kept in the audit.</p>}
            onConfirm={() => void send('cancel', 'Cancelling…', 'Cancelled.')} />
        )}
      </div>
      <Status state={action.state} />
      {staleProblem != null && <p className="muted">Cancel this request and propose the change again from the current settings.</p>}
      {applied && <AppliedResult applied={applied} />}
    </div>
  );
}

export function ChangeRequestPage({ id, admin }: { id: string; admin: boolean }) {
  const read = useQuery(queries.changeRequest(id));
  const r = read.data;
  return (
    <section aria-labelledby="cr-detail-heading">
      <p><Link to="/change-requests">← Change requests</Link></p>
      <h1 id="cr-detail-heading">{r ? r.title : 'Change request'}</h1>
      <QueryStatus query={read} loading="Loading the change request…" />
      {r && (
        <>
          <dl className="facts">
            <dt>State</dt><dd><StateBadge state={r.state} /></dd>
            <dt>Proposed by</dt><dd><strong data-testid="cr-author">{r.author.name}</strong>, <time dateTime={r.createdAt}>{fullTime(r.createdAt)}</time></dd>
            <dt>Approvals</dt><dd data-testid="cr-approvals"><Approvals request={r} /></dd>
            {r.decidedBy && r.state !== 'approved' && r.state !== 'open' && (
              <><dt>{r.state === 'applied' ? 'Applied by' : r.state === 'rejected' ? 'Rejected by' : 'Cancelled by'}</dt>
                <dd><strong>{r.decidedBy.name}</strong>{r.decidedAt && <>, <time dateTime={r.decidedAt}>{fullTime(r.decidedAt)}</time></>}
                  {r.decisionComment && <>: “{r.decisionComment}”</>}</dd></>
            )}
            <dt>Request</dt><dd><code className="wrap">{operationLine(r)}</code></dd>
          </dl>
          {r.operation.body && (
            <details className="cr-body">
              <summary>What was sent (secrets masked)</summary>
              <pre className="wrap">{pretty(r.operation.body)}</pre>
            </details>
          )}
          {r.stale && <StaleWarning detail={r} />}
          {r.pending && r.preview && <PreviewPanel result={r.preview} title="What applying it would change now" />}
          {r.pending && !r.preview && !r.stale && <p className="notice" role="note">This change no longer applies to the current settings.</p>}
          <Decisions request={r} admin={admin} />
        </>
      )}
    </section>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
