// The signed-in person's conversations beside the chat: newest first, "Show older" for the next page, and
// "Delete all my conversations". On a narrow screen the list folds away behind a "Conversations" toggle.

import { useId, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { ConfirmButton, QueryStatus, Status, useAction } from '../components/ui';
import { keys, queries } from '../queries';
import { ago, fullTime } from './when';

export function ConversationList(props: {
  /** The conversation open beside the list, if any. */
  selected: string | null;
  /** An agent's name as people know it (its display name while it is offered). */
  agentLabel: (agent: string) => string;
  /** Every conversation is gone: the chat starts over. */
  onAllDeleted: () => void;
}) {
  const list = useInfiniteQuery(queries.conversations());
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const deleteAll = useAction({ invalidates: [keys.conversations] });
  // on a narrow screen: folded until asked for, folded again once one is picked
  const [unfolded, setUnfolded] = useState(false);
  const bodyId = useId();
  const headingId = bodyId + '-heading';

  async function removeAll() {
    const done = await deleteAll.run('Deleting all your conversations…',
      async () => { await api.delete<void>('/api/chat/conversations'); return true; }, 'All your conversations were deleted.');
    if (done) props.onAllDeleted();
  }

  return (
    <aside className={'chat-side' + (unfolded ? ' unfolded' : '')} aria-labelledby={headingId}>
      <button type="button" className="chat-side-toggle" aria-expanded={unfolded} aria-controls={bodyId}
        onClick={() => setUnfolded((u) => !u)}>
        Conversations{items.length ? ` (${items.length}${list.hasNextPage ? '+' : ''})` : ''}
      </button>
      <div className="chat-side-body" id={bodyId}>
        <h2 id={headingId} className="chat-side-heading">Your conversations</h2>
        <QueryStatus query={list} loading="Loading your conversations…" />
        {list.isSuccess && items.length === 0 && (
          <p className="muted conv-none">No conversations yet. Your first message starts one.</p>
        )}
        {items.length > 0 && (
          <ul className="conv-list">
            {items.map((c) => (
              <li key={c.id}>
                <Link to={`/chat/${encodeURIComponent(c.id)}`} className="conv-link"
                  aria-current={c.id === props.selected ? 'page' : undefined} onClick={() => setUnfolded(false)}>
                  <span className="conv-title">{c.title}</span>
                  <span className="conv-meta">
                    {props.agentLabel(c.agent)} · <time dateTime={c.updatedAt} title={fullTime(c.updatedAt)}>{ago(c.updatedAt)}</time>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <button type="button" className="conv-older" disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}>
            {list.isFetchingNextPage ? 'Loading older conversations…' : 'Show older'}
          </button>
        )}
        {items.length > 0 && (
          <div className="conv-all">
            <ConfirmButton label="Delete all my conversations" title="Delete all your conversations?" danger
              message="Every conversation you have had here is deleted, with all its messages. This cannot be undone."
              confirmLabel="Delete all" disabled={deleteAll.busy} onConfirm={() => void removeAll()} />
          </div>
        )}
        <Status state={deleteAll.state} />
      </div>
    </aside>
  );
}
