import { useState, type FormEvent } from 'react';
import { api, isGovernedWrite, type NewProvider, type Provider, type TestResult } from '../api';
import { SaveButton, SelectField, Status, TextField, useAction } from '../components/ui';
import { isHttpUrl, validateName } from '../validation';
import { TestOutcome } from './ConnectionTest';
import { ModelsEditor, fromRows, toRows, validateRows, type ModelRow } from './ModelsEditor';
import { dryRun, type DryRunResult } from '../history/historyApi';
import { usePreview } from '../history/Preview';
import { apiTypes, preset, presets } from './presets';
import { changes } from '../queries';

export interface ProviderDraft {
  name: string;
  displayName: string;
  type: string;
  baseUrl: string;
  apiType: string;
  apiKey: string;
  models: ModelRow[];
}

export function emptyDraft(type = 'openai'): ProviderDraft {
  const p = preset(type);
  return { name: type === 'custom' ? '' : type, displayName: type === 'custom' ? '' : p.label, type, baseUrl: p.baseUrl, apiType: '', apiKey: '', models: [] };
}

export function validateProvider(d: ProviderDraft, creating: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (creating) {
    const name = validateName(d.name);
    if (name) errors.name = name;
  }
  if (!d.displayName.trim()) errors.displayName = 'is required';
  if (d.type === 'custom' && !d.baseUrl.trim()) errors.baseUrl = 'is required for a custom provider';
  else if (d.baseUrl.trim() && !isHttpUrl(d.baseUrl.trim())) errors.baseUrl = 'must be an absolute http(s) URL';
  return { ...errors, ...validateRows(d.models) };
}

export function providerBody(d: ProviderDraft) {
  return {
    name: d.name.trim(),
    displayName: d.displayName.trim(),
    type: d.type,
    baseUrl: d.baseUrl.trim() || null,
    apiKey: d.apiKey || null,
    apiType: d.apiType || null,
    models: fromRows(d.models),
  };
}

/**
 * Adds a provider (the wizard and Settings use it): a type preset fills the base URL, "Test connection" asks
 * the provider itself and offers the models it found.
 */
export function ProviderForm(props: { endpoint: string; onSaved: (id: string) => void; onCancel?: () => void }) {
  const [draft, setDraft] = useState<ProviderDraft>(emptyDraft());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [test, setTest] = useState<TestResult | null>(null);
  const save = useAction({ invalidates: changes.provider });
  const tester = useAction();
  const preview = usePreview();
  // Settings (not the wizard) previews the write before saving it.
  const previewable = props.endpoint === '/api/providers';
  const set = (patch: Partial<ProviderDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function changeType(type: string) {
    const before = preset(draft.type);
    const after = preset(type);
    setDraft((d) => ({
      ...d,
      type,
      baseUrl: !d.baseUrl || d.baseUrl === before.baseUrl ? after.baseUrl : d.baseUrl,
      name: !d.name || d.name === before.type ? (type === 'custom' ? '' : type) : d.name,
      displayName: !d.displayName || d.displayName === before.label ? (type === 'custom' ? '' : after.label) : d.displayName,
    }));
    setTest(null);
  }

  async function runTest() {
    const local: Record<string, string> = {};
    if (draft.type === 'custom' && !draft.baseUrl.trim()) local.baseUrl = 'is required to test a custom provider';
    else if (draft.baseUrl.trim() && !isHttpUrl(draft.baseUrl.trim())) local.baseUrl = 'must be an absolute http(s) URL';
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setErrors({});
    setTest(null);
    const result = await tester.run('Testing the connection…', () => api.post<TestResult>('/api/providers/test', {
      type: draft.type, baseUrl: draft.baseUrl.trim() || null, apiKey: draft.apiKey || null, apiType: draft.apiType || null,
    }));
    if (result) {
      setTest(result);
      if (result.ok && draft.models.filter((m) => m.id.trim()).length === 0 && result.models.length > 0) {
        set({ models: toRows([{ id: result.models[0] }]) });
      }
    }
  }

  function showPreview() {
    const local = validateProvider(draft, true);
    setErrors(local);
    if (Object.keys(local).length) {
      save.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    save.setState({ kind: 'idle' });
    void preview.preview(() => api.post<DryRunResult>(dryRun(props.endpoint), providerBody(draft)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = validateProvider(draft, true);
    setErrors(local);
    if (Object.keys(local).length) {
      save.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    const created = await save.run('Saving the provider…', () => api.post<NewProvider>(props.endpoint, providerBody(draft)), 'Provider saved.');
    if (created) props.onSaved(created.id);
  }

  const allErrors = { ...preview.fieldErrors, ...save.fieldErrors, ...tester.fieldErrors, ...errors };
  const p = preset(draft.type);
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Add a provider">
      <SelectField label="Type" name="type" value={draft.type} onChange={changeType} error={allErrors.type}
        options={presets().map((x) => ({ value: x.type, label: x.label }))} />
      <div className="row">
        <TextField label="Name" name="name" value={draft.name} onChange={(v) => set({ name: v })} error={allErrors.name}
          hint="Lower-case id used in agent configs, e.g. openai-prod." autoComplete="off" required />
        <TextField label="Display name" name="displayName" value={draft.displayName} onChange={(v) => set({ displayName: v })}
          error={allErrors.displayName} required />
      </div>
      <TextField label="Base URL" name="baseUrl" value={draft.baseUrl} onChange={(v) => { set({ baseUrl: v }); setTest(null); }}
        error={allErrors.baseUrl} hint={p.baseUrl ? `Default for ${p.label}: ${p.baseUrl}` : 'The endpoint’s base URL, e.g. https://llm.example.com/v1'}
        type="url" inputMode="url" />
      <TextField label={p.needsKey ? 'API key' : 'API key (optional)'} name="apiKey" type="password" value={draft.apiKey}
        onChange={(v) => { set({ apiKey: v }); setTest(null); }} error={allErrors.apiKey} hint={p.keyHint} autoComplete="off" />
      <details className="advanced">
        <summary>Advanced</summary>
        <SelectField label="API dialect" name="apiType" value={draft.apiType} onChange={(v) => set({ apiType: v })} error={allErrors.apiType}
          options={[{ value: '', label: 'Default for this type' }, ...apiTypes().map((a) => ({ value: a, label: a }))]} />
      </details>
      <div className="actions">
        <button type="button" onClick={runTest} disabled={tester.busy}>Test connection</button>
      </div>
      <Status state={tester.state.kind === 'ok' ? { kind: 'idle' } : tester.state} />
      <TestOutcome result={test} />
      <ModelsEditor rows={draft.models} onChange={(models) => set({ models })} discovered={test?.ok ? test.models : []} errors={allErrors} />
      <div className="actions">
        {props.onCancel && <button type="button" onClick={props.onCancel}>Cancel</button>}
        {previewable && <button type="button" onClick={showPreview} disabled={preview.busy}>Preview</button>}
        <SaveButton label="Save provider" disabled={save.busy} governed={isGovernedWrite('POST', props.endpoint)} />
      </div>
      <Status state={save.state} />
      {previewable && preview.panel}
    </form>
  );
}

export function providerLabel(p: Provider) {
  return `${p.displayName} (${p.name})`;
}
