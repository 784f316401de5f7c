import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, CONVERSATION_HEADER, postStream, type ChatMessage, type ChatRequest, type ConversationMessage } from '../api';
import { QueryStatus, errorMessage } from '../components/ui';
import { keys, queries } from '../queries';
import { ConversationHead } from './ConversationHead';
import { ConversationList } from './ConversationList';
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

/** The conversation on screen: a new chat (no id yet), or one of the person's, loading or loaded. */
interface Open {
  id: string | null;
  /** The agent the conversation is with (fixed once it exists). */
  agent: string | null;
  /** Its messages are being read from Mosaic. */
  loading: boolean;
}

const NEW_CHAT: Open = { id: null, agent: null, loading: false };

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

/** A stored message as the live ones show: a stopped or failed answer keeps its note. */
function stateOf(m: ConversationMessage): Pick<Turn, 'state' | 'error'> {
  if (m.status === 'stopped') return { state: 'stopped' };
  if (m.status === 'failed') return { state: 'error', error: sentence(m.error || 'The answer failed') };
  return { state: 'done' };
}

export function ChatPage({ admin }: { admin: boolean }) {
  const routeId = useParams().conversationId ?? null;
  const navigate = useNavigate();
  const client = useQueryClient();
  const list = useQuery(queries.chatAgents());
  const agents = list.data?.items ?? null;
  const [chosen, setAgent] = useState('');
  const [open, setOpen] = useState<Open>(() => (routeId ? { ...NEW_CHAT, id: routeId, loading: true } : NEW_CHAT));
  // A conversation is with one agent; a new chat's is the one chosen (the first until another is, or when the
  // chosen one is no longer offered).
  const offered = agents?.some((a) => a.name === chosen) ? chosen : agents?.[0]?.name ?? '';
  const agent = open.agent ?? (open.loading ? '' : offered);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState('');
  const [streaming, setStreaming] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const nextId = useRef(1);
  const input = useRef<HTMLTextAreaElement>(null);
  const follow = useRef(true);
  const inputId = useId();
  // The conversation the address names, read afresh each time it is opened (what is cached may be older).
  const stored = useQuery({ ...queries.conversation(open.id ?? ''), enabled: open.loading && open.id !== null });

  // Ready to type as soon as there is someone to talk to.
  useEffect(() => {
    if (agents?.length) input.current?.focus();
  }, [agents]);
  // Leaving the page stops the answer; Mosaic then cancels the request to the gateway.
  useEffect(() => () => halt(), []);

  // Another address (a conversation picked in the list, Back, a new chat): that conversation, read from Mosaic.
  useEffect(() => {
    if (routeId === open.id) return;
    halt();
    setTurns([]);
    setOpen(routeId ? { ...NEW_CHAT, id: routeId, loading: true } : NEW_CHAT);
    // only a change of address starts over; `open` follows it
  }, [routeId]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const c = stored.data;
    if (!open.loading || !c || c.id !== open.id || !stored.isFetchedAfterMount || stored.isFetching) return;
    setTurns(c.messages.filter((m) => m.role === 'user' || m.role === 'assistant').map((m) => ({
      id: nextId.current++, role: m.role as Turn['role'], content: m.content, ...(m.role === 'assistant' ? stateOf(m) : {}),
    })));
    setOpen({ id: c.id, agent: c.agent, loading: false });
    follow.current = true;
  }, [stored.data, stored.isFetchedAfterMount, stored.isFetching, open]);

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
  const agentLabel = (name: string) => agents?.find((a) => a.name === name)?.displayName || name;
  // a conversation with an agent that is no longer offered can be read, not continued
  const gone = open.agent !== null && agents !== null && !current;
  const summary = useInfiniteQuery(queries.conversations());
  const title = open.id === null ? null
    : summary.data?.pages.flatMap((p) => p.items).find((c) => c.id === open.id)?.title
      ?? (stored.data?.id === open.id ? stored.data.title : null);

  async function send() {
    const text = draft.trim();
    if (!text || streaming || !agent || gone) return;
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
    // a new chat becomes a conversation with this agent as soon as Mosaic names it
    let created: string | null = null;
    const onHeaders = (headers: Headers) => {
      const id = headers.get(CONVERSATION_HEADER);
      if (open.id === null && id && abort.current === controller) {
        created = id;
        setOpen({ id, agent, loading: false });
      }
    };
    try {
      const body: ChatRequest = open.id === null ? { messages, stream: true } : { messages, stream: true, conversationId: open.id };
      const response = await postStream(`/api/chat/${encodeURIComponent(agent)}`, body, { signal: controller.signal, onHeaders });
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
        // the new conversation has its address (reload keeps it); the list shows it, or its new place
        if (created) void navigate(`/chat/${encodeURIComponent(created)}`, { replace: true });
        void client.invalidateQueries({ queryKey: keys.conversationList });
      }
    }
  }

  /** Stops an answer still arriving, without a word about it on screen (the chat is being left). */
  function halt() {
    const running = abort.current;
    abort.current = null;
    running?.abort();
    setStreaming(false);
  }

  function stop() {
    abort.current?.abort();
    input.current?.focus();
  }

  function newChat() {
    halt();
    setTurns([]);
    setOpen(NEW_CHAT);
    if (routeId !== null) void navigate('/chat');
    input.current?.focus();
  }

  function deleted() {
    setOpen(NEW_CHAT);
    setTurns([]);
    void navigate('/chat', { replace: true });
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
  const missing = stored.error instanceof ApiError && (stored.error.status === 404 || stored.error.status === 400);
  const started = turns.length > 0 || open.id !== null;
  return (
    <section className="chat" aria-labelledby="chat-heading">
      <div className="page-head">
        <h1 id="chat-heading">Chat</h1>
        {agents && agents.length > 0 && !gone && (
          <div className="chat-agent">
            <label htmlFor={inputId + '-agent'}>Agent</label>
            <select id={inputId + '-agent'} value={agent} disabled={streaming || open.loading}
              aria-describedby={started ? inputId + '-agent-hint' : undefined}
              onChange={(e) => { setAgent(e.target.value); if (started) newChat(); }}>
              {agents.map((a) => <option key={a.name} value={a.name}>{a.displayName}{a.role ? ` — ${a.role}` : ''}</option>)}
            </select>
            {started && <span id={inputId + '-agent-hint'} className="sr-only">Choosing another agent starts a new chat.</span>}
          </div>
        )}
        <button type="button" onClick={newChat} disabled={!started}>New chat</button>
      </div>
      <QueryStatus query={list} loading="Loading agents…" />
      {none && (
        <div className="notice">
          No agent is available to chat with yet.
          {admin ? <> <Link to="/settings/agents">Add or activate an agent</Link>.</> : ' Ask an administrator to add one.'}
        </div>
      )}

      <div className="chat-layout">
        <ConversationList selected={open.id} agentLabel={agentLabel} onAllDeleted={deleted} />
        <div className="chat-main">
          {open.id !== null && title && !open.loading && <ConversationHead key={open.id} id={open.id} title={title} onDeleted={deleted} />}
          {open.loading && (missing
            ? <div className="notice" role="alert">This conversation was not found: it may have been deleted. <Link to="/chat">Start a new chat</Link>.</div>
            : <QueryStatus query={stored} loading="Loading the conversation…" />)}
          {gone && (
            <div className="notice">
              {open.agent} is no longer available to chat, so this conversation can be read but not continued.
              {' '}<button type="button" onClick={newChat}>Start a new chat</button>
            </div>
          )}

          <div className="chat-log" role="log" aria-live="polite" aria-label="Conversation">
            {turns.length === 0 && current && !open.loading && (
              <p className="chat-empty muted">Ask {agentName} anything. The answer appears as it is written.</p>
            )}
            {turns.map((t) => <Message key={t.id} turn={t} agent={agentName} />)}
          </div>
          <div className="sr-only" role="status">{streaming ? `${agentName} is answering…` : ''}</div>

          <form className="chat-composer" onSubmit={submit} aria-label="Send a message">
            <div className="field">
              <label htmlFor={inputId} className="sr-only">Message{agentName ? ` to ${agentName}` : ''}</label>
              <textarea id={inputId} ref={input} name="message" value={draft} disabled={none || !agent || gone}
                rows={Math.min(8, Math.max(2, draft.split('\n').length))} aria-describedby={inputId + '-hint'}
                placeholder={agentName ? `Message ${agentName}` : 'Message'}
                onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
              <div className="hint" id={inputId + '-hint'}>Enter sends; Shift+Enter starts a new line.</div>
            </div>
            <div className="actions">
              {streaming
                ? <button type="button" className="danger" onClick={stop}>Stop</button>
                : <button type="submit" className="primary" disabled={!draft.trim() || !agent || gone}>Send</button>}
            </div>
          </form>
        </div>
      </div>
    </section>
  );
}

/** One message; `agent` names an answer that was not written here (a conversation read from Mosaic). */
function Message({ turn, agent }: { turn: Turn; agent: string }) {
  const who = turn.role === 'user' ? 'You' : turn.from || agent || 'Agent';
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
