import { vi } from 'vitest';
import serverRules from './generated/rules.json';

export interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

type Handler = (call: Call) => { status?: number; body?: unknown } | undefined;

/** Replaces fetch with a router of canned answers; records every call. */
export function mockApi(handler: Handler) {
  const calls: Call[] = [];
  document.cookie = 'XSRF-TOKEN=test-token';
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    const answer = handler(call)
      ?? (call.method === 'GET' && call.url === '/api/rules' ? { body: serverRules } : undefined)
      ?? { status: 404, body: { status: 404, detail: 'Nothing is here.' } };
    const status = answer.status ?? 200;
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
