// Settings → API tokens: issue a token for a script or CI (shown once, with a copy button), see the tokens, revoke one.

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type ApiToken, type IssuedApiToken, type Me, type NewApiToken } from '../api';
import { ConfirmButton, OneTimeSecret, QueryStatus, SelectField, Status, TextField, useAction } from '../components/ui';
import { changes, queries } from '../queries';
import { isAdmin } from '../session';

type Role = NonNullable<NewApiToken['role']>;

interface Draft {
  name: string;
  role: Role;
  days: string;
}

const ROLE_WORDS: Record<string, string> = {
  ADMIN: 'Admin (read and change)',
  AUDITOR: 'Auditor (read only)',
};

function when(at: string | null | undefined): string {
  return at ? new Date(at).toLocaleString() : 'never';
}

/** Checks what only the browser can (a whole number of days); every other rule is the server's. */
function check(d: Draft): { body?: NewApiToken; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!d.name.trim()) errors.name = 'is required';
  if (!/^\d+$/.test(d.days.trim())) errors.expiresInDays = 'must be a whole number of days (1 to 365)';
  if (Object.keys(errors).length) return { errors };
  return { errors, body: { name: d.name.trim(), role: d.role, expiresInDays: Number(d.days) } };
}

export function ApiTokensPage({ me }: { me: Me }) {
  const admin = isAdmin(me);
  const read = useQuery(queries.apiTokens());
  const [draft, setDraft] = useState<Draft>({ name: '', role: 'AUDITOR', days: '30' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<IssuedApiToken | null>(null);
  const create = useAction({ invalidates: changes.apiToken });
  const revoke = useAction({ invalidates: changes.apiToken });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { body, errors: local } = check(draft);
    setErrors(local);
    if (!body) {
      create.setState({ kind: 'error', message: 'Please correct the highlighted fields.' });
      return;
    }
    setIssued(null);
    const token = await create.run('Creating the token…', () => api.post<IssuedApiToken>('/api/tokens', body),
      (t) => `Token “${t.name}” created. Copy it now: it is shown only this once.`);
    if (token) {
      setIssued(token);
      setDraft({ name: '', role: draft.role, days: draft.days });
    }
  }

  async function revokeToken(t: ApiToken) {
    await revoke.run(`Revoking “${t.name}”…`, () => api.delete<void>(`/api/tokens/${encodeURIComponent(t.id)}`),
      `Token “${t.name}” revoked. Anything still using it is refused from now on.`);
    if (issued?.id === t.id) setIssued(null);
  }

  const all = { ...create.fieldErrors, ...errors };
  const tokens = read.data?.items;
  const now = Date.now();
  return (
    <section aria-labelledby="tokens-heading">
      <h1 id="tokens-heading">API tokens</h1>
      <p>
        A token lets a script or a CI job use the Mosaic API without a browser: send it as
        {' '}<code>Authorization: Bearer &lt;token&gt;</code>. It acts with the role you give it, never more than your
        own, until it expires or you revoke it. It cannot be used for the chat or to sign in.
      </p>

      <form className="card form" aria-label="New API token" noValidate onSubmit={submit}>
        <h2>New token</h2>
        <TextField label="Name" name="name" value={draft.name} onChange={(v) => setDraft({ ...draft, name: v })}
          error={all.name} autoComplete="off" hint="What uses it, e.g. “deploy pipeline”." />
        <SelectField label="Role" name="role" value={draft.role} onChange={(v) => setDraft({ ...draft, role: v as Role })}
          error={all.role}
          options={(admin ? ['AUDITOR', 'ADMIN'] : ['AUDITOR']).map((r) => ({ value: r, label: ROLE_WORDS[r] }))} />
        <TextField label="Expires after (days)" name="expiresInDays" type="number" min={1} max={365} inputMode="numeric"
          value={draft.days} onChange={(v) => setDraft({ ...draft, days: v })} error={all.expiresInDays}
          hint="1 to 365 days." />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.busy}>Create token</button>
        </div>
        <Status state={create.state} />
        {issued && (
          <OneTimeSecret label={`Token “${issued.name}” (${issued.role.toLowerCase()}, expires ${when(issued.expiresAt)})`}
            value={issued.token}
            hint="Shown once: copy it now. Mosaic keeps only a fingerprint of it and cannot show it again." />
        )}
      </form>

      <h2>{admin ? 'All tokens' : 'Your tokens'}</h2>
      <QueryStatus query={read} loading="Loading the tokens…" />
      <Status state={revoke.state} />
      {tokens && tokens.length === 0 && <p>No tokens yet.</p>}
      {tokens && tokens.length > 0 && (
        <table className="table" aria-label="API tokens">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Owner</th><th scope="col">Created</th>
              <th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const expired = new Date(t.expiresAt).getTime() <= now;
              return (
                <tr key={t.id}>
                  <td data-label="Name">{t.name}</td>
                  <td data-label="Role">{t.role.toLowerCase()}</td>
                  <td data-label="Owner">{t.owner}</td>
                  <td data-label="Created">{when(t.createdAt)}</td>
                  <td data-label="Expires">{expired ? <span className="badge badge-muted">expired</span> : when(t.expiresAt)}</td>
                  <td data-label="Last used">{when(t.lastUsedAt)}</td>
                  <td>
                    <ConfirmButton danger label="Revoke" title={`Revoke the token “${t.name}”?`} confirmLabel="Revoke token"
                      disabled={revoke.busy}
                      message={<p>Scripts and CI jobs using it are refused from their next request. This cannot be undone.</p>}
                      onConfirm={() => void revokeToken(t)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
