import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError, Proposed, type ChangeRequest } from '../api';
import { keys, queries } from '../queries';

/** A labelled input with its hint and error, linked for screen readers. */
export function Field(props: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? id + '-hint' : undefined;
  const errorId = props.error ? id + '-error' : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={'field' + (props.error ? ' field-invalid' : '')}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, describedBy, invalid: !!props.error })}
      {props.hint && <div className="hint" id={hintId}>{props.hint}</div>}
      {props.error && <div className="error" id={errorId} role="alert">{props.error}</div>}
    </div>
  );
}

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange'> & {
  label: string;
  error?: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
};

export function TextField({ label, error, hint, value, onChange, ...rest }: InputProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value}
          onChange={(e) => onChange(e.target.value)} {...rest} />
      )}
    </Field>
  );
}

export function SelectField(props: {
  label: string;
  error?: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  required?: boolean;
  name?: string;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name={props.name} aria-describedby={describedBy} aria-invalid={invalid || undefined}
          value={props.value} required={props.required} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

export function TextAreaField(props: {
  label: string;
  error?: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  name?: string;
  className?: string;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} name={props.name} rows={props.rows ?? 8} aria-describedby={describedBy}
          aria-invalid={invalid || undefined} value={props.value} className={props.className}
          onChange={(e) => props.onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** Progress, then success or failure, of the last action; announced politely. */
export type ActionState =
  | { kind: 'idle' }
  | { kind: 'busy'; message: string }
  | { kind: 'ok'; message: string }
  | { kind: 'error'; message: string; error?: ApiError }
  /** Four-eyes: the write became a change request, nothing is applied yet. */
  | { kind: 'proposed'; message: string; request: ChangeRequest };

export function Status({ state }: { state: ActionState }) {
  if (state.kind === 'idle') return <div className="status" aria-live="polite" />;
  if (state.kind === 'proposed') {
    return (
      <div className="status status-proposed" role="status" aria-live="polite" data-testid="proposed">
        {state.message}{' '}<Link to={`/change-requests/${state.request.id}`}>Open the change request</Link>
      </div>
    );
  }
  return (
    <div className={'status status-' + state.kind} role={state.kind === 'error' ? 'alert' : 'status'} aria-live="polite">
      {state.kind === 'busy' && <span className="spinner" aria-hidden="true" />}
      {state.message}
    </div>
  );
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    return e.problem.detail || e.problem.title || `HTTP ${e.status}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** A failure as said next to a form or a page: the server's words, pointing at the fields it names. */
function failureState(e: unknown): ActionState {
  if (!(e instanceof ApiError)) return { kind: 'error', message: errorMessage(e) };
  const fields = Object.keys(e.fieldErrors);
  const message = fields.length
    ? `${e.problem.detail || 'Some fields are invalid.'} See the highlighted field${fields.length > 1 ? 's' : ''}.`
    : errorMessage(e);
  return { kind: 'error', message, error: e };
}

/**
 * Runs one action at a time (a TanStack Query mutation) with progress and outcome in words; field errors go to
 * the form. A write names the queries it makes stale (`invalidates`): they are refetched before the outcome is
 * said, so the page shows what was saved; with `refetch: false` they are only marked stale (the page is left,
 * e.g. after a delete, and the next one reads them afresh).
 */
export function useAction(options: { invalidates?: readonly QueryKey[]; refetch?: boolean } = {}) {
  const client = useQueryClient();
  const { invalidates = [], refetch = true } = options;
  const mutation = useMutation({
    mutationFn: (action: () => Promise<unknown>) => action(),
    onSuccess: () => Promise.all(invalidates.map((queryKey) =>
      client.invalidateQueries({ queryKey, refetchType: refetch ? 'active' : 'none' }))),
  });
  const [state, setState] = useState<ActionState>({ kind: 'idle' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [stale, setStale] = useState(false);
  async function run<T>(busy: string, action: () => Promise<T>, ok?: string | ((result: T) => string)): Promise<T | undefined> {
    setState({ kind: 'busy', message: busy });
    setFieldErrors({});
    setStale(false);
    try {
      const result = (await mutation.mutateAsync(action)) as T;
      setState(ok ? { kind: 'ok', message: typeof ok === 'function' ? ok(result) : ok } : { kind: 'idle' });
      return result;
    } catch (e) {
      if (e instanceof Proposed) {
        // stored as a change request: said as such, never as an error; the change requests are read again
        void client.invalidateQueries({ queryKey: keys.changeRequests });
        setState({ kind: 'proposed', message: e.message, request: e.request });
        return undefined;
      }
      if (e instanceof ApiError) {
        if (e.problem.approvalRequired === true) void client.invalidateQueries({ queryKey: keys.changePolicy });
        setFieldErrors(e.fieldErrors);
        if (e.isStale) setStale(true);
        // refused because a rollout runs: the banner names it
        if (e.problem.rolloutId) void client.invalidateQueries({ queryKey: keys.rollouts });
      }
      setState(failureState(e));
      return undefined;
    }
  }
  return { state, setState, fieldErrors, setFieldErrors, stale, run, busy: state.kind === 'busy' };
}

/**
 * Four-eyes as the settings forms need it: whether their writes are proposed (the change policy asks for
 * approvals), and how many approvals a change needs. Off while the policy cannot be read. With `read` false it
 * only looks at the policy as last read (the frame reads it for every admin and auditor).
 */
export function useFourEyes(read = true): { on: boolean; approvalsRequired: number } {
  const policy = useQuery({ ...queries.changePolicy(), enabled: read });
  const approvalsRequired = policy.data?.policy.approvalsRequired ?? 0;
  return { on: approvalsRequired > 0, approvalsRequired };
}

/** "Save …" as it reads with four-eyes on: "Propose …" (the write is then proposed, see api.ts). */
export function proposeLabel(label: string, on: boolean): string {
  return on ? label.replace(/^Save\b/, 'Propose') : label;
}

/**
 * A form's submit button: "Save …", or "Propose …" while four-eyes is on and the form's write is a governed one
 * (`governed`: false for the first-boot wizard, which stays as it is).
 */
export function SaveButton({ label = 'Save', disabled, governed = true }: { label?: string; disabled?: boolean; governed?: boolean }) {
  const { on } = useFourEyes(false);
  return <button type="submit" className="primary" disabled={disabled}>{proposeLabel(label, on && governed)}</button>;
}

/** What QueryStatus needs of a useQuery / useInfiniteQuery result. */
type Read = Pick<UseQueryResult, 'isLoading' | 'isError' | 'error' | 'refetch'>;

/**
 * The one presentation of reads: the loading message while a page's data first arrives (or `busy` says so),
 * the server's failure with "Try again", nothing once it is in. Several reads show as one.
 */
export function QueryStatus({ query, loading, busy = false }: { query: Read | Read[]; loading: string; busy?: boolean }) {
  const reads = Array.isArray(query) ? query : [query];
  const failed = reads.find((r) => r.isError);
  if (failed) {
    return (
      <div className="query-failed">
        <Status state={failureState(failed.error)} />
        <button type="button" onClick={() => reads.filter((r) => r.isError).forEach((r) => void r.refetch())}>Try again</button>
      </div>
    );
  }
  if (busy || reads.some((r) => r.isLoading)) return <Status state={{ kind: 'busy', message: loading }} />;
  return <Status state={{ kind: 'idle' }} />;
}

/** The field errors a failed read names (e.g. a refused filter). */
export function readFieldErrors(query: Pick<Read, 'error'>): Record<string, string> {
  return query.error instanceof ApiError ? query.error.fieldErrors : {};
}

/** Said when a write answered 412: someone else changed the entity since it was read. */
export function StaleNotice({ onReload }: { onReload: () => void }) {
  return (
    <div className="notice notice-warning" role="alert">
      <strong>Someone else changed this</strong> since you opened it, so your change was not saved.
      {' '}<button type="button" onClick={onReload}>Reload the latest version</button>
    </div>
  );
}

/** A button that asks first (a modal dialog) before a destructive action. */
export function ConfirmButton(props: {
  label: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  danger?: boolean;
  disabled?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
    }
  }, [open]);
  const titleId = useId();
  return (
    <>
      <button type="button" className={props.danger ? 'danger' : undefined} disabled={props.disabled}
        onClick={() => setOpen(true)}>{props.label}</button>
      <dialog ref={dialog} aria-labelledby={titleId} onClose={() => setOpen(false)} onCancel={() => setOpen(false)}>
        {open && (
          <div className="dialog-body">
            <h2 id={titleId}>{props.title}</h2>
            <div>{props.message}</div>
            <div className="actions">
              <button type="button" autoFocus onClick={() => setOpen(false)}>Cancel</button>
              <button type="button" className={props.danger ? 'danger' : 'primary'}
                onClick={() => { setOpen(false); props.onConfirm(); }}>{props.confirmLabel}</button>
            </div>
          </div>
        )}
      </dialog>
    </>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'idle' | 'ok' | 'fail'>('idle');
  async function copy() {
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
      } else {
        const area = document.createElement('textarea');
        area.value = text;
        document.body.appendChild(area);
        area.select();
        document.execCommand('copy');
        area.remove();
      }
      setDone('ok');
    } catch {
      setDone('fail');
    }
  }
  return (
    <button type="button" onClick={copy} aria-live="polite">
      {done === 'ok' ? 'Copied' : done === 'fail' ? 'Copy failed: select and copy by hand' : label}
    </button>
  );
}

/** A secret shown exactly once, with a copy button. */
export function OneTimeSecret({ label, value, hint = 'Shown once: copy it now. Mosaic stores only an encrypted copy and cannot show it again.' }:
  { label: string; value: string; hint?: string }) {
  return (
    <div className="secret">
      <div className="secret-label">{label}</div>
      <div className="secret-row">
        <code className="secret-value" tabIndex={0}>{value}</code>
        <CopyButton text={value} />
      </div>
      <div className="hint">{hint}</div>
    </div>
  );
}

export function download(filename: string, content: string, type = 'text/plain') {
  const blob = new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
