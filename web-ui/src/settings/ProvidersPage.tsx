import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, type Provider, type TestResult } from '../api';
import { ConfirmButton, QueryStatus, SaveButton, SelectField, StaleNotice, Status, TextField, useAction } from '../components/ui';
import { TestOutcome } from '../forms/ConnectionTest';
import { ModelsEditor, fromRows, toRows, validateRows, type ModelRow } from '../forms/ModelsEditor';
import { ProviderForm } from '../forms/ProviderForm';
import { apiTypes, presets } from '../forms/presets';
import { changes, queries } from '../queries';
import { isHttpUrl } from '../validation';
import { dryRun, type DryRunResult } from '../history/historyApi';
import { LivePreview, usePreview } from '../history/Preview';

export function ProvidersPage({ admin }: { admin: boolean }) {
  const navigate = useNavigate();
  const list = useQuery(queries.providers());
  const providers = list.data?.items ?? null;
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="providers-heading">
      <div className="page-head">
        <h1 id="providers-heading">Providers</h1>
        {admin && !adding && <button type="button" className="primary" onClick={() => setAdding(true)}>Add provider</button>}
      </div>
      <QueryStatus query={list} loading="Loading providers…" />
      {adding && <ProviderForm endpoint="/api/providers" onCancel={() => setAdding(false)} onSaved={(id) => void navigate(`/settings/providers/${id}`)} />}
      {providers && providers.length === 0 && <p>No providers yet.</p>}
      {providers && providers.length > 0 && (
        <table className="table">
          <thead><tr><th scope="col">Provider</th><th scope="col">Type</th><th scope="col">Base URL</th><th scope="col">Models</th><th scope="col">Key</th><th scope="col">State</th></tr></thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.id}>
                <td data-label="Provider"><Link to={`/settings/providers/${p.id}`}>{p.displayName}</Link> <span className="muted">({p.name})</span></td>
                <td data-label="Type">{p.type}</td>
                <td data-label="Base URL" className="break">{p.effectiveBaseUrl}</td>
                <td data-label="Models">{p.models.length}</td>
                <td data-label="Key">{p.apiKeySet ? 'set' : 'none'}</td>
                <td data-label="State">{p.active ? <span className="badge badge-ok">active</span> : <span className="badge badge-muted">deactivated</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface Details {
  displayName: string;
  type: string;
  baseUrl: string;
  apiType: string;
}

function detailsOf(p: Provider): Details {
  return { displayName: p.displayName, type: p.type, baseUrl: p.baseUrl ?? '', apiType: p.apiType ?? '' };
}

export function ProviderDetail({ id, admin }: { id: string; admin: boolean }) {
  const navigate = useNavigate();
  const read = useQuery(queries.provider(id));
  // The forms show the provider as read until someone edits them; then they keep the version they were edited
  // from (its If-Match), so a change made meanwhile elsewhere is refused (412) rather than overwritten.
  const [edit, setEdit] = useState<{ base: Provider; details: Details; models: ModelRow[] } | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [test, setTest] = useState<TestResult | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [inUse, setInUse] = useState<string[] | null>(null);
  const saveDetails = useAction({ invalidates: changes.provider });
  const saveModels = useAction({ invalidates: changes.provider });
  const saveKey = useAction({ invalidates: changes.provider });
  const tester = useAction();
  const lifecycle = useAction({ invalidates: changes.provider });
  // a deleted provider is not read again: the page is left
  const removal = useAction({ invalidates: changes.provider, refetch: false });
  const previews = { details: usePreview(), models: usePreview(), key: usePreview() };

  /** The forms follow the provider as read again. */
  function startOver() {
    setEdit(null);
    setErrors({});
  }

  async function reload() {
    await read.refetch();
    startOver();
  }

  const provider = read.data;
  if (!provider) return <QueryStatus query={read} loading="Loading…" />;
  const base = edit?.base ?? provider;
  const details = edit?.details ?? detailsOf(provider);
  const models = edit?.models ?? toRows(provider.models);
  const setDetails = (d: Details) => setEdit((e) => ({ base: e?.base ?? provider, details: d, models: e?.models ?? toRows(provider.models) }));
  const setModels = (m: ModelRow[]) => setEdit((e) => ({ base: e?.base ?? provider, details: e?.details ?? detailsOf(provider), models: m }));
  const v = base.version;
  const path = `/api/providers/${id}`;
  const at = (p: string, dry: boolean) => (dry ? dryRun(p) : p);
  const inUseToo = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409 && e.problem.agents) setInUse(e.problem.agents as string[]);
    throw e;
  };
  // Each form's write; with dry = true the same write as a dry run (its preview).
  const writes = {
    details: (dry: boolean) => api.patch<DryRunResult>(at(path, dry), {
      displayName: details.displayName.trim(), type: details.type, baseUrl: details.baseUrl.trim() || null, apiType: details.apiType || null,
    }, { ifMatch: v }),
    models: (dry: boolean) => api.patch<DryRunResult>(at(path, dry), { models: fromRows(models) }, { ifMatch: v }).catch(inUseToo),
    key: (dry: boolean) => api.put<DryRunResult>(at(`${path}/api-key`, dry), { apiKey: apiKey || null }, { ifMatch: v }),
  };
  type Form = keyof typeof writes;
  const checks: Record<Form, () => Record<string, string>> = {
    details: () => {
      const local: Record<string, string> = {};
      if (!details.displayName.trim()) local.displayName = 'is required';
      if (details.type === 'custom' && !details.baseUrl.trim()) local.baseUrl = 'is required for a custom provider';
      else if (details.baseUrl.trim() && !isHttpUrl(details.baseUrl.trim())) local.baseUrl = 'must be an absolute http(s) URL';
      return local;
    },
    models: () => validateRows(models),
    key: () => ({}),
  };

  function preview(form: Form) {
    const local = checks[form]();
    setErrors(local);
    if (Object.keys(local).length) return;
    setInUse(null);
    void previews[form].preview(() => writes[form](true));
  }

  const previewButton = (form: Form) => admin && (
    <button type="button" onClick={() => preview(form)} disabled={previews[form].busy}>Preview</button>
  );

  async function submitDetails(e: FormEvent) {
    e.preventDefault();
    const local = checks.details();
    setErrors(local);
    if (Object.keys(local).length) return;
    const ok = await saveDetails.run('Saving…', () => writes.details(false), 'Details saved.');
    if (ok) {
      previews.details.clear();
      startOver();
    }
  }

  async function submitModels(e: FormEvent) {
    e.preventDefault();
    const local = checks.models();
    setErrors(local);
    if (Object.keys(local).length) return;
    setInUse(null);
    const ok = await saveModels.run('Saving models…', () => writes.models(false), 'Models saved.');
    if (ok) {
      previews.models.clear();
      startOver();
    }
  }

  async function submitKey(e: FormEvent) {
    e.preventDefault();
    const ok = await saveKey.run('Replacing the key…', () => writes.key(false), apiKey ? 'Key replaced.' : 'Key removed.');
    if (ok) {
      setApiKey('');
      previews.key.clear();
      startOver();
    }
  }

  async function runTest() {
    setTest(null);
    const r = await tester.run('Testing the connection…', () => api.post<TestResult>(`/api/providers/${id}/test`));
    if (r) setTest(r);
  }

  async function setActive(active: boolean) {
    setInUse(null);
    removal.setState({ kind: 'idle' });
    const ok = await lifecycle.run(active ? 'Activating…' : 'Deactivating…', () => api.patch(`/api/providers/${id}`, { active }, { ifMatch: v }).catch((e) => {
      if (e instanceof ApiError && e.status === 409 && e.problem.agents) setInUse(e.problem.agents as string[]);
      throw e;
    }), active ? 'Activated.' : 'Deactivated.');
    if (ok) startOver();
  }

  async function remove() {
    setInUse(null);
    lifecycle.setState({ kind: 'idle' });
    const ok = await removal.run('Deleting…', () => api.delete(`/api/providers/${id}`, { ifMatch: v }).then(() => true).catch((e) => {
      if (e instanceof ApiError && e.status === 409 && e.problem.agents) setInUse(e.problem.agents as string[]);
      throw e;
    }));
    if (ok) void navigate('/settings/providers');
  }

  const stale = saveDetails.stale || saveModels.stale || saveKey.stale || lifecycle.stale || removal.stale;
  const all = { ...previews.details.fieldErrors, ...previews.models.fieldErrors, ...saveDetails.fieldErrors, ...saveModels.fieldErrors, ...errors };
  return (
    <section aria-labelledby="provider-heading">
      <p><Link to="/settings/providers">← Providers</Link></p>
      <div className="page-head">
        <h1 id="provider-heading">{provider.displayName} <span className="muted">({provider.name})</span></h1>
        {provider.active ? <span className="badge badge-ok">active</span> : <span className="badge badge-muted">deactivated</span>}
      </div>
      {stale && <StaleNotice onReload={() => void reload()} />}
      {inUse && inUse.length > 0 && (
        <div className="notice notice-warning" role="alert">
          Used by agents: these agents still use this provider or the models you removed (as primary model or fallback).
          Move them to another model first:
          <ul>{inUse.map((a) => <li key={a}><Link to={`/settings/agents/${a}`}>{a}</Link></li>)}</ul>
        </div>
      )}
      <div className="card">
        <div className="actions">
          <button type="button" onClick={runTest} disabled={!admin || tester.busy}>Test connection</button>
        </div>
        <Status state={tester.state.kind === 'ok' ? { kind: 'idle' } : tester.state} />
        <TestOutcome result={test} />
      </div>
      <fieldset disabled={!admin} className="plain">
        <form className="card form" onSubmit={submitDetails} noValidate aria-label="Provider details">
          <h2>Details</h2>
          <TextField label="Display name" name="displayName" value={details.displayName} onChange={(x) => setDetails({ ...details, displayName: x })} error={all.displayName} />
          <SelectField label="Type" name="type" value={details.type} onChange={(x) => setDetails({ ...details, type: x })} error={all.type}
            options={presets().map((p) => ({ value: p.type, label: p.label }))} />
          <TextField label="Base URL" name="baseUrl" value={details.baseUrl} onChange={(x) => setDetails({ ...details, baseUrl: x })} error={all.baseUrl}
            hint={`Empty: the type’s default${provider.effectiveBaseUrl && !provider.baseUrl ? ` (${provider.effectiveBaseUrl})` : ''}.`} />
          <SelectField label="API dialect" name="apiType" value={details.apiType} onChange={(x) => setDetails({ ...details, apiType: x })} error={all.apiType}
            options={[{ value: '', label: 'Default for this type' }, ...apiTypes().map((a) => ({ value: a, label: a }))]} />
          <div className="actions">{previewButton('details')}<SaveButton label="Save details" disabled={saveDetails.busy} /></div>
          <Status state={saveDetails.state} />
          {previews.details.panel}
        </form>
        <form className="card form" onSubmit={submitModels} noValidate aria-label="Provider models">
          <h2>Models</h2>
          <ModelsEditor rows={models} onChange={setModels} discovered={test?.ok ? test.models : []} errors={all} />
          <div className="actions">{previewButton('models')}<SaveButton label="Save models" disabled={saveModels.busy} /></div>
          <Status state={saveModels.state} />
          {previews.models.panel}
        </form>
        <form className="card form" onSubmit={submitKey} noValidate aria-label="API key">
          <h2>API key</h2>
          <p className="muted">{provider.apiKeySet ? 'A key is set. It is never shown; type a new one to replace it.' : 'No key is set.'}</p>
          <TextField label="New API key" name="newApiKey" type="password" value={apiKey} onChange={setApiKey} error={saveKey.fieldErrors.apiKey} autoComplete="off" />
          <div className="actions">{(apiKey || provider.apiKeySet) && previewButton('key')}<button type="submit" className="primary" disabled={saveKey.busy || (!apiKey && !provider.apiKeySet)}>{apiKey || !provider.apiKeySet ? 'Replace key' : 'Remove key'}</button></div>
          <Status state={saveKey.state} />
          {previews.key.panel}
        </form>
      </fieldset>
      {admin && (
        <div className="card danger-zone">
          <h2>Lifecycle</h2>
          <div className="actions">
            {provider.active
              ? <ConfirmButton label="Deactivate" title={`Deactivate ${provider.displayName}?`} confirmLabel="Deactivate"
                message={<><p>Agents can no longer be assigned its models. Mosaic refuses while agents still use it.</p>
                  <LivePreview run={() => api.patch<DryRunResult>(dryRun(path), { active: false }, { ifMatch: v })} /></>}
                onConfirm={() => void setActive(false)} />
              : <ConfirmButton label="Activate" title={`Activate ${provider.displayName}?`} confirmLabel="Activate"
                message={<LivePreview run={() => api.patch<DryRunResult>(dryRun(path), { active: true }, { ifMatch: v })} />}
                onConfirm={() => void setActive(true)} />}
            <ConfirmButton danger label="Delete" title={`Delete ${provider.displayName}?`} confirmLabel="Delete provider"
              message={<><p>The provider and its encrypted key are removed. This cannot be undone; the audit trail keeps its history.</p>
                <LivePreview run={() => api.delete<DryRunResult>(dryRun(path), { ifMatch: v })} /></>}
              onConfirm={() => void remove()} />
          </div>
          <Status state={removal.state.kind === 'idle' ? lifecycle.state : removal.state} />
        </div>
      )}
    </section>
  );
}
