import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError, postStream, type ChatMessage, type ChatRequest } from '../api';
import { QueryStatus, errorMessage } from '../components/ui';
import { queries } from '../queries';
import { Markdown } from './markdown';
import { ChatStreamError, readChatStream } from './sse';

interface Turn {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  /** Who answered (the agent's display name when the question was sent). */
  from?: string;
  state?: 'streaming' | 'done' | 'stopped' | 'error';
  error?: string;
}

/** A server's message ("the agent's gateway answered 500") as a sentence. */
function sentence(message: string): string {
  if (!message) return message;
  const text = message[0].toUpperCase() + message.substring(1);
  return /[.!?…]$/.test(text) ? text : text + '.';
}

function describe(e: unknown): string {
  if (e instanceof ApiError || e instanceof ChatStreamError) return sentence(errorMessage(e));
  return 'The connection to Mosaic broke while the answer was arriving. Try again.';
}

/** The history the gateway gets each turn: every question, and every answer that has text. */
function history(turns: Turn[]): ChatMessage[] {
  return turns.filter((t) => t.content.trim()).map((t) => ({ role: t.role, content: t.content }));
}

export function ChatPage({ admin }: { admin: boolean }) {
  const list = useQuery(queries.chatAgents());
  const agents = list.data?.items ?? null;
  const [chosen, setAgent] = useState('');
  // the first agent until another is chosen (or when the chosen one is no longer offered)
  const agent = agents?.some((a) => a.name === chosen) ? chosen : agents?.[0]?.name ?? '';
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState('');
  const [streaming, setStreaming] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const nextId = useRef(1);
  const input = useRef<HTMLTextAreaElement>(null);
  const follow = useRef(true);
  const inputId = useId();
  // Ready to type as soon as there is someone to talk to.
  useEffect(() => {
    if (agents?.length) input.current?.focus();
  }, [agents]);
  // Leaving the page stops the answer; Mosaic then cancels the request to the gateway.
  useEffect(() => () => abort.current?.abort(), []);

  // Keep the newest text in view while it streams, unless the reader scrolled up to read.
  useEffect(() => {
    const onScroll = () => {
      const doc = document.scrollingElement;
      if (doc) follow.current = doc.scrollTop + window.innerHeight >= doc.scrollHeight - 80;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  useEffect(() => {
    const doc = document.scrollingElement;
    if (doc && follow.current) doc.scrollTop = doc.scrollHeight;
  }, [turns]);

  const current = agents?.find((a) => a.name === agent);
  const agentName = current?.displayName || agent;

  async function send() {
    const text = draft.trim();
    if (!text || streaming || !agent) return;
    const messages = [...history(turns), { role: 'user' as const, content: text }];
    const question = nextId.current++;
    const answer = nextId.current++;
    setTurns((ts) => [...ts, { id: question, role: 'user', content: text },
      { id: answer, role: 'assistant', content: '', from: agentName, state: 'streaming' }]);
    setDraft('');
    setStreaming(true);
    follow.current = true;
    input.current?.focus();
    const controller = new AbortController();
    abort.current = controller;
    const update = (patch: (t: Turn) => Partial<Turn>) =>
      setTurns((ts) => ts.map((t) => (t.id === answer ? { ...t, ...patch(t) } : t)));
    try {
      const body: ChatRequest = { messages, stream: true };
      const response = await postStream(`/api/chat/${encodeURIComponent(agent)}`, body, { signal: controller.signal });
      if (!response.body) throw new ChatStreamError('This browser cannot read a streamed answer.');
      await readChatStream(response.body, (delta) => update((t) => ({ content: t.content + delta })));
      update(() => ({ state: 'done' }));
    } catch (e) {
      if (controller.signal.aborted) update(() => ({ state: 'stopped' }));
      else update(() => ({ state: 'error', error: describe(e) }));
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setStreaming(false);
        // The Stop button is gone: a keyboard user who was on it continues in the message box.
        if (!document.activeElement || document.activeElement === document.body) input.current?.focus();
      }
    }
  }

  function stop() {
    abort.current?.abort();
    input.current?.focus();
  }

  function newConversation() {
    const running = abort.current;
    abort.current = null;
    running?.abort();
    setStreaming(false);
    setTurns([]);
    input.current?.focus();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void send();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }

  const none = agents !== null && agents.length === 0;
  return (
    <section className="chat" aria-labelledby="chat-heading">
      <div className="page-head">
        <h1 id="chat-heading">Chat</h1>
        {agents && agents.length > 0 && (
          <div className="chat-agent">
            <label htmlFor={inputId + '-agent'}>Agent</label>
            <select id={inputId + '-agent'} value={agent} disabled={streaming}
              aria-describedby={turns.length ? inputId + '-agent-hint' : undefined}
              onChange={(e) => { setAgent(e.target.value); if (turns.length) newConversation(); }}>
              {agents.map((a) => <option key={a.name} value={a.name}>{a.displayName}{a.role ? ` — ${a.role}` : ''}</option>)}
            </select>
            {turns.length > 0 && <span id={inputId + '-agent-hint'} className="sr-only">Choosing another agent starts a new conversation.</span>}
          </div>
        )}
        <button type="button" onClick={newConversation} disabled={!turns.length}>New conversation</button>
      </div>
      <QueryStatus query={list} loading="Loading agents…" />
      {none && (
        <div className="notice">
          No agent is available to chat with yet.
          {admin ? <> <Link to="/settings/agents">Add or activate an agent</Link>.</> : ' Ask an administrator to add one.'}
        </div>
      )}

      <div className="chat-log" role="log" aria-live="polite" aria-label="Conversation">
        {turns.length === 0 && current && (
          <p className="chat-empty muted">Ask {agentName} anything. The answer appears as it is written.</p>
        )}
        {turns.map((t) => <Message key={t.id} turn={t} />)}
      </div>
      <div className="sr-only" role="status">{streaming ? `${agentName} is answering…` : ''}</div>

      <form className="chat-composer" onSubmit={submit} aria-label="Send a message">
        <div className="field">
          <label htmlFor={inputId} className="sr-only">Message{agentName ? ` to ${agentName}` : ''}</label>
          <textarea id={inputId} ref={input} name="message" value={draft} disabled={none || !agent}
            rows={Math.min(8, Math.max(2, draft.split('\n').length))} aria-describedby={inputId + '-hint'}
            placeholder={agentName ? `Message ${agentName}` : 'Message'}
            onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
          <div className="hint" id={inputId + '-hint'}>Enter sends; Shift+Enter starts a new line.</div>
        </div>
        <div className="actions">
          {streaming
            ? <button type="button" className="danger" onClick={stop}>Stop</button>
            : <button type="submit" className="primary" disabled={!draft.trim() || !agent}>Send</button>}
        </div>
      </form>
    </section>
  );
}

function Message({ turn }: { turn: Turn }) {
  const who = turn.role === 'user' ? 'You' : turn.from || 'Agent';
  const waiting = turn.state === 'streaming' && !turn.content;
  return (
    <article className={`msg msg-${turn.role}`} aria-label={who} aria-busy={turn.state === 'streaming' || undefined}>
      <div className="msg-who">{who}</div>
      <div className="msg-body">
        {turn.role === 'user' ? <p className="msg-text">{turn.content}</p> : <Markdown text={turn.content} />}
        {waiting && <span className="typing" role="img" aria-label="Waiting for the answer"><span /><span /><span /></span>}
      </div>
      {turn.state === 'stopped' && <div className="msg-note">Stopped{turn.content ? '' : ' before any answer arrived'}.</div>}
      {turn.state === 'error' && <div className="status status-error" role="alert">{turn.error}</div>}
    </article>
  );
}
