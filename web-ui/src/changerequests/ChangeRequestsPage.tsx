// Change requests (four-eyes): the ones still waiting first (open, approved), then the decided ones; each with its
// title in words, author, when, approvals and state.

import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ChangeRequest } from '../api';
import { QueryStatus, useFourEyes } from '../components/ui';
import { IDLE_MS, queries } from '../queries';
import { ago, fullTime } from '../chat/when';
import { approvalsWords } from '../settings/ChangePolicyPage';
import { STATE, approvalCount } from './words';

export function StateBadge({ state }: { state: ChangeRequest['state'] }) {
  return <span className={`badge ${STATE[state].badge}`} data-testid="cr-state">{STATE[state].label}</span>;
}

/** Who approved, with their comments. */
export function Approvals({ request }: { request: ChangeRequest }) {
  if (request.approvals.length === 0) return <span className="muted">no approvals yet ({approvalCount(request)})</span>;
  return (
    <span>
      {approvalCount(request)}:{' '}
      {request.approvals.map((a, i) => (
        <span key={a.by.id + a.at}>{i > 0 && '; '}<strong>{a.by.name}</strong>{a.comment ? ` (“${a.comment}”)` : ''}</span>
      ))}
    </span>
  );
}

function RequestList({ items, label }: { items: ChangeRequest[]; label: string }) {
  return (
    <ul className="cr-list" aria-label={label}>
      {items.map((r) => (
        <li key={r.id} className="card cr-item" data-testid="cr-item">
          <div className="cr-head">
            <Link to={`/change-requests/${r.id}`} className="cr-title">{r.title}</Link>
            <StateBadge state={r.state} />
          </div>
          <div className="muted">
            Proposed by <strong>{r.author.name}</strong> <time dateTime={r.createdAt} title={fullTime(r.createdAt)}>{ago(r.createdAt)}</time>
            {r.decidedBy && r.state !== 'approved' && <> · {r.state} by <strong>{r.decidedBy.name}</strong>{r.decidedAt ? ` ${ago(r.decidedAt)}` : ''}</>}
          </div>
          <div><Approvals request={r} /></div>
          {r.decisionComment && <div className="muted">“{r.decisionComment}”</div>}
        </li>
      ))}
    </ul>
  );
}

export function ChangeRequestsPage({ admin }: { admin: boolean }) {
  const pending = useQuery({ ...queries.changeRequests('pending'), refetchInterval: IDLE_MS });
  const decided = useQuery(queries.changeRequests('decided'));
  const { approvalsRequired } = useFourEyes();
  return (
    <section aria-labelledby="cr-heading">
      <div className="page-head">
        <h1 id="cr-heading">Change requests</h1>
        <Link to="/settings/change-policy">{admin ? 'Change policy →' : 'See the change policy →'}</Link>
      </div>
      <p>
        Four-eyes is <strong>{approvalsWords(approvalsRequired)}</strong>. A proposed change is applied only after
        other admins approved it; the author cannot approve their own change.
      </p>
      <QueryStatus query={[pending, decided]} loading="Loading the change requests…" />
      <h2>Waiting</h2>
      {pending.data && (pending.data.length === 0
        ? <p>No change is waiting for approval.</p>
        : <RequestList items={pending.data} label="Waiting change requests" />)}
      <h2>Decided</h2>
      {decided.data && (decided.data.length === 0
        ? <p>None yet.</p>
        : <RequestList items={decided.data} label="Decided change requests" />)}
    </section>
  );
}
