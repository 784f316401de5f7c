import type { AgentStatus } from '../api';

export function statusLabel(s: AgentStatus): { label: string; tone: 'ok' | 'warn' | 'muted' } {
  if (s.appliedVersion == null) return { label: 'never connected', tone: 'muted' };
  if (s.targetVersion > s.currentVersion) return { label: 'waiting for its wave', tone: 'warn' };
  if (s.inSync) return { label: 'in sync', tone: 'ok' };
  return { label: 'pending reload', tone: 'warn' };
}

export function StatusBadge({ status }: { status: AgentStatus | null | undefined }) {
  if (!status) return <span className="badge badge-muted">unknown</span>;
  const { label, tone } = statusLabel(status);
  const title = `config v${status.currentVersion}; applied ${status.appliedVersion ?? 'never'}${status.lastSeenAt ? `; last seen ${new Date(status.lastSeenAt).toLocaleString()}` : ''}${status.connected ? '; connected' : ''}`;
  return <span className={`badge badge-${tone}`} title={title}>{label}</span>;
}

/** The gateway's last readiness probe in plain words (null when the server did not say). */
export function healthText(health: AgentStatus['health'] | undefined): string | null {
  if (!health) return null;
  const checked = health.checkedAt ? `, checked ${new Date(health.checkedAt).toLocaleTimeString()}` : '';
  const why = health.error ? `: ${health.error}` : '';
  switch (health.state) {
    case 'ready': return `Gateway ready${checked}.`;
    case 'unready': return `Gateway running but not ready${why}${checked}.`;
    case 'unreachable': return `Gateway not reachable${why}${checked}.`;
    default: return 'Gateway health unknown: only the Mosaic node the agent streams from checks it.';
  }
}
