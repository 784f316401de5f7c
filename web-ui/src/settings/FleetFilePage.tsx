// Settings → Fleet file: the whole fleet as one YAML document. Download it, paste or upload an edited one, see the
// plan (what would be created, changed or removed, and which agents reload), then apply it.

import { useState, type ChangeEvent } from 'react';
import { api, getText, RawBody, type FleetApplyAnswer, type PlannedCommand } from '../api';
import { download, OneTimeSecret, StaleNotice, Status, TextAreaField, useAction } from '../components/ui';
import { AgentChanges } from '../history/Preview';
import { changes } from '../queries';

const YAML = 'application/yaml';

function symbol(action: PlannedCommand['action']): string {
  return action === 'register' ? '+' : action === 'remove' ? '−' : '~';
}

function word(action: PlannedCommand['action']): string {
  return action === 'register' ? 'create' : action === 'remove' ? 'remove' : 'change';
}

function fleetPath(prune: boolean, dryRun: boolean): string {
  const query = [dryRun ? 'dryRun=true' : '', prune ? 'prune=true' : ''].filter(Boolean).join('&');
  return '/api/fleet' + (query ? '?' + query : '');
}

/** The commands of a plan, one line each: + create, ~ change, − remove. */
function Commands({ answer }: { answer: FleetApplyAnswer }) {
  if (answer.commands.length === 0) return <p data-testid="fleet-no-changes">No changes: the fleet already matches this document.</p>;
  return (
    <ul className="fleet-commands" aria-label="Changes">
      {answer.commands.map((c, i) => (
        <li key={i} className={'fleet-command fleet-' + word(c.action)}>
          <span aria-hidden="true" className="fleet-symbol">{symbol(c.action)}</span>{' '}
          <span className="sr-only">{word(c.action)}: </span>{c.summary}
        </li>
      ))}
    </ul>
  );
}

function Unmanaged({ answer, prune }: { answer: FleetApplyAnswer; prune: boolean }) {
  if (answer.unmanaged.length === 0) return null;
  return (
    <div data-testid="fleet-unmanaged">
      <h4>Not in the document, left as they are</h4>
      <p className="hint">{prune ? '' : 'Tick “Remove what the document leaves out” to delete them instead.'}</p>
      <ul>{answer.unmanaged.map((u) => <li key={u.entityType + u.entityId}>{u.entityType} {u.entityId}</li>)}</ul>
    </div>
  );
}

export function FleetFilePage({ admin }: { admin: boolean }) {
  const [text, setText] = useState('');
  const [prune, setPrune] = useState(false);
  // the plan shown, and the document and prune choice it was made for (Apply sends exactly those)
  const [plan, setPlan] = useState<{ answer: FleetApplyAnswer; text: string; prune: boolean } | null>(null);
  const [applied, setApplied] = useState<FleetApplyAnswer | null>(null);
  const load = useAction();
  const planning = useAction();
  const applying = useAction({ invalidates: changes.anything });

  async function downloadExport() {
    const yaml = await load.run('Exporting the fleet…', () => getText('/api/fleet', YAML), 'Downloaded fleet.yaml.');
    if (yaml !== undefined) download('fleet.yaml', yaml, YAML);
  }

  async function loadCurrent() {
    const yaml = await load.run('Loading the current fleet…', () => getText('/api/fleet', YAML),
      'The current fleet is in the editor. Change it, then show the plan.');
    if (yaml !== undefined) edit(yaml);
  }

  function edit(value: string) {
    setText(value);
    setPlan(null);
    setApplied(null);
    planning.setState({ kind: 'idle' });
  }

  async function upload(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    edit(await file.text());
    load.setState({ kind: 'ok', message: `${file.name} is in the editor. Show the plan to see what it would change.` });
    e.target.value = '';
  }

  async function showPlan() {
    setApplied(null);
    const answer = await planning.run('Planning…', () => api.put<FleetApplyAnswer>(fleetPath(prune, true), new RawBody(text, YAML)),
      (a) => (a.commands.length === 0 ? 'Nothing to change.' : `${a.commands.length} change${a.commands.length > 1 ? 's' : ''} planned. Nothing is saved until you apply.`));
    setPlan(answer ? { answer, text, prune } : null);
  }

  async function apply() {
    if (!plan) return;
    const answer = await applying.run('Applying…',
      () => api.put<FleetApplyAnswer>(fleetPath(plan.prune, false), new RawBody(plan.text, YAML), { ifMatch: plan.answer.baseSeq }),
      (a) => `Applied ${a.commands.length} change${a.commands.length === 1 ? '' : 's'}. Every change is in the audit log.`);
    if (answer) {
      setApplied(answer);
      setPlan(null);
    }
  }

  const errors = planning.state.kind === 'error' ? planning.state.error?.problem.errors ?? [] : [];
  const applyErrors = applying.state.kind === 'error' ? applying.state.error?.problem.errors ?? [] : [];
  const current = plan && plan.text === text && plan.prune === prune;
  return (
    <section aria-labelledby="fleet-heading" className="fleet-file">
      <h1 id="fleet-heading">Fleet file</h1>
      <p>
        The whole fleet (providers and agents) as one YAML file: keep it in git, change it in an editor, and apply it
        here or from CI with <code>java -jar mosaic.jar fleet apply</code>. API keys appear only as masks
        (<code>secret:…</code>); a mask keeps that key, a key written in plain text replaces it.
      </p>

      <div className="card">
        <h2>Download</h2>
        <div className="actions">
          <button type="button" onClick={downloadExport} disabled={load.busy}>Download fleet.yaml</button>
          {admin && <button type="button" onClick={loadCurrent} disabled={load.busy}>Edit the current fleet here</button>}
        </div>
        <p className="hint">Editors check the file as you type with its schema: put
          {' '}<code># yaml-language-server: $schema={window.location.origin}/api/fleet/schema</code> as its first line.</p>
        <Status state={load.state} />
      </div>

      {admin ? (
        <div className="card">
          <h2>Plan and apply</h2>
          <TextAreaField label="Fleet document (YAML or JSON)" name="document" value={text} onChange={edit} rows={16}
            className="code" hint="Paste a document, upload a file, or load the current fleet above." />
          <label className="file-input">
            Upload a file <input type="file" accept=".yaml,.yml,.json,application/yaml,application/json" onChange={upload} />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} />
            Remove what the document leaves out (prune)
          </label>
          {prune && (
            <div className="notice notice-warning" role="note">
              <strong>Careful:</strong> every provider and agent missing from a section the document lists
              (<code>providers:</code>, <code>agents:</code>) will be deleted. A deleted agent loses its token and config.
            </div>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={showPlan} disabled={planning.busy || !text.trim()}>Show the plan</button>
          </div>
          <Status state={planning.state} />
          {errors.length > 0 && (
            <ul className="errors" aria-label="Problems in the document">
              {errors.map((e, i) => <li key={i}><code>{e.field}</code>: {e.message}</li>)}
            </ul>
          )}
          {plan && (
            <div className="card preview" role="region" aria-label="Plan">
              <h3>Plan <span className="muted">(against change #{plan.answer.baseSeq}; nothing saved yet)</span></h3>
              <Commands answer={plan.answer} />
              {plan.answer.agents.length > 0 && <AgentChanges agents={plan.answer.agents} />}
              <Unmanaged answer={plan.answer} prune={plan.prune} />
              {plan.answer.commands.length > 0 && (
                <div className="actions">
                  <button type="button" className={plan.prune ? 'danger' : 'primary'} onClick={apply}
                    disabled={applying.busy || !current}>
                    {plan.prune ? 'Apply, removing what is left out' : 'Apply this plan'}
                  </button>
                  {!current && <span className="hint">The document or the prune choice changed: show the plan again.</span>}
                </div>
              )}
            </div>
          )}
          <Status state={applying.state} />
          {applying.stale && <StaleNotice onReload={showPlan} />}
          {applyErrors.length > 0 && (
            <ul className="errors" aria-label="Problems applying the document">
              {applyErrors.map((e, i) => <li key={i}><code>{e.field}</code>: {e.message}</li>)}
            </ul>
          )}
          {applied && (
            <div className="card" role="region" aria-label="Applied">
              <h3>Applied <span className="muted">(now at change #{applied.seq})</span></h3>
              <Commands answer={applied} />
              {applied.tokens.map((t) => (
                <OneTimeSecret key={t.name} label={`Token of the new agent ${t.name}`} value={t.token} />
              ))}
            </div>
          )}
        </div>
      ) : (
        <p className="hint">Only admins can apply a fleet file.</p>
      )}
    </section>
  );
}
