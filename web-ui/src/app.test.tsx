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
    expect(await screen.findByRole('heading', { name: 'Chat' })).toBeInTheDocument();
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
});
