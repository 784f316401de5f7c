import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type Provider, type TestResult, type Providers } from '../api';
import { ConfirmButton, SelectField, StaleNotice, Status, TextField, useAction } from '../components/ui';
import { TestOutcome } from '../forms/ConnectionTest';
import { ModelsEditor, fromRows, toRows, validateRows, type ModelRow } from '../forms/ModelsEditor';
import { ProviderForm } from '../forms/ProviderForm';
import { apiTypes, presets } from '../forms/presets';
import { Link, navigate } from '../router';
import { isHttpUrl } from '../validation';
import { dryRun, type DryRunResult } from '../history/historyApi';
import { LivePreview, usePreview } from '../history/Preview';

export function ProvidersPage({ admin }: { admin: boolean }) {
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const [adding, setAdding] = useState(false);
  const load = useAction();
  const reload = async () => {
    const r = await load.run('Loading providers…', () => api.get<Providers>('/api/providers'));
    if (r) setProviders(r.items);
  };
  useEffect(() => { void reload(); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section aria-labelledby="providers-heading">
      <div className="page-head">
        <h1 id="providers-heading">Providers</h1>
        {admin && !adding && <button type="button" className="primary" onClick={() => setAdding(true)}>Add provider</button>}
      </div>
      <Status state={load.state} />
      {adding && <ProviderForm endpoint="/api/providers" onCancel={() => setAdding(false)} onSaved={(id) => navigate(`/settings/providers/${id}`)} />}
      {providers && providers.length === 0 && <p>No providers yet.</p>}
      {providers && providers.length > 0 && (
        <table className="table">
          <thead><tr><th scope="col">Provider</th><th scope="col">Type</th><th scope="col">Base URL</th><th scope="col">Models</th><th scope="col">Key</th><th scope="col">State</th></tr></thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.id}>
                <td data-label="Provider"><Link href={`/settings/providers/${p.id}`}>{p.displayName}</Link> <span className="muted">({p.name})</span></td>
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

export function ProviderDetail({ id, admin }: { id: string; admin: boolean }) {
  const [provider, setProvider] = useState<Provider | null>(null);
  const [details, setDetails] = useState<Details>({ displayName: '', type: 'openai', baseUrl: '', apiType: '' });
  const [models, setModels] = useState<ModelRow[]>([]);
  const [apiKey, setApiKey] = useState('');
  const [test, setTest] = useState<TestResult | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [inUse, setInUse] = useState<string[] | null>(null);
  const load = useAction();
  const saveDetails = useAction();
  const saveModels = useAction();
  const saveKey = useAction();
  const tester = useAction();
  const lifecycle = useAction();
  const previews = { details: usePreview(), models: usePreview(), key: usePreview() };

  async function reload() {
    const p = await load.run('Loading…', () => api.get<Provider>(`/api/providers/${id}`));
    if (p) {
      setProvider(p);
      setDetails({ displayName: p.displayName, type: p.type, baseUrl: p.baseUrl ?? '', apiType: p.apiType ?? '' });
      setModels(toRows(p.models));
      setErrors({});
    }
  }
  useEffect(() => { void reload(); }, [id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!provider) return <Status state={load.state} />;
  const v = provider.version;
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
      await reload();
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
      await reload();
    }
  }

  async function submitKey(e: FormEvent) {
    e.preventDefault();
    const ok = await saveKey.run('Replacing the key…', () => writes.key(false), apiKey ? 'Key replaced.' : 'Key removed.');
    if (ok) {
      setApiKey('');
      previews.key.clear();
      await reload();
    }
  }

  async function runTest() {
    setTest(null);
    const r = await tester.run('Testing the connection…', () => api.post<TestResult>(`/api/providers/${id}/test`));
    if (r) setTest(r);
  }

  async function setActive(active: boolean) {
    setInUse(null);
    const ok = await lifecycle.run(active ? 'Activating…' : 'Deactivating…', () => api.patch(`/api/providers/${id}`, { active }, { ifMatch: v }).catch((e) => {
      if (e instanceof ApiError && e.status === 409 && e.problem.agents) setInUse(e.problem.agents as string[]);
      throw e;
    }), active ? 'Activated.' : 'Deactivated.');
    if (ok) await reload();
  }

  async function remove() {
    setInUse(null);
    const ok = await lifecycle.run('Deleting…', () => api.delete(`/api/providers/${id}`, { ifMatch: v }).then(() => true).catch((e) => {
      if (e instanceof ApiError && e.status === 409 && e.problem.agents) setInUse(e.problem.agents as string[]);
      throw e;
    }));
    if (ok) navigate('/settings/providers');
  }

  const stale = saveDetails.stale || saveModels.stale || saveKey.stale || lifecycle.stale;
  const all = { ...previews.details.fieldErrors, ...previews.models.fieldErrors, ...saveDetails.fieldErrors, ...saveModels.fieldErrors, ...errors };
  return (
    <section aria-labelledby="provider-heading">
      <p><Link href="/settings/providers">← Providers</Link></p>
      <div className="page-head">
        <h1 id="provider-heading">{provider.displayName} <span className="muted">({provider.name})</span></h1>
        {provider.active ? <span className="badge badge-ok">active</span> : <span className="badge badge-muted">deactivated</span>}
      </div>
      {stale && <StaleNotice onReload={() => void reload()} />}
      {inUse && inUse.length > 0 && (
        <div className="notice notice-warning" role="alert">
          Used by agents: these agents still use this provider or the models you removed (as primary model or fallback).
          Move them to another model first:
          <ul>{inUse.map((a) => <li key={a}><Link href={`/settings/agents/${a}`}>{a}</Link></li>)}</ul>
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
          <div className="actions">{previewButton('details')}<button type="submit" className="primary" disabled={saveDetails.busy}>Save details</button></div>
          <Status state={saveDetails.state} />
          {previews.details.panel}
        </form>
        <form className="card form" onSubmit={submitModels} noValidate aria-label="Provider models">
          <h2>Models</h2>
          <ModelsEditor rows={models} onChange={setModels} discovered={test?.ok ? test.models : []} errors={all} />
          <div className="actions">{previewButton('models')}<button type="submit" className="primary" disabled={saveModels.busy}>Save models</button></div>
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
          <Status state={lifecycle.state} />
        </div>
      )}
    </section>
  );
}
