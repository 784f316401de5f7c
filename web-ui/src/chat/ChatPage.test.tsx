import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes, useLocation } from 'react-router';
import type { Conversation, ConversationPage } from '../api';
import { render } from '../testing';
import { ChatPage } from './ChatPage';

const AGENTS = { items: [{ name: 'support', displayName: 'Support', role: 'helpdesk' }, { name: 'ops', displayName: 'Ops', role: null }] };
const chunk = (text: string) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(text)}}}]}\n\n`;

/** An answer body the test writes to piece by piece; aborting the request errors it as fetch does. */
class Stream {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly body = new ReadableStream<Uint8Array>({ start: (c) => { this.controller = c; } });
  signal?: AbortSignal;
  send(text: string) {
    this.controller.enqueue(new TextEncoder().encode(text));
  }
  close() {
    this.controller.close();
  }
  fail(error: unknown) {
    try {
      this.controller.error(error);
    } catch { /* already closed */ }
  }
}

interface Sent {
  url: string;
  body: { messages: { role: string; content: string }[]; stream: boolean; conversationId?: string };
  headers: Record<string, string>;
  signal?: AbortSignal;
}

type Answer = Stream | { status: number; body: unknown };

interface Backend {
  /** The chat POSTs, in order. */
  sent: Sent[];
  /** Every other call: method and URL (and body of a write). */
  calls: { method: string; url: string; body?: unknown }[];
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

/**
 * fetch answering the agent list, the conversation list (`pages` by cursor, "" the first), each stored
 * conversation, renames and deletes, and each chat POST with the next of `answers` (naming `conversation` in
 * the Mosaic-Conversation header).
 */
function mockChat(answers: Answer[], options: {
  pages?: Record<string, ConversationPage>;
  stored?: Record<string, Conversation>;
  conversation?: string;
} = {}): Backend {
  const backend: Backend = { sent: [], calls: [] };
  const pages = options.pages ?? { '': { items: [] } };
  document.cookie = 'XSRF-TOKEN=test-token';
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === '/api/chat/agents') return json(AGENTS);
    if (url.startsWith('/api/chat/conversations')) {
      backend.calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const list = /^\/api\/chat\/conversations\?limit=\d+(?:&cursor=(.+))?$/.exec(url);
      if (method === 'GET' && list) return json(pages[list[1] ?? ''] ?? { items: [] });
      if (method === 'DELETE' && url === '/api/chat/conversations') return json(undefined, 204);
      const one = /^\/api\/chat\/conversations\/([^/?]+)$/.exec(url);
      const conversation = one && options.stored?.[one[1]];
      if (!conversation) return json({ status: 404, detail: 'no conversation' }, 404);
      if (method === 'GET') return json(conversation);
      if (method === 'DELETE') return json(undefined, 204);
      if (method === 'PATCH') {
        const { messages, ...summary } = conversation;
        return json({ ...summary, messageCount: messages.length, title: JSON.parse(String(init?.body)).title });
      }
    }
    const signal = init?.signal ?? undefined;
    backend.sent.push({ url, body: JSON.parse(String(init?.body)), headers: init?.headers as Record<string, string>, signal });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request ' + url);
    const named = { 'Mosaic-Conversation': options.conversation ?? 'c-new' };
    if (!(answer instanceof Stream)) return json(answer.body, answer.status, named);
    answer.signal = signal;
    signal?.addEventListener('abort', () => answer.fail(new DOMException('The operation was aborted.', 'AbortError')));
    return new Response(answer.body, { status: 200, headers: { 'Content-Type': 'text/event-stream', ...named } });
  }));
  return backend;
}

/** The address the app is at (what a reload would open). */
function Where() {
  return <div data-testid="where">{useLocation().pathname}</div>;
}

/** The chat page at `path`, routed as the app routes it. */
function renderChat(path = '/chat') {
  window.history.replaceState(null, '', path);
  return render(<><Routes><Route path="/chat/:conversationId?" element={<ChatPage admin={false} />} /></Routes><Where /></>);
}

const where = () => screen.getByTestId('where');

const box = () => screen.getByRole('textbox', { name: /Message/ });
const log = () => screen.getByRole('log', { name: 'Conversation' });

beforeEach(() => {
  vi.unstubAllGlobals();
});

describe('the chat page', () => {
  it('streams the answer in as it arrives and sends the whole conversation each turn', async () => {
    const first = new Stream();
    const second = new Stream();
    const { sent } = mockChat([first, second]);
    renderChat();
    await waitFor(() => expect(box()).toHaveFocus());
    expect(screen.getByLabelText('Agent')).toHaveValue('support');

    await userEvent.type(box(), 'Hello{Enter}');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].url).toBe('/api/chat/support');
    // a new chat: no conversation named yet
    expect(sent[0].body).toEqual({ messages: [{ role: 'user', content: 'Hello' }], stream: true });
    expect(sent[0].headers['X-XSRF-TOKEN']).toBe('test-token');
    expect(box()).toHaveValue('');
    expect(box()).toHaveFocus();
    expect(screen.getByRole('img', { name: 'Waiting for the answer' })).toBeInTheDocument();

    first.send(chunk('Hi **the') + chunk('re**'));
    const answer = await within(log()).findByRole('article', { name: 'Support' });
    await waitFor(() => expect(answer.querySelector('strong')).toHaveTextContent('there'));
    expect(answer).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Support is answering…');

    first.send(chunk(', how can I help?') + 'data: [DONE]\n\n');
    first.close();
    await waitFor(() => expect(answer).toHaveTextContent('Hi there, how can I help?'));
    await waitFor(() => expect(answer).not.toHaveAttribute('aria-busy'));
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeInTheDocument();

    await userEvent.type(box(), 'Tell me more{Enter}');
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1].body.messages).toEqual([
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi **there**, how can I help?' },
      { role: 'user', content: 'Tell me more' },
    ]);
    // the first answer made it a conversation: the next message continues it
    expect(sent[1].body.conversationId).toBe('c-new');
    second.send(chunk('More.') + 'data: [DONE]\n\n');
    second.close();
    await waitFor(() => expect(within(log()).getAllByRole('article', { name: 'Support' })[1]).toHaveTextContent('More.'));
  });

  it('Shift+Enter starts a new line instead of sending', async () => {
    const { sent } = mockChat([]);
    renderChat();
    await waitFor(() => expect(box()).toHaveFocus());
    await userEvent.type(box(), 'line one{Shift>}{Enter}{/Shift}line two');
    expect(box()).toHaveValue('line one\nline two');
    expect(sent).toHaveLength(0);
  });

  it('Stop aborts the request, keeps what arrived and gives the focus back to the message box', async () => {
    const stream = new Stream();
    mockChat([stream]);
    renderChat();
    await waitFor(() => expect(box()).toHaveFocus());
    await userEvent.type(box(), 'Count to a million{Enter}');
    stream.send(chunk('1, 2, 3'));
    const answer = await within(log()).findByRole('article', { name: 'Support' });
    await waitFor(() => expect(answer).toHaveTextContent('1, 2, 3'));

    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(stream.signal?.aborted).toBe(true);
    await waitFor(() => expect(answer).toHaveTextContent('Stopped.'));
    expect(answer).toHaveTextContent('1, 2, 3');
    expect(within(answer).queryByRole('alert')).not.toBeInTheDocument();
    expect(box()).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Send' })).toBeInTheDocument();
  });

  it('shows a problem before streaming, and an error event during it, inline in the conversation', async () => {
    const stream = new Stream();
    const { sent } = mockChat([
      { status: 502, body: { status: 502, title: 'Bad Gateway', detail: "the agent's gateway cannot be reached" } },
      stream,
    ]);
    renderChat();
    await waitFor(() => expect(box()).toHaveFocus());

    await userEvent.type(box(), 'Anyone there?{Enter}');
    expect(await within(log()).findByRole('alert')).toHaveTextContent("The agent's gateway cannot be reached.");

    await userEvent.type(box(), 'Try again{Enter}');
    await waitFor(() => expect(sent).toHaveLength(2));
    // the failed answer had no text: the history holds the two questions only
    expect(sent[1].body.messages.map((m) => m.role)).toEqual(['user', 'user']);
    stream.send(chunk('Half an ans'));
    stream.send('event: error\ndata: {"error":{"message":"the agent\'s gateway went silent","type":"gateway_error"}}\n\n');
    stream.close();
    await waitFor(() => expect(within(log()).getAllByRole('alert')).toHaveLength(2));
    const second = within(log()).getAllByRole('article', { name: 'Support' })[1];
    expect(second).toHaveTextContent('Half an ans');
    expect(within(second).getByRole('alert')).toHaveTextContent("The agent's gateway went silent.");
  });

  it('New chat, or another agent, starts over', async () => {
    const stream = new Stream();
    const { sent } = mockChat([stream, new Stream()]);
    renderChat();
    await waitFor(() => expect(box()).toHaveFocus());
    await userEvent.type(box(), 'First{Enter}');
    stream.send(chunk('Answer') + 'data: [DONE]\n\n');
    stream.close();
    await within(log()).findByText('Answer');

    await waitFor(() => expect(where()).toHaveTextContent('/chat/c-new'));
    await userEvent.click(screen.getByRole('button', { name: 'New chat' }));
    expect(within(log()).queryAllByRole('article')).toHaveLength(0);
    expect(box()).toHaveFocus();
    await waitFor(() => expect(where()).toHaveTextContent(/^\/chat$/));

    await userEvent.selectOptions(screen.getByLabelText('Agent'), 'ops');
    await userEvent.type(box(), 'Hi ops{Enter}');
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1].url).toBe('/api/chat/ops');
    expect(sent[1].body.messages).toEqual([{ role: 'user', content: 'Hi ops' }]);
  });
});

const NOW = Date.now();
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
const summary = (id: string, title: string, agent: string, minutes: number, messageCount = 2) =>
  ({ id, title, agent, createdAt: minutesAgo(minutes + 5), updatedAt: minutesAgo(minutes), messageCount });

const TRIP: Conversation = {
  id: 'c-trip', agent: 'ops', title: 'Plan the trip', createdAt: minutesAgo(30), updatedAt: minutesAgo(3),
  messages: [
    { role: 'user', content: 'Where to go?', at: minutesAgo(30), status: 'complete', error: null },
    { role: 'assistant', content: 'Try **Lisbon**.', at: minutesAgo(29), status: 'complete', error: null },
    { role: 'user', content: 'And in winter?', at: minutesAgo(20), status: 'complete', error: null },
    { role: 'assistant', content: 'Madeira, or', at: minutesAgo(19), status: 'stopped', error: null },
    { role: 'user', content: 'Hello?', at: minutesAgo(4), status: 'complete', error: null },
    { role: 'assistant', content: '', at: minutesAgo(3), status: 'failed', error: "the agent's gateway answered 500" },
  ],
};
const PAGES: Record<string, ConversationPage> = {
  '': { items: [summary('c-trip', 'Plan the trip', 'ops', 3, 6), summary('c-mail', 'Write an email', 'support', 40)], nextCursor: 'p2' },
  p2: { items: [summary('c-old', 'An old question', 'support', 60 * 24 * 3)] },
};

const conversations = () => screen.getByRole('complementary', { name: 'Your conversations' });

describe('the conversations beside the chat', () => {
  it('lists the person’s conversations newest first, with their agent and when, and shows older ones on request', async () => {
    const { calls } = mockChat([], { pages: PAGES });
    renderChat();
    const links = await within(conversations()).findAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Plan the tripOps · 3 minutes ago', 'Write an emailSupport · 40 minutes ago',
    ]);
    expect(links[0]).toHaveAttribute('href', '/chat/c-trip');
    expect(calls[0].url).toBe('/api/chat/conversations?limit=30');

    await userEvent.click(within(conversations()).getByRole('button', { name: 'Show older' }));
    await within(conversations()).findByRole('link', { name: /An old question/ });
    expect(within(conversations()).getByRole('link', { name: /An old question/ })).toHaveTextContent('3 days ago');
    expect(calls.some((c) => c.url === '/api/chat/conversations?limit=30&cursor=p2')).toBe(true);
    expect(within(conversations()).queryByRole('button', { name: 'Show older' })).not.toBeInTheDocument();
    // on a narrow screen the list folds behind this
    expect(screen.getByRole('button', { name: /^Conversations/ })).toHaveAttribute('aria-expanded', 'false');
  });

  it('says so when there is none yet', async () => {
    mockChat([]);
    renderChat();
    expect(await within(conversations()).findByText(/No conversations yet/)).toBeInTheDocument();
    expect(within(conversations()).queryByRole('button', { name: 'Delete all my conversations' })).not.toBeInTheDocument();
  });

  it('picking one opens it at its own address with its messages, stopped and failed answers as they ended', async () => {
    mockChat([], { pages: PAGES, stored: { 'c-trip': TRIP } });
    renderChat();
    await userEvent.click(await within(conversations()).findByRole('link', { name: /Plan the trip/ }));
    await waitFor(() => expect(where()).toHaveTextContent('/chat/c-trip'));
    await waitFor(() => expect(within(log()).getAllByRole('article')).toHaveLength(6));
    const answers = within(log()).getAllByRole('article', { name: 'Ops' });
    expect(answers[0].querySelector('strong')).toHaveTextContent('Lisbon');
    expect(answers[1]).toHaveTextContent('Madeira, or');
    expect(answers[1]).toHaveTextContent('Stopped.');
    expect(within(answers[2]).getByRole('alert')).toHaveTextContent("The agent's gateway answered 500.");
    expect(within(log()).getAllByRole('article', { name: 'You' })[0]).toHaveTextContent('Where to go?');
    expect(screen.getByRole('heading', { name: 'Plan the trip' })).toBeInTheDocument();
    expect(within(conversations()).getByRole('link', { name: /Plan the trip/ })).toHaveAttribute('aria-current', 'page');
    // the conversation's agent, not the first one offered
    expect(screen.getByLabelText('Agent')).toHaveValue('ops');
  });

  it('opening its address (a reload) loads it; continuing sends its id and the loaded history', async () => {
    const answer = new Stream();
    const { sent, calls } = mockChat([answer], { pages: PAGES, stored: { 'c-trip': TRIP }, conversation: 'c-trip' });
    renderChat('/chat/c-trip');
    await waitFor(() => expect(within(log()).getAllByRole('article')).toHaveLength(6));
    await waitFor(() => expect(box()).toBeEnabled());
    const listReads = () => calls.filter((c) => c.url.startsWith('/api/chat/conversations?')).length;
    const before = listReads();

    await userEvent.type(box(), 'Thanks{Enter}');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].url).toBe('/api/chat/ops');
    expect(sent[0].body).toEqual({
      stream: true, conversationId: 'c-trip',
      messages: [
        { role: 'user', content: 'Where to go?' },
        { role: 'assistant', content: 'Try **Lisbon**.' },
        { role: 'user', content: 'And in winter?' },
        { role: 'assistant', content: 'Madeira, or' },
        { role: 'user', content: 'Hello?' },
        { role: 'user', content: 'Thanks' },
      ],
    });
    answer.send(chunk('You are welcome.') + 'data: [DONE]\n\n');
    answer.close();
    await waitFor(() => expect(within(log()).getAllByRole('article', { name: 'Ops' })[3]).toHaveTextContent('You are welcome.'));
    // the list is read again (the conversation moved to the top)
    await waitFor(() => expect(listReads()).toBeGreaterThan(before));
    expect(where()).toHaveTextContent('/chat/c-trip');
  });

  it('a new chat names no conversation, then takes the address Mosaic gave it and reads the list again', async () => {
    const answer = new Stream();
    const { sent, calls } = mockChat([answer], { conversation: '7f1c0d7e-0000-4000-8000-000000000001' });
    renderChat('/chat');
    await waitFor(() => expect(box()).toHaveFocus());
    const listReads = () => calls.filter((c) => c.url.startsWith('/api/chat/conversations?')).length;
    await waitFor(() => expect(listReads()).toBe(1));

    await userEvent.type(box(), 'Hello{Enter}');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].body).not.toHaveProperty('conversationId');
    answer.send(chunk('Hi.') + 'data: [DONE]\n\n');
    answer.close();
    await waitFor(() => expect(where()).toHaveTextContent('/chat/7f1c0d7e-0000-4000-8000-000000000001'));
    await waitFor(() => expect(listReads()).toBe(2));
    // still on screen: taking the address did not reload the conversation
    expect(within(log()).getByRole('article', { name: 'Support' })).toHaveTextContent('Hi.');
    expect(calls.some((c) => c.url.startsWith('/api/chat/conversations/'))).toBe(false);
  });

  it('choosing another agent in an open conversation starts a new chat', async () => {
    mockChat([], { pages: PAGES, stored: { 'c-trip': TRIP } });
    renderChat('/chat/c-trip');
    await waitFor(() => expect(within(log()).getAllByRole('article')).toHaveLength(6));
    await userEvent.selectOptions(screen.getByLabelText('Agent'), 'support');
    await waitFor(() => expect(where()).toHaveTextContent(/^\/chat$/));
    expect(within(log()).queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByLabelText('Agent')).toHaveValue('support');
  });

  it('renames the open conversation', async () => {
    const { calls } = mockChat([], { pages: PAGES, stored: { 'c-trip': TRIP } });
    renderChat('/chat/c-trip');
    await screen.findByRole('heading', { name: 'Plan the trip' });
    await userEvent.click(screen.getByRole('button', { name: 'Rename' }));
    const title = screen.getByLabelText('Title');
    expect(title).toHaveValue('Plan the trip');
    await userEvent.clear(title);
    await userEvent.click(screen.getByRole('button', { name: 'Save title' }));
    expect(screen.getByText('Give the conversation a title.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await userEvent.type(title, '  Winter trip ');
    await userEvent.click(screen.getByRole('button', { name: 'Save title' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')).toEqual(
      { method: 'PATCH', url: '/api/chat/conversations/c-trip', body: { title: 'Winter trip' } }));
    expect(await screen.findByText('Renamed.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Title')).not.toBeInTheDocument();
  });

  it('deletes the open conversation only once confirmed, then starts a new chat', async () => {
    const { calls } = mockChat([], { pages: PAGES, stored: { 'c-trip': TRIP } });
    renderChat('/chat/c-trip');
    await screen.findByRole('heading', { name: 'Plan the trip' });
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this conversation?' });
    expect(dialog).toHaveTextContent('This cannot be undone.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete conversation' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'DELETE')?.url).toBe('/api/chat/conversations/c-trip'));
    await waitFor(() => expect(where()).toHaveTextContent(/^\/chat$/));
    expect(within(log()).queryAllByRole('article')).toHaveLength(0);
  });

  it('deletes all the person’s conversations once confirmed', async () => {
    const { calls } = mockChat([], { pages: PAGES, stored: { 'c-trip': TRIP } });
    renderChat('/chat/c-trip');
    await waitFor(() => expect(within(log()).getAllByRole('article')).toHaveLength(6));
    await userEvent.click(within(conversations()).getByRole('button', { name: 'Delete all my conversations' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete all your conversations?' });
    expect(dialog).toHaveTextContent('This cannot be undone.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete all' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/chat/conversations')).toBe(true));
    await waitFor(() => expect(where()).toHaveTextContent(/^\/chat$/));
    expect(await screen.findByText('All your conversations were deleted.')).toBeInTheDocument();
    expect(within(log()).queryAllByRole('article')).toHaveLength(0);
  });

  it('says so when the address names a conversation that is not there', async () => {
    mockChat([], { pages: PAGES });
    renderChat('/chat/c-gone');
    expect(await screen.findByRole('alert')).toHaveTextContent('This conversation was not found');
    expect(box()).toBeDisabled();
  });
});
