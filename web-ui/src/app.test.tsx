import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderApp } from './testing';

const STATUS = { completed: true, breakglassCreated: true, oidcConfigured: true, providers: 1, agents: 1 };

function signedInAs(roles: string[]) {
  return mockApi((c) => {
    if (c.url === '/api/onboarding/status') return { body: STATUS };
    if (c.url === '/api/auth/me') return { body: { username: 'u', displayName: 'U', roles, authMethod: 'oidc' } };
    if (c.url === '/api/chat/agents') return { body: { items: [{ name: 'support', displayName: 'Support', role: null }] } };
    if (c.url.startsWith('/api/')) return { body: { items: [] } };
    return undefined;
  });
}

beforeEach(() => {
  vi.unstubAllGlobals();
});

describe('the navigation', () => {
  it('takes a USER from settings to the chat, the only page offered', async () => {
    const calls = signedInAs(['USER']);
    window.history.replaceState(null, '', '/settings/agents');
    renderApp();
    // the chat's code loads on demand: the first test to open it waits for its first transform
    expect(await screen.findByRole('heading', { name: 'Chat' }, { timeout: 5_000 })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/chat');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Chat']);
    expect(calls.some((c) => c.url.startsWith('/api/agents'))).toBe(false);
  });

  it('offers the chat to an admin next to the settings', async () => {
    signedInAs(['ADMIN']);
    window.history.replaceState(null, '', '/chat');
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Chat' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Chat' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Agents' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Agent')).toHaveValue('support'));
  });

  it('keeps a conversation’s address (a reload opens it again), for an admin and for a USER', async () => {
    for (const roles of [['ADMIN'], ['USER']]) {
      const stored = {
        id: 'c-1', agent: 'support', title: 'Printer trouble', createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:01:00Z',
        messages: [{ role: 'user', content: 'The printer is jammed', at: '2026-01-01T10:00:00Z', status: 'complete', error: null }],
      };
      const seen = mockApi((c) => {
        if (c.url === '/api/onboarding/status') return { body: STATUS };
        if (c.url === '/api/auth/me') return { body: { username: 'u', displayName: 'U', roles, authMethod: 'oidc' } };
        if (c.url === '/api/chat/agents') return { body: { items: [{ name: 'support', displayName: 'Support', role: null }] } };
        if (c.url === '/api/chat/conversations/c-1') return { body: stored };
        if (c.url.startsWith('/api/')) return { body: { items: [] } };
        return undefined;
      });
      window.history.replaceState(null, '', '/chat/c-1');
      const { unmount } = renderApp();
      expect(await screen.findByText('The printer is jammed')).toBeInTheDocument();
      expect(window.location.pathname).toBe('/chat/c-1');
      expect(seen.some((c) => c.url === '/api/chat/conversations/c-1')).toBe(true);
      unmount();
    }
  });
});
