import type { ReactElement, ReactNode } from 'react';
import { vi } from 'vitest';
import { render as renderInDom, type RenderOptions } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { App } from './App';
import serverRules from './generated/rules.json';
import { createQueryClient } from './queries';

/** A query client of its own per test: nothing read in one test shows in the next; a failed read is not tried again. */
export function testQueryClient() {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } });
  return client;
}

/** Renders a page or form as the app does: inside a query client and a router at the window's address. */
export function render(ui: ReactElement, options?: Omit<RenderOptions, 'wrapper'>) {
  const client = testQueryClient();
  const at = window.location.pathname + window.location.search;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[at]}>{children}</MemoryRouter>
    </QueryClientProvider>
  );
  return renderInDom(ui, { wrapper, ...options });
}

/** Renders the whole app (its own router, on the window's history) inside a query client, as main.tsx does. */
export function renderApp() {
  const client = testQueryClient();
  return renderInDom(<QueryClientProvider client={client}><App /></QueryClientProvider>);
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

type Handler = (call: Call) => { status?: number; body?: unknown; headers?: Record<string, string> } | undefined;

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
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
