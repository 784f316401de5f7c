import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminStep } from './wizard/AdminStep';
import { ProviderForm } from './forms/ProviderForm';
import { AgentForm } from './wizard/AgentsStep';
import { ProviderDetail } from './settings/ProvidersPage';
import { render, mockApi } from './testing';
import type { Provider } from './api';

beforeEach(() => {
  vi.unstubAllGlobals();
});

const provider: Provider = {
  id: 'p1', name: 'openai', displayName: 'OpenAI', type: 'openai', baseUrl: null, effectiveBaseUrl: 'https://api.openai.com/v1',
  apiType: null, apiKeySet: true, models: [{ id: 'gpt-a', name: 'GPT A', contextWindow: null, maxTokens: null }, { id: 'gpt-b', name: 'GPT B', contextWindow: null, maxTokens: null }], active: true, version: 3,
};

describe('the admin step', () => {
  it('checks length and confirmation before sending anything', async () => {
    const calls = mockApi(() => undefined);
    render(<AdminStep onCreated={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Setup code'), 'ABCD-EFGH-JKLM');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.type(screen.getByLabelText('Confirm password'), 'other');
    await userEvent.click(screen.getByRole('button', { name: /create admin/i }));
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('must be at least 12 characters')).toBeInTheDocument();
    expect(screen.getByText('does not match the password')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('says where the setup code is and shows the server’s refusal at that field', async () => {
    mockApi((c) => (c.url === '/api/onboarding/breakglass'
      ? { status: 403, body: { status: 403, detail: 'wrong setup code', errors: [{ field: 'setupCode', message: 'is not the current setup code' }] } }
      : undefined));
    const created = vi.fn();
    render(<AdminStep onCreated={created} />);
    expect(screen.getByText(/printed in the server log at start/i)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Setup code'), 'wrong-code');
    await userEvent.type(screen.getByLabelText('Password'), 'a-long-enough-password');
    await userEvent.type(screen.getByLabelText('Confirm password'), 'a-long-enough-password');
    expect(screen.getByText(/Strength:/)).not.toHaveTextContent('Too short');
    await userEvent.click(screen.getByRole('button', { name: /create admin/i }));
    await screen.findByText('is not the current setup code');
    expect(screen.getByLabelText('Setup code')).toHaveAttribute('aria-invalid', 'true');
    expect(created).not.toHaveBeenCalled();
  });
});

describe('the provider form', () => {
  it('prefills the base URL from the type preset', async () => {
    mockApi(() => undefined);
    render(<ProviderForm endpoint="/api/providers" onSaved={() => undefined} />);
    expect(screen.getByLabelText('Base URL')).toHaveValue('https://api.openai.com/v1');
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'anthropic');
    expect(screen.getByLabelText('Base URL')).toHaveValue('https://api.anthropic.com');
    expect(screen.getByLabelText('Name')).toHaveValue('anthropic');
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'custom');
    expect(screen.getByLabelText('Base URL')).toHaveValue('');
  });

  it('tests the connection, shows latency, offers discovered models and saves them', async () => {
    const calls = mockApi((c) => {
      if (c.url === '/api/providers/test') return { body: { ok: true, latencyMs: 42, status: 200, models: ['m-one', 'm-two'], error: null } };
      if (c.url === '/api/onboarding/provider') return { status: 201, body: { id: 'new-id', name: 'openai', version: 1 } };
      return undefined;
    });
    const saved = vi.fn();
    render(<ProviderForm endpoint="/api/onboarding/provider" onSaved={saved} />);
    await userEvent.type(screen.getByLabelText('API key'), 'sk-secret');
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connected in 42 ms/);
    expect(calls[calls.length - 1].body).toEqual({ type: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-secret', apiType: null });
    expect(calls[calls.length - 1].headers['X-XSRF-TOKEN']).toBe('test-token');
    await userEvent.click(screen.getByRole('checkbox', { name: 'm-two' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save provider' }));
    await waitFor(() => expect(saved).toHaveBeenCalledWith('new-id'));
    const body = calls.find((c) => c.url === '/api/onboarding/provider')!.body as { models: { id: string }[] };
    expect(body.models.map((m) => m.id)).toEqual(['m-one', 'm-two']);
  });

  it('shows the provider’s own error when the test fails', async () => {
    mockApi(() => ({ body: { ok: false, latencyMs: 12, status: 401, models: [], error: 'HTTP 401: Incorrect API key provided' } }));
    render(<ProviderForm endpoint="/api/providers" onSaved={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/Incorrect API key provided/)).toBeInTheDocument();
  });

  it('needs a base URL for a custom provider and a model, and shows server errors at the model row', async () => {
    const calls = mockApi((c) => (c.url === '/api/providers'
      ? { status: 400, body: { status: 400, detail: 'The request has invalid fields.', errors: [{ field: 'models[0].id', message: 'must be at most 200 characters' }] } }
      : undefined));
    render(<ProviderForm endpoint="/api/providers" onSaved={() => undefined} />);
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'custom');
    await userEvent.click(screen.getByRole('button', { name: 'Save provider' }));
    expect(screen.getByText('is required for a custom provider')).toBeInTheDocument();
    expect(screen.getByText(/add at least one model/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await userEvent.type(screen.getByLabelText('Name'), 'local');
    await userEvent.type(screen.getByLabelText('Display name'), 'Local');
    await userEvent.type(screen.getByLabelText('Base URL'), 'http://127.0.0.1:9/v1');
    await userEvent.click(screen.getByRole('button', { name: 'Add a model by hand' }));
    await userEvent.type(screen.getByLabelText('Model 1 id'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Save provider' }));
    expect(await screen.findByText('must be at most 200 characters')).toBeInTheDocument();
    expect(screen.getByLabelText('Model 1 id')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('the agent form', () => {
  it('derives the gateway URL from the name, validates, and sends the whole agent', async () => {
    const calls = mockApi((c) => (c.url === '/api/onboarding/agents' ? { status: 201, body: { agents: [{ name: 'support', token: 'tok-1' }] } } : undefined));
    const saved = vi.fn();
    render(<AgentForm providers={[provider]} endpoint="onboarding" onSaved={saved} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save agent' }));
    expect(screen.getAllByText('is required').length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);

    await userEvent.type(screen.getByLabelText('Name'), 'support');
    expect(screen.getByLabelText('Gateway URL')).toHaveValue('http://support:18789');
    expect(screen.getByLabelText('Display name')).toHaveValue('Support');
    expect(screen.getByLabelText('Primary model')).toHaveValue('gpt-a');
    await userEvent.click(screen.getByRole('button', { name: 'Add a fallback' }));
    await userEvent.selectOptions(screen.getByLabelText('Fallback 1 model'), 'gpt-b');
    await userEvent.click(screen.getByRole('checkbox', { name: 'web_search' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start from a template' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save agent' }));
    await waitFor(() => expect(saved).toHaveBeenCalledWith({ name: 'support', token: 'tok-1' }));
    const body = calls[calls.length - 1].body as { agents: Record<string, unknown>[] };
    expect(body.agents[0]).toMatchObject({
      name: 'support', displayName: 'Support', gatewayUrl: 'http://support:18789', providerId: 'p1', primaryModel: 'gpt-a',
      fallbacks: [{ providerId: 'p1', model: 'gpt-b' }], toolPermissions: ['web_search'],
    });
    expect(String(body.agents[0].personality)).toContain('# SOUL.md');
  });

  it('refuses a fallback that repeats the primary model', async () => {
    const calls = mockApi(() => undefined);
    render(<AgentForm providers={[provider]} endpoint="settings" onSaved={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Name'), 'sales');
    await userEvent.click(screen.getByRole('button', { name: 'Add a fallback' }));
    await userEvent.selectOptions(screen.getByLabelText('Fallback 1 model'), 'gpt-a');
    await userEvent.click(screen.getByRole('button', { name: 'Save agent' }));
    expect(screen.getByText('repeats the primary model or another fallback')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});

describe('settings: a provider edited by someone else meanwhile', () => {
  it('says so on 412 and reloads the latest version', async () => {
    let version = 3;
    const calls = mockApi((c) => {
      if (c.method === 'GET' && c.url === '/api/providers/p1') return { body: { ...provider, version, displayName: version > 3 ? 'OpenAI (theirs)' : 'OpenAI' } };
      if (c.method === 'PATCH') {
        version = 4;
        return { status: 412, body: { status: 412, detail: 'Someone else changed this since you read it (If-Match is stale); reload it and try again.' } };
      }
      return undefined;
    });
    render(<ProviderDetail id="p1" admin />);
    const details = await screen.findByRole('form', { name: 'Provider details' });
    await userEvent.clear(within(details).getByLabelText('Display name'));
    await userEvent.type(within(details).getByLabelText('Display name'), 'Mine');
    await userEvent.click(within(details).getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText(/Someone else changed this/, { selector: 'strong' })).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.headers['If-Match']).toBe('"3"');
    await userEvent.click(screen.getByRole('button', { name: 'Reload the latest version' }));
    await waitFor(() => expect(within(details).getByLabelText('Display name')).toHaveValue('OpenAI (theirs)'));
  });

  it('explains a 409 “used by agents” with links to those agents', async () => {
    mockApi((c) => {
      if (c.method === 'GET') return { body: provider };
      if (c.method === 'DELETE') return { status: 409, body: { status: 409, detail: 'provider is in use: used by support, sales', agents: ['support', 'sales'] } };
      return undefined;
    });
    render(<ProviderDetail id="p1" admin />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete provider' }));
    expect(await screen.findByRole('link', { name: 'support' })).toHaveAttribute('href', '/settings/agents/support');
    expect(screen.getByRole('link', { name: 'sales' })).toBeInTheDocument();
  });
});
