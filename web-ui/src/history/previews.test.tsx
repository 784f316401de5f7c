import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agent, OidcSettings, Provider } from '../api';
import { OidcForm } from '../forms/OidcForm';
import { AgentDetail } from '../settings/AgentsPage';
import { ProviderDetail } from '../settings/ProvidersPage';
import { render, mockApi, type Call } from '../testing';

beforeEach(() => {
  vi.unstubAllGlobals();
});

const provider: Provider = {
  id: 'p1', name: 'openai', displayName: 'OpenAI', type: 'openai', baseUrl: null, effectiveBaseUrl: 'https://api.openai.com/v1',
  apiType: null, apiKeySet: true, models: [{ id: 'gpt-a', name: 'GPT A', contextWindow: null, maxTokens: null }, { id: 'gpt-b', name: 'GPT B', contextWindow: null, maxTokens: null }], active: true, version: 3,
};
const agent: Agent = {
  id: 'a1', name: 'support', displayName: 'Support', role: null, gatewayUrl: 'http://support:18789', providerId: 'p1', primaryModel: 'gpt-a',
  fallbacks: [], personality: null, toolPermissions: [], active: true, canary: false, version: 4,
};
const dryRunAnswer = (name: string, from: string, to: string) => ({
  dryRun: true, events: [{ type: 'X', summary: `change of ${name}`, changes: [] }],
  agents: [{ name, currentVersion: 4, versionWouldMove: true, changes: [{ path: '/agents/defaults/model/primary', op: 'changed', from, to }] }],
});

function fleet(extra?: (c: Call) => { status?: number; body?: unknown } | undefined) {
  return mockApi((c) => {
    const more = extra?.(c);
    if (more) return more;
    if (c.method !== 'GET') return undefined;
    if (c.url === '/api/agents/support') return { body: agent };
    if (c.url === '/api/providers') return { body: { items: [provider] } };
    if (c.url === '/api/providers/p1') return { body: provider };
    if (c.url === '/api/agents/support/status') return { body: { name: 'support', currentVersion: 4, appliedVersion: 4, lastSeenAt: null, connected: false, inSync: true } };
    if (c.url.startsWith('/api/agents/support/config/versions?')) return { body: { items: [], nextCursor: null } };
    return undefined;
  });
}

describe('Preview before Save on settings forms', () => {
  it('previews an agent model change as a dry run of the same write, then saves it for real', async () => {
    const calls = fleet((c) => (c.url.startsWith('/api/agents/support/model')
      ? { body: c.url.endsWith('?dryRun=true') ? dryRunAnswer('support', 'openai/gpt-a', 'openai/gpt-b') : { ...agent, primaryModel: 'gpt-b', version: 5 } }
      : undefined));
    render(<AgentDetail name="support" admin />);
    const model = await screen.findByRole('form', { name: 'Model' });
    await userEvent.selectOptions(within(model).getByLabelText('Primary model'), 'gpt-b');
    await userEvent.click(within(model).getByRole('button', { name: 'Preview' }));
    const preview = await within(model).findByRole('region', { name: 'Preview' });
    expect(preview).toHaveTextContent('1 agent gets a new config version: support.');
    expect(preview).toHaveTextContent('openai/gpt-b');
    const dry = calls.filter((c) => c.url === '/api/agents/support/model?dryRun=true');
    expect(dry).toHaveLength(1);
    expect(dry[0].method).toBe('PUT');
    expect(dry[0].headers['If-Match']).toBe('"4"');
    expect(dry[0].body).toEqual({ providerId: 'p1', primaryModel: 'gpt-b', fallbacks: [] });
    await userEvent.click(within(model).getByRole('button', { name: 'Save model' }));
    await within(model).findByText('Model saved.');
    expect(calls.filter((c) => c.url === '/api/agents/support/model' && c.method === 'PUT')).toHaveLength(1);
  });

  it('shows a dry run refusal at the field, as the real write would', async () => {
    fleet((c) => (c.url === '/api/agents/support?dryRun=true'
      ? { status: 400, body: { status: 400, detail: 'Invalid request', errors: [{ field: 'gatewayUrl', message: 'must be an absolute http(s) URL' }] } }
      : undefined));
    render(<AgentDetail name="support" admin />);
    const profile = await screen.findByRole('form', { name: 'Profile' });
    await userEvent.click(within(profile).getByRole('button', { name: 'Preview' }));
    expect(await within(profile).findByText('must be an absolute http(s) URL')).toBeInTheDocument();
    expect(within(profile).queryByRole('region', { name: 'Preview' })).toBeNull();
  });

  it('previews deleting an agent inside the confirmation', async () => {
    const calls = fleet((c) => (c.url === '/api/agents/support?dryRun=true' && c.method === 'DELETE'
      ? { body: { dryRun: true, events: [{ type: 'AgentRemoved', summary: 'Agent support removed', changes: [] }], agents: [] } }
      : undefined));
    render(<AgentDetail name="support" admin />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Agent support removed')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });

  it('previews a provider key change: every agent that would get a new config', async () => {
    const calls = fleet((c) => (c.url === '/api/providers/p1/api-key?dryRun=true' ? { body: {
      dryRun: true, events: [{ type: 'ProviderApiKeyChanged', summary: 'API key of openai replaced', changes: [] }],
      agents: ['support', 'sales', 'ops'].map((name) => ({ name, currentVersion: 2, versionWouldMove: true,
        changes: [{ path: '/models/providers/openai/apiKey', op: 'changed', from: 'secret:aaaaaaaaaaaa', to: 'secret:bbbbbbbbbbbb' }] })),
    } } : undefined));
    render(<ProviderDetail id="p1" admin />);
    const key = await screen.findByRole('form', { name: 'API key' });
    await userEvent.type(within(key).getByLabelText('New API key'), 'sk-new-secret');
    await userEvent.click(within(key).getByRole('button', { name: 'Preview' }));
    const preview = await within(key).findByRole('region', { name: 'Preview' });
    expect(preview).toHaveTextContent('3 agents get a new config version: support, sales, ops.');
    expect(within(preview).getAllByText('secret changed')).toHaveLength(3);
    expect(preview.textContent).not.toMatch(/secret:|sk-new-secret/);
    await waitFor(() => expect(calls.find((c) => c.url === '/api/providers/p1/api-key?dryRun=true')?.body).toEqual({ apiKey: 'sk-new-secret' }));
    expect(calls.filter((c) => c.url === '/api/providers/p1/api-key')).toHaveLength(0);
  });

  it('an auditor sees the agent history but no Preview', async () => {
    fleet();
    render(<AgentDetail name="support" admin={false} />);
    expect(await screen.findByRole('region', { name: 'History' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Preview' })).toBeNull();
  });

  it('previews OIDC settings in Settings, but the wizard saves without it', async () => {
    const settings: OidcSettings = {
      configured: true, issuerUrl: 'https://idp.example.test/realms/main', clientId: 'mosaic', clientSecretSet: true,
      scopes: ['openid'], roleClaim: 'groups', adminValues: ['admins'], auditorValues: [], verified: true,
      redirectUri: 'http://localhost/login/oauth2/code/oidc', version: 2,
    };
    const calls = mockApi((c) => (c.url === '/api/settings/oidc?dryRun=true'
      ? { body: { dryRun: true, events: [{ type: 'OidcSettingsChanged', summary: 'OIDC settings changed', changes: [] }], agents: [] } }
      : undefined));
    const { unmount } = render(<OidcForm method="PUT" endpoint="/api/settings/oidc" settings={settings} onSaved={() => undefined} />);
    await userEvent.clear(screen.getByLabelText('Client ID'));
    await userEvent.type(screen.getByLabelText('Client ID'), 'mosaic-2');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByRole('region', { name: 'Preview' });
    expect(preview).toHaveTextContent('OIDC settings changed');
    expect(preview).toHaveTextContent('No agent gets a new config version.');
    expect(calls[0].method).toBe('PUT');
    expect((calls[0].body as { clientId: string }).clientId).toBe('mosaic-2');
    unmount();
    render(<OidcForm method="POST" endpoint="/api/onboarding/oidc" settings={null} onSaved={() => undefined} />);
    expect(screen.queryByRole('button', { name: 'Preview' })).toBeNull();
  });
});
