import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
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
  body: { messages: { role: string; content: string }[]; stream: boolean };
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/** fetch answering the agent list, then each chat POST with the next of `answers`. */
function mockChat(answers: (Stream | { status: number; body: unknown })[]) {
  const sent: Sent[] = [];
  document.cookie = 'XSRF-TOKEN=test-token';
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url === '/api/chat/agents') {
      return new Response(JSON.stringify(AGENTS), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    const signal = init?.signal ?? undefined;
    sent.push({ url, body: JSON.parse(String(init?.body)), headers: init?.headers as Record<string, string>, signal });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request ' + url);
    if (!(answer instanceof Stream)) {
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/problem+json' } });
    }
    answer.signal = signal;
    signal?.addEventListener('abort', () => answer.fail(new DOMException('The operation was aborted.', 'AbortError')));
    return new Response(answer.body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }));
  return sent;
}

const box = () => screen.getByRole('textbox', { name: /Message/ });
const log = () => screen.getByRole('log', { name: 'Conversation' });

beforeEach(() => {
  vi.unstubAllGlobals();
});

describe('the chat page', () => {
  it('streams the answer in as it arrives and sends the whole conversation each turn', async () => {
    const first = new Stream();
    const second = new Stream();
    const sent = mockChat([first, second]);
    render(<ChatPage admin={false} />);
    await waitFor(() => expect(box()).toHaveFocus());
    expect(screen.getByLabelText('Agent')).toHaveValue('support');

    await userEvent.type(box(), 'Hello{Enter}');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].url).toBe('/api/chat/support');
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
    second.send(chunk('More.') + 'data: [DONE]\n\n');
    second.close();
    await waitFor(() => expect(within(log()).getAllByRole('article', { name: 'Support' })[1]).toHaveTextContent('More.'));
  });

  it('Shift+Enter starts a new line instead of sending', async () => {
    const sent = mockChat([]);
    render(<ChatPage admin={false} />);
    await waitFor(() => expect(box()).toHaveFocus());
    await userEvent.type(box(), 'line one{Shift>}{Enter}{/Shift}line two');
    expect(box()).toHaveValue('line one\nline two');
    expect(sent).toHaveLength(0);
  });

  it('Stop aborts the request, keeps what arrived and gives the focus back to the message box', async () => {
    const stream = new Stream();
    mockChat([stream]);
    render(<ChatPage admin={false} />);
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
    const sent = mockChat([
      { status: 502, body: { status: 502, title: 'Bad Gateway', detail: "the agent's gateway cannot be reached" } },
      stream,
    ]);
    render(<ChatPage admin={false} />);
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

  it('New conversation, or another agent, starts over', async () => {
    const stream = new Stream();
    const sent = mockChat([stream, new Stream()]);
    render(<ChatPage admin={false} />);
    await waitFor(() => expect(box()).toHaveFocus());
    await userEvent.type(box(), 'First{Enter}');
    stream.send(chunk('Answer') + 'data: [DONE]\n\n');
    stream.close();
    await within(log()).findByText('Answer');

    await userEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    expect(within(log()).queryAllByRole('article')).toHaveLength(0);
    expect(box()).toHaveFocus();

    await userEvent.selectOptions(screen.getByLabelText('Agent'), 'ops');
    await userEvent.type(box(), 'Hi ops{Enter}');
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1].url).toBe('/api/chat/ops');
    expect(sent[1].body.messages).toEqual([{ role: 'user', content: 'Hi ops' }]);
  });
});
