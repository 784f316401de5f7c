// Settings → Rollout: the rollout policy, each field explained; admins edit, auditors read.

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type RolloutPolicy, type RolloutPolicyRequest, type SavedRolloutPolicy } from '../api';
import { QueryStatus, SaveButton, SelectField, StaleNotice, Status, TextField, useAction } from '../components/ui';
import { changes, queries } from '../queries';
import { VERIFY } from '../rollouts/words';

type Verify = RolloutPolicy['verify'];

/** The form as typed: numbers stay text until saved, so a half-typed value is never replaced. */
interface PolicyDraft {
  enabled: boolean;
  waves: string;
  bakeSeconds: string;
  applyTimeoutSeconds: string;
  verify: Verify;
  maxFailedAgents: string;
}

function toDraft(p: RolloutPolicy): PolicyDraft {
  return {
    enabled: p.enabled, waves: p.waves.join(', '), bakeSeconds: String(p.bakeSeconds),
    applyTimeoutSeconds: String(p.applyTimeoutSeconds), verify: p.verify, maxFailedAgents: String(p.maxFailedAgents),
  };
}

/** "10, 50, 100" (or "10 50 100%"): the numbers, or null when one is not a whole number. */
export function parseWaves(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).map((t) => t.replace(/%$/, '')).filter(Boolean);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : null;
}

const WHOLE = /^\d+$/;

/** Checks what only the browser can (numbers are numbers); every rule of the values is the server's. */
function check(d: PolicyDraft): { body?: RolloutPolicyRequest; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const waves = parseWaves(d.waves);
  if (!waves) errors.waves = 'write whole percentages separated by commas, e.g. 10, 50, 100';
  else if (waves.length === 0) errors.waves = 'needs at least one wave, the last 100';
  for (const field of ['bakeSeconds', 'applyTimeoutSeconds', 'maxFailedAgents'] as const) {
    if (!WHOLE.test(d[field].trim())) errors[field] = d[field].trim() ? 'must be a whole number' : 'is required';
  }
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    body: {
      enabled: d.enabled, waves: waves!, bakeSeconds: Number(d.bakeSeconds), applyTimeoutSeconds: Number(d.applyTimeoutSeconds),
      verify: d.verify, maxFailedAgents: Number(d.maxFailedAgents),
    },
  };
}

/** The server names a wave by index (waves[1]); said as people count them ("wave 2"). */
function wavesError(errors: Record<string, string>): string | undefined {
  const messages = Object.entries(errors).filter(([k]) => k === 'waves' || k.startsWith('waves['))
    .map(([k, m]) => {
      const index = /^waves\[(\d+)\]$/.exec(k);
      return index ? `wave ${Number(index[1]) + 1}: ${m}` : m;
    });
  return messages.length ? messages.join('; ') : undefined;
}

function WaveChips({ text }: { text: string }) {
  const waves = parseWaves(text);
  if (!waves || waves.length === 0) return null;
  return (
    <ol className="chips" aria-label="Waves as entered">
      {waves.map((w, i) => <li key={i} className="chip">Wave {i + 1}: {i === 0 ? `first ${w} %` : `up to ${w} %`}</li>)}
    </ol>
  );
}

export function RolloutPolicyPage({ admin }: { admin: boolean }) {
  const read = useQuery(queries.rolloutPolicy());
  // the form shows the policy as read until someone edits it; then it keeps the version it was edited from (If-Match)
  const [edit, setEdit] = useState<{ version: number | null; draft: PolicyDraft } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction({ invalidates: changes.rolloutPolicy });

  const data = read.data;
  if (!data) {
    return (
      <section aria-labelledby="policy-heading">
        <h1 id="policy-heading">Rollout policy</h1>
        <QueryStatus query={read} loading="Loading the rollout policy…" />
      </section>
    );
  }
  const version = edit ? edit.version : data.version;
  const draft = edit?.draft ?? toDraft(data.policy);
  const set = (p: Partial<PolicyDraft>) => setEdit((e) => ({ version: e ? e.version : data.version, draft: { ...(e?.draft ?? toDraft(data.policy)), ...p } }));

  async function save(e: FormEvent) {
    e.preventDefault();
    const { body, errors: local } = check(draft);
    setErrors(local);
    if (!body) {
      action.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    const saved = await action.run('Saving the rollout policy…',
      () => api.put<SavedRolloutPolicy>('/api/settings/rollout', body, version === null ? {} : { ifMatch: version }),
      (r) => (r.enabled ? 'Saved. Changes now reach the agents in waves.' : 'Saved. Staged rollout is off: changes reach every agent at once.'));
    if (saved) setEdit(null);
  }

  async function reload() {
    await read.refetch();
    setEdit(null);
    setErrors({});
    action.setState({ kind: 'idle' });
  }

  const all = { ...action.fieldErrors, ...errors };
  return (
    <section aria-labelledby="policy-heading">
      <div className="page-head">
        <h1 id="policy-heading">Rollout policy</h1>
        <Link to="/rollouts">Rollouts →</Link>
      </div>
      <p>
        With staged rollout on, a change that gives agents a new config reaches them in waves: canary agents first,
        then the others. Each wave is checked healthy before the next starts, and a wave that fails rolls the change
        back by itself, so the agents of later waves never see it.
      </p>
      {!admin && <p className="notice" role="note">Read-only: your role can view the rollout policy but not change it.</p>}
      {action.stale && <StaleNotice onReload={() => void reload()} />}
      <form className="card form" aria-label="Rollout policy" noValidate onSubmit={save}>
        <fieldset className="plain fields" disabled={!admin}>
          <div className="field">
            <label className="check">
              <input type="checkbox" name="enabled" checked={draft.enabled} aria-describedby="policy-enabled-hint"
                onChange={(e) => set({ enabled: e.target.checked })} />
              Roll changes out in waves
            </label>
            <div className="hint" id="policy-enabled-hint">Off: every change reaches every agent at once, as without a policy.</div>
          </div>
          <TextField label="Waves (% of the agents a change affects)" name="waves" value={draft.waves} onChange={(v) => set({ waves: v })}
            error={wavesError(all)} inputMode="numeric" autoComplete="off"
            hint={<>Rising percentages ending with 100, each counting the waves before it: 10, 50, 100 sends a change to 10 % of the agents first, then up to half, then to all.
              <WaveChips text={draft.waves} /></>} />
          <div className="row">
            <TextField label="Bake time (seconds)" name="bakeSeconds" type="number" min={0} max={86400} inputMode="numeric"
              value={draft.bakeSeconds} onChange={(v) => set({ bakeSeconds: v })} error={all.bakeSeconds}
              hint="How long a wave must stay healthy, checked again meanwhile, before the next wave starts." />
            <TextField label="Apply timeout (seconds)" name="applyTimeoutSeconds" type="number" min={1} max={3600} inputMode="numeric"
              value={draft.applyTimeoutSeconds} onChange={(v) => set({ applyTimeoutSeconds: v })} error={all.applyTimeoutSeconds}
              hint="How long an agent has to report that it runs the new version before it counts as failed." />
          </div>
          <SelectField label="Verification" name="verify" value={draft.verify} error={all.verify}
            options={(Object.keys(VERIFY) as Verify[]).map((v) => ({ value: v, label: VERIFY[v].label }))}
            onChange={(v) => set({ verify: v as Verify })}
            hint={<>What makes an agent count as healthy on the new version:
              <ul className="verify-levels">
                {(Object.keys(VERIFY) as Verify[]).map((v) => <li key={v}><strong>{VERIFY[v].label}</strong>: {VERIFY[v].explain}</li>)}
              </ul></>} />
          <TextField label="Failed agents allowed per wave" name="maxFailedAgents" type="number" min={0} max={10000} inputMode="numeric"
            value={draft.maxFailedAgents} onChange={(v) => set({ maxFailedAgents: v })} error={all.maxFailedAgents}
            hint="How many agents of a wave may fail before the change is rolled back; 0 rolls back at the first failure." />
        </fieldset>
        {admin && <div className="actions"><SaveButton disabled={action.busy} /></div>}
        <Status state={action.state} />
      </form>
    </section>
  );
}
