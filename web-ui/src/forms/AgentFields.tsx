import { useId } from 'react';
import type { ModelRef, Provider } from '../api';
import { SelectField, TextAreaField, TextField } from '../components/ui';
import { matches, rules } from '../rules';
import { isHttpUrl, validateName } from '../validation';
import { COMMON_TOOLS, SOUL_TEMPLATE } from './presets';

export interface AgentDraft {
  name: string;
  displayName: string;
  role: string;
  gatewayUrl: string;
  /** First in every rollout. */
  canary: boolean;
  providerId: string;
  primaryModel: string;
  fallbacks: ModelRef[];
  personality: string;
  tools: string;
}

export function emptyAgent(providers: Provider[]): AgentDraft {
  const first = providers.find((p) => p.active);
  return {
    name: '', displayName: '', role: '', gatewayUrl: '', canary: false,
    providerId: first?.id ?? '', primaryModel: first?.models[0]?.id ?? '', fallbacks: [],
    personality: '', tools: '',
  };
}

export function parseTools(text: string): string[] {
  return text.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);
}

export function validateProfile(d: Pick<AgentDraft, 'displayName' | 'gatewayUrl'>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.displayName.trim()) errors.displayName = 'is required';
  if (!d.gatewayUrl.trim()) errors.gatewayUrl = 'is required';
  else if (!isHttpUrl(d.gatewayUrl.trim())) errors.gatewayUrl = 'must be an absolute http(s) URL, e.g. http://support:18789';
  return errors;
}

export function validateModel(d: Pick<AgentDraft, 'providerId' | 'primaryModel' | 'fallbacks'>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.providerId) errors.providerId = 'pick a provider';
  if (!d.primaryModel) errors.primaryModel = 'pick a model';
  const seen = new Set([`${d.providerId}/${d.primaryModel}`]);
  d.fallbacks.forEach((f, i) => {
    if (!f.providerId || !f.model) errors[`fallbacks[${i}]`] = 'pick a provider and a model';
    else if (seen.has(`${f.providerId}/${f.model}`)) errors[`fallbacks[${i}]`] = 'repeats the primary model or another fallback';
    seen.add(`${f.providerId}/${f.model}`);
  });
  return errors;
}

export function validateTools(text: string): Record<string, string> {
  const tool = rules().tool;
  const bad = parseTools(text).filter((t) => !matches(tool, t));
  return bad.length ? { toolPermissions: `not a tool name or pattern: ${bad.join(', ')}` } : {};
}

export function validateAgent(d: AgentDraft): Record<string, string> {
  const errors: Record<string, string> = { ...validateProfile(d), ...validateModel(d), ...validateTools(d.tools) };
  const name = validateName(d.name);
  if (name) errors.name = name;
  return errors;
}

export function toolErrors(errors: Record<string, string>): string | undefined {
  const messages = Object.entries(errors).filter(([k]) => k.startsWith('toolPermissions')).map(([, v]) => v);
  return messages.length ? messages.join('; ') : undefined;
}

export function ProfileFields(props: { draft: AgentDraft; set: (p: Partial<AgentDraft>) => void; errors: Record<string, string>; creating: boolean }) {
  const { draft, set, errors } = props;
  return (
    <>
      {props.creating && (
        <TextField label="Name" name="name" value={draft.name} error={errors.name} autoComplete="off" required
          hint="Lower-case id, also the compose service name, e.g. support."
          onChange={(v) => set({
            name: v,
            gatewayUrl: !draft.gatewayUrl || draft.gatewayUrl === `http://${draft.name}:18789` ? (v ? `http://${v}:18789` : '') : draft.gatewayUrl,
            displayName: !draft.displayName || draft.displayName === capitalise(draft.name) ? capitalise(v) : draft.displayName,
          })} />
      )}
      <div className="row">
        <TextField label="Display name" name="displayName" value={draft.displayName} onChange={(v) => set({ displayName: v })} error={errors.displayName} required />
        <TextField label="Role (optional)" name="role" value={draft.role} onChange={(v) => set({ role: v })} error={errors.role} placeholder="e.g. customer support" />
      </div>
      <TextField label="Gateway URL" name="gatewayUrl" value={draft.gatewayUrl} onChange={(v) => set({ gatewayUrl: v })} error={errors.gatewayUrl}
        hint="Where Mosaic reaches this agent’s OpenClaw gateway (port 18789 by default)." type="url" inputMode="url" required />
      <CanaryField checked={draft.canary} onChange={(canary) => set({ canary })} />
    </>
  );
}

export function CanaryField({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" name="canary" checked={checked} aria-describedby={id} onChange={(e) => onChange(e.target.checked)} />
        Canary (first in every rollout)
      </label>
      <div className="hint" id={id}>With staged rollout on, a canary gets every change before the other agents, in the first wave, so a bad change shows on it first.</div>
    </div>
  );
}

function capitalise(s: string) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function modelOptions(providers: Provider[], providerId: string) {
  const p = providers.find((x) => x.id === providerId);
  return [{ value: '', label: p ? 'Pick a model' : 'Pick a provider first' }, ...(p?.models ?? []).map((m) => ({ value: m.id, label: m.name && m.name !== m.id ? `${m.name} (${m.id})` : m.id }))];
}

function providerOptions(providers: Provider[], current: string) {
  return [{ value: '', label: 'Pick a provider' }, ...providers.filter((p) => p.active || p.id === current)
    .map((p) => ({ value: p.id, label: `${p.displayName} (${p.name})${p.active ? '' : ' — deactivated'}` }))];
}

export function ModelFields(props: { draft: Pick<AgentDraft, 'providerId' | 'primaryModel' | 'fallbacks'>; set: (p: Partial<AgentDraft>) => void; errors: Record<string, string>; providers: Provider[] }) {
  const { draft, set, errors, providers } = props;
  const setFallback = (i: number, patch: Partial<ModelRef>) => set({ fallbacks: draft.fallbacks.map((f, j) => (i === j ? { ...f, ...patch } : f)) });
  return (
    <>
      <div className="row">
        <SelectField label="Provider" name="providerId" value={draft.providerId} error={errors.providerId} options={providerOptions(providers, draft.providerId)}
          onChange={(v) => set({ providerId: v, primaryModel: providers.find((p) => p.id === v)?.models[0]?.id ?? '' })} />
        <SelectField label="Primary model" name="primaryModel" value={draft.primaryModel} error={errors.primaryModel}
          options={modelOptions(providers, draft.providerId)} onChange={(v) => set({ primaryModel: v })} />
      </div>
      <fieldset className="fallbacks">
        <legend>Fallbacks <span className="hint">(tried in order when the primary model fails)</span></legend>
        {draft.fallbacks.length === 0 && <p className="hint">None.</p>}
        <ol>
          {draft.fallbacks.map((f, i) => (
            <li key={i} className="fallback-row">
              <div className="row">
                <SelectField label={`Fallback ${i + 1} provider`} value={f.providerId} options={providerOptions(providers, f.providerId)}
                  onChange={(v) => setFallback(i, { providerId: v, model: providers.find((p) => p.id === v)?.models[0]?.id ?? '' })}
                  error={errors[`fallbacks[${i}].providerId`]} />
                <SelectField label={`Fallback ${i + 1} model`} value={f.model} options={modelOptions(providers, f.providerId)}
                  onChange={(v) => setFallback(i, { model: v })} error={errors[`fallbacks[${i}].model`] ?? errors[`fallbacks[${i}]`]} />
                <button type="button" className="link" onClick={() => set({ fallbacks: draft.fallbacks.filter((_, j) => j !== i) })}>Remove fallback {i + 1}</button>
              </div>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => set({ fallbacks: [...draft.fallbacks, { providerId: draft.providerId, model: '' }] })}>Add a fallback</button>
      </fieldset>
    </>
  );
}

export function PersonalityField(props: { value: string; onChange: (v: string) => void; error?: string; name: string; role: string }) {
  return (
    <div className="personality">
      <TextAreaField label="Personality (SOUL.md)" name="personality" value={props.value} onChange={props.onChange} error={props.error} rows={10}
        className="mono" hint="Markdown written into the agent’s workspace as SOUL.md: who the agent is and how it behaves." />
      {!props.value && (
        <button type="button" className="link" onClick={() => props.onChange(SOUL_TEMPLATE.replace('{name}', props.name || 'an agent').replace('{role}', props.role || 'a helpful assistant'))}>
          Start from a template
        </button>
      )}
    </div>
  );
}

export function ToolsField(props: { value: string; onChange: (v: string) => void; error?: string }) {
  const current = parseTools(props.value);
  const toggle = (tool: string, on: boolean) => {
    const next = on ? [...current, tool] : current.filter((t) => t !== tool);
    props.onChange(next.join('\n'));
  };
  return (
    <fieldset className="tools">
      <legend>Tool permissions</legend>
      <div className="checks">
        {COMMON_TOOLS.map((t) => (
          <label key={t} className="check"><input type="checkbox" checked={current.includes(t)} onChange={(e) => toggle(t, e.target.checked)} /> {t}</label>
        ))}
      </div>
      <TextAreaField label="Allowed tools (one per line; patterns like group:fs or web_* work too)" name="toolPermissions" value={props.value}
        onChange={props.onChange} error={props.error} rows={3} className="mono" hint="Empty: the gateway’s defaults." />
    </fieldset>
  );
}

export function agentBody(d: AgentDraft) {
  return {
    name: d.name.trim(),
    displayName: d.displayName.trim(),
    role: d.role.trim() || null,
    gatewayUrl: d.gatewayUrl.trim(),
    canary: d.canary,
    providerId: d.providerId || null,
    primaryModel: d.primaryModel || null,
    fallbacks: d.fallbacks,
    personality: d.personality || null,
    toolPermissions: parseTools(d.tools),
  };
}
