import type { AuditEntry } from '../api';

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row per changed field (or one per entry without changes), RFC 4180 quoting. */
export function auditCsv(entries: AuditEntry[]): string {
  const rows = [['seq', 'at', 'actorId', 'actorName', 'entityType', 'entityId', 'entityName', 'eventType', 'summary', 'field', 'from', 'to']];
  for (const e of entries) {
    const base = [String(e.seq), e.at, e.actor.id, e.actor.name, e.entityType, e.entityId, e.entityName ?? '', e.eventType, e.summary];
    if (!e.changes || e.changes.length === 0) rows.push([...base, '', '', '']);
    for (const c of e.changes ?? []) rows.push([...base, c.field, formatValue(c.from), formatValue(c.to)]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** datetime-local value (local time) → ISO instant, or null. */
export function localToInstant(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
