import type { Model } from '../api';

export interface ModelRow {
  id: string;
  name: string;
  contextWindow: string;
  maxTokens: string;
}

/** Rows of models as read (a provider's) or as found by a connection test (an id only). */
export function toRows(models: (Model & { id: string })[]): ModelRow[] {
  return models.map((m) => ({
    id: m.id,
    name: m.name && m.name !== m.id ? m.name : '',
    contextWindow: m.contextWindow ? String(m.contextWindow) : '',
    maxTokens: m.maxTokens ? String(m.maxTokens) : '',
  }));
}

export function fromRows(rows: ModelRow[]): Model[] {
  return rows.filter((r) => r.id.trim()).map((r) => ({
    id: r.id.trim(),
    name: r.name.trim() || r.id.trim(),
    contextWindow: r.contextWindow ? Number(r.contextWindow) : null,
    maxTokens: r.maxTokens ? Number(r.maxTokens) : null,
  }));
}

export function validateRows(rows: ModelRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const filled = rows.filter((r) => r.id.trim());
  if (filled.length === 0) errors.models = 'add at least one model: test the connection to discover them, or type one';
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const id = r.id.trim();
    if (id && seen.has(id)) errors[`models[${i}].id`] = 'duplicates another model id';
    seen.add(id);
    for (const f of ['contextWindow', 'maxTokens'] as const) {
      if (r[f] && !(Number.isInteger(Number(r[f])) && Number(r[f]) > 0)) errors[`models[${i}].${f}`] = 'must be a positive whole number';
    }
  });
  return errors;
}

/** The models of a provider: discovered ones as checkboxes, plus rows typed by hand. */
export function ModelsEditor(props: {
  rows: ModelRow[];
  onChange: (rows: ModelRow[]) => void;
  discovered: string[];
  errors: Record<string, string>;
}) {
  const { rows, onChange, discovered, errors } = props;
  const ids = new Set(rows.map((r) => r.id.trim()));
  const toggle = (id: string, on: boolean) => {
    if (on) onChange([...rows.filter((r) => r.id.trim()), { id, name: '', contextWindow: '', maxTokens: '' }]);
    else onChange(rows.filter((r) => r.id.trim() !== id));
  };
  const update = (i: number, patch: Partial<ModelRow>) => onChange(rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));
  return (
    <fieldset className={'models' + (errors.models ? ' field-invalid' : '')}>
      <legend>Models</legend>
      {discovered.length > 0 && (
        <div className="discovered">
          <p className="hint">Found at the provider — tick the ones agents may use:</p>
          <div className="checks">
            {discovered.map((id) => (
              <label key={id} className="check">
                <input type="checkbox" checked={ids.has(id)} onChange={(e) => toggle(id, e.target.checked)} /> {id}
              </label>
            ))}
          </div>
          <button type="button" className="link" onClick={() => {
            const missing = discovered.filter((d) => !ids.has(d)).map((id) => ({ id, name: '', contextWindow: '', maxTokens: '' }));
            onChange([...rows.filter((r) => r.id.trim()), ...missing]);
          }}>Select all</button>
        </div>
      )}
      {rows.length > 0 && (
        <table className="model-rows">
          <thead>
            <tr><th scope="col">Model id</th><th scope="col">Display name</th><th scope="col">Context window</th><th scope="col">Max tokens</th><th scope="col"><span className="sr-only">Remove</span></th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td data-label="Model id">
                  <input aria-label={`Model ${i + 1} id`} value={r.id} placeholder="e.g. gpt-4o" aria-invalid={!!errors[`models[${i}].id`] || undefined}
                    onChange={(e) => update(i, { id: e.target.value })} />
                  {errors[`models[${i}].id`] && <div className="error" role="alert">{errors[`models[${i}].id`]}</div>}
                </td>
                <td data-label="Display name">
                  <input aria-label={`Model ${i + 1} display name`} value={r.name} placeholder="same as id" onChange={(e) => update(i, { name: e.target.value })} />
                  {errors[`models[${i}].name`] && <div className="error" role="alert">{errors[`models[${i}].name`]}</div>}
                </td>
                <td data-label="Context window">
                  <input aria-label={`Model ${i + 1} context window`} inputMode="numeric" value={r.contextWindow} placeholder="optional"
                    onChange={(e) => update(i, { contextWindow: e.target.value })} />
                  {errors[`models[${i}].contextWindow`] && <div className="error" role="alert">{errors[`models[${i}].contextWindow`]}</div>}
                </td>
                <td data-label="Max tokens">
                  <input aria-label={`Model ${i + 1} max tokens`} inputMode="numeric" value={r.maxTokens} placeholder="optional"
                    onChange={(e) => update(i, { maxTokens: e.target.value })} />
                  {errors[`models[${i}].maxTokens`] && <div className="error" role="alert">{errors[`models[${i}].maxTokens`]}</div>}
                </td>
                <td><button type="button" className="link" aria-label={`Remove model ${r.id || i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => onChange([...rows, { id: '', name: '', contextWindow: '', maxTokens: '' }])}>Add a model by hand</button>
      {errors.models && <div className="error" role="alert">{errors.models}</div>}
    </fieldset>
  );
}
