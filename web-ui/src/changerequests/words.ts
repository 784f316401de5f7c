// Change requests in words: their state, their approvals, their operation.

import type { ChangeRequest, ChangeRequestState, Me } from '../api';

export const STATE: Record<ChangeRequestState, { label: string; badge: string }> = {
  open: { label: 'waiting for approval', badge: 'badge-warn' },
  approved: { label: 'approved, ready to apply', badge: 'badge-ok' },
  applied: { label: 'applied', badge: 'badge-ok' },
  rejected: { label: 'rejected', badge: 'badge-error' },
  cancelled: { label: 'cancelled', badge: 'badge-muted' },
};

/** "1 of 2 approvals". */
export function approvalCount(r: ChangeRequest): string {
  return `${r.approvals.length} of ${r.approvalsRequired} approval${r.approvalsRequired === 1 ? '' : 's'}`;
}

/** The operation as sent: "PUT /api/agents/support/model". */
export function operationLine(r: ChangeRequest): string {
  const { method, path, query } = r.operation;
  return `${method} ${path}${query ? `?${query}` : ''}`;
}

/**
 * Whether the signed-in person is this person of a request: the server names a breakglass admin by username and
 * an SSO admin by display name (it alone enforces who may decide; this only hides buttons that would be refused).
 */
export function isMe(me: Me | null, person: { name: string } | null): boolean {
  if (!me || !person) return false;
  return person.name === (me.authMethod === 'oidc' ? me.displayName : me.username);
}

/** What the signed-in person may do with a request now. */
export function allowed(r: ChangeRequest, me: Me | null, admin: boolean) {
  const author = isMe(me, r.author);
  const approvedByMe = r.approvals.some((a) => isMe(me, a.by));
  return {
    approve: admin && r.state === 'open' && !author && !approvedByMe,
    reject: admin && (r.state === 'open' || r.state === 'approved') && !author,
    apply: admin && r.state === 'approved',
    cancel: admin && (r.state === 'open' || r.state === 'approved'),
    author,
  };
}
