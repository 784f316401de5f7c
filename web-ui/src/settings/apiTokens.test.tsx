import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiToken, IssuedApiToken, Me } from '../api';
import { mockApi, render } from '../testing';
import { ApiTokensPage } from './ApiTokensPage';

beforeEach(() => {
  vi.unstubAllGlobals();
});

const adminMe: Me = { username: 'admin', displayName: 'admin', roles: ['ADMIN'], authMethod: 'breakglass' };
const auditorMe: Me = { username: 'ann', displayName: 'Ann', roles: ['AUDITOR'], authMethod: 'oidc' };

const listed: ApiToken = {
  id: 't-1', name: 'nightly export', role: 'AUDITOR', owner: 'Ann', createdAt: '2026-12-01T10:00:00Z',
  expiresAt: '2099-01-01T00:00:00Z', lastUsedAt: null,
};

describe('Settings → API tokens', () => {
  it('creates a token and shows it once with a copy button; the server’s refusals go to their field', async () => {
    const issued: IssuedApiToken = {
      id: 't-2', name: 'deploy', role: 'ADMIN', owner: 'admin', createdAt: '2026-12-06T10:00:00Z',
      expiresAt: '2026-12-13T10:00:00Z', token: 'mosaic_pat_' + 'x'.repeat(43),
    };
    let tries = 0;
    const calls = mockApi((c) => {
      if (c.method === 'GET' && c.url === '/api/tokens') return { body: { items: [listed] } };
      if (c.method === 'POST' && c.url === '/api/tokens') {
        tries++;
        return tries === 1
          ? { status: 400, body: { status: 400, detail: 'The request has invalid fields.', errors: [{ field: 'expiresInDays', message: 'must be between 1 and 365 (days)' }] } }
          : { status: 201, body: issued };
      }
      return undefined;
    });
    render(<ApiTokensPage me={adminMe} />);
    expect(await screen.findByText('nightly export')).toBeInTheDocument();
    expect(screen.getByText('never')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'New API token' });
    expect(within(form).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['AUDITOR', 'ADMIN']);

    await userEvent.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(within(form).getByText('is required')).toBeInTheDocument(); // the name, checked before sending
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.type(within(form).getByLabelText('Name'), 'deploy');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'ADMIN');
    await userEvent.clear(within(form).getByLabelText('Expires after (days)'));
    await userEvent.type(within(form).getByLabelText('Expires after (days)'), '400');
    await userEvent.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(await within(form).findByText('must be between 1 and 365 (days)')).toBeInTheDocument();

    await userEvent.clear(within(form).getByLabelText('Expires after (days)'));
    await userEvent.type(within(form).getByLabelText('Expires after (days)'), '7');
    await userEvent.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(await within(form).findByText(issued.token)).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(within(form).getByText(/shown only this once/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body))
      .toEqual([{ name: 'deploy', role: 'ADMIN', expiresInDays: 400 }, { name: 'deploy', role: 'ADMIN', expiresInDays: 7 }]);
  });

  it('lets an auditor issue auditor tokens only, and revokes a token after asking', async () => {
    let revoked = false;
    const calls = mockApi((c) => {
      if (c.method === 'GET' && c.url === '/api/tokens') return { body: { items: revoked ? [] : [listed] } };
      if (c.method === 'DELETE' && c.url === '/api/tokens/t-1') {
        revoked = true;
        return { status: 204 };
      }
      return undefined;
    });
    render(<ApiTokensPage me={auditorMe} />);
    expect(await screen.findByText('Your tokens')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'New API token' });
    expect(within(form).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['AUDITOR']);

    const row = (await screen.findByText('nightly export')).closest('tr')!;
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/tokens/t-1')).toBe(true));
    expect(await screen.findByText(/revoked\. Anything still using it is refused/)).toBeInTheDocument();
    expect(await screen.findByText('No tokens yet.')).toBeInTheDocument();
  });
});
