import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agent, Provider, Rollout, RolloutPolicy } from '../api';
import { AgentDetail } from '../settings/AgentsPage';
import { RolloutPolicyPage } from '../settings/RolloutPolicyPage';
import { AgentForm } from '../wizard/AgentsStep';
import { mockApi, render, renderApp, type Call } from '../testing';
import { RolloutDetail, RolloutsPage } from './RolloutsPage';

beforeEach(() => {
  vi.unstubAllGlobals();
});

const policy: RolloutPolicy = { enabled: false, waves: [10, 50, 100], bakeSeconds: 60, applyTimeoutSeconds: 120, verify: 'applied', maxFailedAgents: 0 };

function running(state: 'rolling' | 'paused' = 'rolling'): Rollout {
  const now = Date.now();
  return {
    id: 'r-running-0001', state, verify: 'chat', failure: null, revertSeq: null, finishedAt: null,
    startedAt: new Date(now - 65_000).toISOString(),
    cause: { seq: 41, summary: 'API key of openai replaced', actorName: 'alice' },
    waves: [
      { percent: 10, state: 'baking', startedAt: new Date(now - 20_000).toISOString(), finishedAt: null,
        agents: [{ name: 'canary-1', fromVersion: 3, toVersion: 4, state: 'healthy', reason: null }] },
      { percent: 100, state: 'pending', startedAt: null, finishedAt: null,
        agents: [
          { name: 'sales', fromVersion: 7, toVersion: 8, state: 'pending', reason: null },
          { name: 'support', fromVersion: 2, toVersion: 3, state: 'pending', reason: null },
        ] },
    ],
  };
}

const rolledBack: Rollout = {
  id: 'r-past-0002', state: 'rolled_back', verify: 'chat', revertSeq: 40,
  startedAt: '2026-01-02T10:00:00Z', finishedAt: '2026-01-02T10:00:09Z',
  cause: { seq: 38, summary: 'Base URL of openai changed', actorName: 'bob' },
  failure: { agent: 'canary-1', reason: 'chat answered 502: upstream refused' },
  waves: [
    { percent: 10, state: 'failed', startedAt: '2026-01-02T10:00:00Z', finishedAt: '2026-01-02T10:00:05Z',
      agents: [{ name: 'canary-1', fromVersion: 2, toVersion: 3, state: 'failed', reason: 'chat answered 502: upstream refused' }] },
    { percent: 100, state: 'pending', startedAt: null, finishedAt: null, agents: [{ name: 'sales', fromVersion: 6, toVersion: 7, state: 'pending', reason: null }] },
  ],
};

function rolloutsApi(items: Rollout[], extra?: (c: Call) => { status?: number; body?: unknown; headers?: Record<string, string> } | undefined) {
  return mockApi((c) => {
    const more = extra?.(c);
    if (more) return more;
    if (c.method === 'GET' && c.url.startsWith('/api/rollouts?')) return { body: { items } };
    if (c.method === 'GET' && c.url === '/api/settings/rollout') return { body: policy, headers: { ETag: '"7"' } };
    return undefined;
  });
}

describe('Settings → Rollout policy', () => {
  it('explains every field, shows the server’s refusals at the field, and saves with If-Match', async () => {
    let saves = 0;
    const calls = rolloutsApi([], (c) => {
      if (c.method !== 'PUT') return undefined;
      saves += 1;
      return saves === 1
        ? { status: 400, body: { status: 400, detail: 'Invalid request', errors: [
          { field: 'waves[1]', message: 'must be more than the wave before (waves are cumulative)' },
          { field: 'waves', message: 'must end with 100' },
          { field: 'maxFailedAgents', message: 'must be from 0 to 10000' },
        ] } }
        : { body: { ...(c.body as object), version: 8 } };
    });
    render(<RolloutPolicyPage admin />);
    const form = await screen.findByRole('form', { name: 'Rollout policy' });
    expect(within(form).getByLabelText('Waves (% of the agents a change affects)')).toHaveValue('10, 50, 100');
    expect(within(form).getByRole('list', { name: 'Waves as entered' })).toHaveTextContent('Wave 1: first 10 %');
    expect(within(form).getByText(/How long a wave must stay healthy/)).toBeInTheDocument();
    expect(within(form).getByText(/How long an agent has to report/)).toBeInTheDocument();
    expect(within(form).getByText(/0 rolls back at the first failure/)).toBeInTheDocument();
    expect(within(form).getByText(/tested before any agent gets them/)).toBeInTheDocument();

    await userEvent.click(within(form).getByRole('checkbox', { name: 'Roll changes out in waves' }));
    const waves = within(form).getByLabelText('Waves (% of the agents a change affects)');
    await userEvent.clear(waves);
    await userEvent.type(waves, '50, 40');
    await userEvent.selectOptions(within(form).getByLabelText('Verification'), 'chat');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('wave 2: must be more than the wave before (waves are cumulative); must end with 100')).toBeInTheDocument();
    expect(waves).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('Failed agents allowed per wave')).toHaveAttribute('aria-invalid', 'true');
    const first = calls.find((c) => c.method === 'PUT')!;
    expect(first.headers['If-Match']).toBe('"7"');
    expect(first.body).toEqual({ enabled: true, waves: [50, 40], bakeSeconds: 60, applyTimeoutSeconds: 120, verify: 'chat', maxFailedAgents: 0 });

    await userEvent.clear(waves);
    await userEvent.type(waves, '25, 100');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved. Changes now reach the agents in waves.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')[1].body).toMatchObject({ enabled: true, waves: [25, 100] });
    expect(waves).not.toHaveAttribute('aria-invalid');
  });

  it('checks numbers before sending anything', async () => {
    const calls = rolloutsApi([]);
    render(<RolloutPolicyPage admin />);
    const form = await screen.findByRole('form', { name: 'Rollout policy' });
    await userEvent.clear(within(form).getByLabelText('Bake time (seconds)'));
    await userEvent.clear(within(form).getByLabelText('Waves (% of the agents a change affects)'));
    await userEvent.type(within(form).getByLabelText('Waves (% of the agents a change affects)'), '10, half, 100');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByText('is required')).toBeInTheDocument();
    expect(within(form).getByText(/write whole percentages/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('an auditor reads the policy without changing it', async () => {
    rolloutsApi([]);
    render(<RolloutPolicyPage admin={false} />);
    const form = await screen.findByRole('form', { name: 'Rollout policy' });
    expect(within(form).getByLabelText('Bake time (seconds)')).toBeDisabled();
    expect(within(form).getByRole('checkbox', { name: 'Roll changes out in waves' })).toBeDisabled();
    expect(within(form).queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.getByRole('note')).toHaveTextContent('Read-only');
  });
});

describe('the Rollouts page', () => {
  it('shows the running rollout with its cause, waves and agents, and past rollouts with their outcome', async () => {
    rolloutsApi([running(), rolledBack]);
    render(<RolloutsPage admin />);
    const live = await screen.findByRole('article', { name: 'Running now' });
    expect(live).toHaveTextContent('API key of openai replaced');
    expect(live).toHaveTextContent('by alice · change #41');
    expect(within(live).getByText('rolling out', { selector: '.badge' })).toBeInTheDocument();
    const wave1 = within(live).getByRole('table', { name: 'Agents of wave 1' });
    expect(wave1).toHaveTextContent('canary-1');
    expect(wave1).toHaveTextContent('v3 → v4');
    expect(wave1).toHaveTextContent('healthy');
    expect(within(live).getAllByTestId('wave-time')[0]).toHaveTextContent(/baking, 2\d s since the wave started/);
    const wave2 = within(live).getByRole('table', { name: 'Agents of wave 2' });
    expect(within(wave2).getAllByText('waiting')).toHaveLength(2);
    expect(screen.getByTestId('policy-line')).toHaveTextContent('Staged rollout is off');

    const past = screen.getByRole('table', { name: 'Past rollouts' });
    expect(past).toHaveTextContent('Base URL of openai changed');
    expect(past).toHaveTextContent('rolled back');
    expect(past).toHaveTextContent('canary-1: chat answered 502: upstream refused — undone by change #40');
    expect(within(past).getAllByRole('link')[0]).toHaveAttribute('href', '/rollouts/r-past-0002');
  });

  it('offers an admin only the steps the state allows, and asks before Abort', async () => {
    const calls = rolloutsApi([running('rolling')], (c) => (c.method === 'POST' ? { status: 204 } : undefined));
    render(<RolloutsPage admin />);
    const live = await screen.findByRole('article', { name: 'Running now' });
    expect(within(live).getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    expect(within(live).getByRole('button', { name: 'Promote' })).toBeInTheDocument();
    expect(within(live).queryByRole('button', { name: 'Resume' })).toBeNull();

    await userEvent.click(within(live).getByRole('button', { name: 'Promote' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/rollouts/r-running-0001/promote')).toBe(true));

    await userEvent.click(within(live).getByRole('button', { name: 'Abort' }));
    expect(calls.some((c) => c.url.endsWith('/abort'))).toBe(false);
    expect(screen.getByRole('heading', { name: 'Abort this rollout?' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Abort and roll back' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/rollouts/r-running-0001/abort')).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/abort'))!.headers['X-XSRF-TOKEN']).toBe('test-token');
  });

  it('offers Resume instead of Pause while paused, and says a refused step in the server’s words', async () => {
    rolloutsApi([running('paused')], (c) => (c.method === 'POST'
      ? { status: 409, body: { status: 409, detail: 'rollout r-running-0001 is succeeded: it cannot be resumed' } } : undefined));
    render(<RolloutsPage admin />);
    const live = await screen.findByRole('article', { name: 'Running now' });
    expect(within(live).queryByRole('button', { name: 'Pause' })).toBeNull();
    expect(within(live).getByRole('button', { name: 'Promote' })).toBeInTheDocument();
    expect(within(live).getByRole('button', { name: 'Abort' })).toBeInTheDocument();
    await userEvent.click(within(live).getByRole('button', { name: 'Resume' }));
    expect(await within(live).findByText('rollout r-running-0001 is succeeded: it cannot be resumed')).toBeInTheDocument();
  });

  it('shows an auditor the same rollout without any button', async () => {
    rolloutsApi([running(), rolledBack]);
    render(<RolloutsPage admin={false} />);
    const live = await screen.findByRole('article', { name: 'Running now' });
    expect(within(live).getByRole('table', { name: 'Agents of wave 1' })).toHaveTextContent('canary-1');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(within(live).getByRole('note')).toHaveTextContent('Read-only');
  });

  it('reads a running rollout again every second or two', async () => {
    const calls = rolloutsApi([running()]);
    render(<RolloutsPage admin />);
    await screen.findByRole('article', { name: 'Running now' });
    const reads = () => calls.filter((c) => c.url.startsWith('/api/rollouts?')).length;
    const before = reads();
    await waitFor(() => expect(reads()).toBeGreaterThan(before), { timeout: 2_500 });
  });

  it('waits for a rollout a write just named, which can be read a moment later', async () => {
    let reads = 0;
    rolloutsApi([], (c) => {
      if (c.url !== '/api/rollouts/r-running-0001') return undefined;
      reads += 1;
      return reads === 1 ? { status: 404, body: { status: 404, detail: 'no rollout r-running-0001' } } : { body: running() };
    });
    render(<RolloutDetail id="r-running-0001" admin />);
    expect(await screen.findByRole('article', { name: 'Running now' }, { timeout: 3_000 })).toBeInTheDocument();
    expect(screen.queryByText('no rollout r-running-0001')).toBeNull();
  });

  it('shows a finished rollout by its id, without buttons', async () => {
    rolloutsApi([], (c) => (c.url === '/api/rollouts/r-past-0002' ? { body: rolledBack } : undefined));
    render(<RolloutDetail id="r-past-0002" admin />);
    const card = await screen.findByRole('article', { name: 'Finished' });
    expect(within(card).getByTestId('rollout-failure')).toHaveTextContent('Rolled back: canary-1: chat answered 502: upstream refused — undone by change #40');
    expect(within(card).getByRole('table', { name: 'Agents of wave 1' })).toHaveTextContent('failed');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});

const STATUS = { completed: true, breakglassCreated: true, oidcConfigured: false, providers: 1, agents: 1 };

function app(roles: string[], items: () => Rollout[], extra?: (c: Call) => { status?: number; body?: unknown; headers?: Record<string, string> } | undefined) {
  return mockApi((c) => {
    const more = extra?.(c);
    if (more) return more;
    if (c.url === '/api/onboarding/status') return { body: STATUS };
    if (c.url === '/api/auth/me') return { body: { username: 'u', displayName: 'U', roles, authMethod: 'breakglass' } };
    if (c.url.startsWith('/api/rollouts?')) return { body: { items: items() } };
    if (c.url === '/api/settings/rollout') return { body: policy, headers: { ETag: '"7"' } };
    if (c.method === 'GET' && c.url.startsWith('/api/')) return { body: { items: [] } };
    return undefined;
  });
}

describe('the rollout banner', () => {
  it('says on every settings page that a rollout runs, with a link to it', async () => {
    app(['AUDITOR'], () => [running()]);
    window.history.replaceState(null, '', '/settings/providers');
    renderApp();
    const banner = await screen.findByTestId('rollout-banner');
    expect(banner).toHaveTextContent('A rollout is running: changes that move an agent’s version wait until it ends.');
    expect(within(banner).getByRole('link', { name: 'See the rollout' })).toHaveAttribute('href', '/rollouts/r-running-0001');
    await userEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Security' }));
    expect(await screen.findByTestId('rollout-banner')).toBeInTheDocument();
  });

  it('is not there when no rollout runs', async () => {
    app(['ADMIN'], () => [rolledBack]);
    window.history.replaceState(null, '', '/settings/providers');
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Providers' })).toBeInTheDocument();
    await waitFor(() => expect(document.querySelector('[data-testid="rollout-banner"]')).toBeNull());
    expect(screen.queryByTestId('rollout-started')).toBeNull();
  });

  it('appears after a write that started a rollout, naming it as the user’s change', async () => {
    let started = false;
    app(['ADMIN'], () => (started ? [running()] : [rolledBack]), (c) => {
      if (c.method === 'PUT' && c.url === '/api/settings/rollout') {
        started = true;
        return { body: { ...policy, version: 8 }, headers: { 'Mosaic-Rollout': 'r-running-0001' } };
      }
      return undefined;
    });
    window.history.replaceState(null, '', '/settings/rollout');
    renderApp();
    const form = await screen.findByRole('form', { name: 'Rollout policy' });
    expect(screen.queryByTestId('rollout-banner')).toBeNull();
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const banner = await screen.findByTestId('rollout-banner');
    expect(banner).toHaveTextContent('Your change is rolling out in waves.');
    expect(within(banner).getByRole('link', { name: 'See the rollout' })).toHaveAttribute('href', '/rollouts/r-running-0001');
  });

  it('the Rollouts page is in the main navigation of admins and auditors', async () => {
    app(['AUDITOR'], () => [running()]);
    window.history.replaceState(null, '', '/rollouts');
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Rollouts' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Rollouts' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('article', { name: 'Running now' })).toBeInTheDocument();
    expect(screen.queryByTestId('rollout-banner')).toBeNull();
  });
});

const provider: Provider = {
  id: 'p1', name: 'openai', displayName: 'OpenAI', type: 'openai', baseUrl: null, effectiveBaseUrl: 'https://api.openai.com/v1',
  apiType: null, apiKeySet: true, models: [{ id: 'gpt-a', name: 'GPT A', contextWindow: null, maxTokens: null }], active: true, version: 3,
};
const agent: Agent = {
  id: 'a1', name: 'support', displayName: 'Support', role: null, gatewayUrl: 'http://support:18789', providerId: 'p1', primaryModel: 'gpt-a',
  fallbacks: [], personality: null, toolPermissions: [], active: true, canary: false, version: 4,
};

describe('an agent in a rollout', () => {
  it('shows the served and the target version and the rollout it waits in', async () => {
    mockApi((c) => {
      if (c.url === '/api/agents/support') return { body: agent };
      if (c.url === '/api/providers') return { body: { items: [provider] } };
      if (c.url === '/api/agents/support/status') {
        return { body: { name: 'support', currentVersion: 3, targetVersion: 4, appliedVersion: 3, lastSeenAt: null, connected: true, inSync: true, rollout: { id: 'r-running-0001', wave: 2 } } };
      }
      if (c.url.startsWith('/api/agents/support/config/versions?')) return { body: { items: [] } };
      return undefined;
    });
    render(<AgentDetail name="support" admin />);
    const served = await screen.findByTestId('served-version');
    expect(served).toHaveTextContent('Serving v3; v4 waits for its wave (wave 2 of the running rollout).');
    expect(within(served).getByRole('link', { name: 'the running rollout' })).toHaveAttribute('href', '/rollouts/r-running-0001');
    expect(screen.getAllByText('waiting for its wave', { selector: '.badge' })).toHaveLength(1);
  });

  it('edits the canary flag with the profile', async () => {
    const calls = mockApi((c) => {
      if (c.method === 'GET' && c.url === '/api/agents/support') return { body: agent };
      if (c.url === '/api/providers') return { body: { items: [provider] } };
      if (c.url === '/api/agents/support/status') return { body: { name: 'support', currentVersion: 4, targetVersion: 4, appliedVersion: 4, lastSeenAt: null, connected: false, inSync: true, rollout: null } };
      if (c.url.startsWith('/api/agents/support/config/versions?')) return { body: { items: [] } };
      if (c.method === 'PATCH') return { body: { ...agent, canary: true, version: 5 } };
      return undefined;
    });
    render(<AgentDetail name="support" admin />);
    const profile = await screen.findByRole('form', { name: 'Profile' });
    await userEvent.click(within(profile).getByRole('checkbox', { name: 'Canary (first in every rollout)' }));
    await userEvent.click(within(profile).getByRole('button', { name: 'Save profile' }));
    await within(profile).findByText('Profile saved.');
    expect(calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({ canary: true });
  });

  it('creates an agent as a canary', async () => {
    const calls = mockApi((c) => (c.url === '/api/agents' ? { status: 201, body: { name: 'support', token: 'tok', version: 1 } } : undefined));
    render(<AgentForm providers={[provider]} endpoint="settings" onSaved={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Name'), 'support');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Canary (first in every rollout)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save agent' }));
    await waitFor(() => expect(calls.find((c) => c.url === '/api/agents')?.body).toMatchObject({ name: 'support', canary: true }));
  });
});
