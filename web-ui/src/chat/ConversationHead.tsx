// The open conversation's title, with Rename (a small inline form) and Delete (asked first).

import { useState, type FormEvent } from 'react';
import { api, type ConversationSummary } from '../api';
import { ConfirmButton, Status, TextField, useAction } from '../components/ui';
import { keys } from '../queries';

/** The server's limit on a title. */
const MAX_TITLE = 200;

export function ConversationHead(props: { id: string; title: string; onDeleted: () => void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const action = useAction({ invalidates: [keys.conversations] });

  function startRename() {
    setDraft(props.title);
    action.setState({ kind: 'idle' });
    action.setFieldErrors({});
    setEditing(true);
  }

  async function rename(e: FormEvent) {
    e.preventDefault();
    const title = draft.trim();
    if (!title) {
      action.setFieldErrors({ title: 'Give the conversation a title.' });
      return;
    }
    const saved = await action.run('Renaming…',
      () => api.patch<ConversationSummary>(`/api/chat/conversations/${encodeURIComponent(props.id)}`, { title }),
      'Renamed.');
    if (saved) setEditing(false);
  }

  async function remove() {
    const done = await action.run('Deleting the conversation…', async () => {
      await api.delete<void>(`/api/chat/conversations/${encodeURIComponent(props.id)}`);
      return true;
    });
    if (done) props.onDeleted();
  }

  return (
    <div className="conv-head">
      {editing ? (
        <form className="conv-rename" aria-label="Rename conversation" onSubmit={(e) => void rename(e)}>
          <TextField label="Title" value={draft} onChange={setDraft} maxLength={MAX_TITLE} autoFocus
            error={action.fieldErrors.title} />
          <div className="actions">
            <button type="submit" className="primary" disabled={action.busy}>Save title</button>
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <>
          <h2 className="conv-heading">{props.title}</h2>
          <div className="actions">
            <button type="button" onClick={startRename}>Rename</button>
            <ConfirmButton label="Delete" title="Delete this conversation?" danger
              message="This cannot be undone." confirmLabel="Delete conversation" disabled={action.busy}
              onConfirm={() => void remove()} />
          </div>
        </>
      )}
      <Status state={action.state} />
    </div>
  );
}
