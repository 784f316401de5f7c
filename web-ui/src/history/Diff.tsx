import type { JsonChange } from './historyApi';
import { compareSecrets, lineDiff, secretChange, show } from './values';

const OPS: Record<JsonChange['op'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

/** A unified text diff, each line coloured by its prefix. */
export function TextDiff({ lines, label }: { lines: string[]; label: string }) {
  return (
    <pre className="text-diff" aria-label={label} tabIndex={0}>
      {lines.map((l, i) => {
        const kind = l.startsWith('@@') ? 'hunk' : l.startsWith('+++') || l.startsWith('---') ? 'file'
          : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : 'ctx';
        return <span key={i} className={'line line-' + kind}>{l}{'\n'}</span>;
      })}
    </pre>
  );
}

/** JSON changes by JSON Pointer; a SOUL.md change (as dry-runs report it) as a text diff; secrets as changed or not. */
export function ChangeTable({ changes, caption }: { changes: JsonChange[]; caption?: string }) {
  const json = changes.filter((c) => c.path !== 'SOUL.md');
  const soul = changes.find((c) => c.path === 'SOUL.md');
  if (changes.length === 0) return <p className="muted">No changes.</p>;
  return (
    <>
      {json.length > 0 && (
        <table className="table diff changes">
          {caption && <caption>{caption}</caption>}
          <thead><tr><th scope="col">Path</th><th scope="col">Change</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
          <tbody>
            {json.map((c) => {
              const secret = secretChange(c.from, c.to);
              return (
                <tr key={c.path}>
                  <td data-label="Path"><code>{c.path}</code></td>
                  <td data-label="Change">{secret ?? OPS[c.op]}</td>
                  <td data-label="Before" className="diff-from">{c.op === 'added' ? '—' : show(c.from)}</td>
                  <td data-label="After" className="diff-to">{c.op === 'removed' ? '—' : show(c.to)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {soul && (
        <>
          <h4>SOUL.md</h4>
          <TextDiff label="SOUL.md changes" lines={lineDiff(soul.from as string | null, soul.to as string | null)} />
        </>
      )}
    </>
  );
}

/** Every secret of two masked documents, said as changed or unchanged. */
export function SecretsSummary({ from, to }: { from: unknown; to: unknown }) {
  const rows = compareSecrets(from, to);
  if (rows.length === 0) return null;
  return (
    <div className="secrets-summary">
      <h4>Secrets</h4>
      <ul aria-label="Secrets">
        {rows.map((r) => (
          <li key={r.path}><code>{r.path}</code>: <span className={r.state === 'unchanged' ? 'muted' : 'badge badge-warn'}>{r.state}</span></li>
        ))}
      </ul>
    </div>
  );
}
