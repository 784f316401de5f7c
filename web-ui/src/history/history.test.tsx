import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, mockApi } from '../testing';
import { AgentHistory } from './AgentHistory';
import { ChangeTable } from './Diff';
import { PreviewPanel } from './Preview';
import { RevertFlow } from './RevertFlow';
import { StateView } from './StateView';
import { compareSecrets, lineDiff, secretChange, show } from './values';
import type { ConfigVersion } from './historyApi';

beforeEach(() => {
  vi.unstubAllGlobals();
});

const KEY_A = 'secret:3f9a00112233';
const KEY_B = 'secret:77aa00112233';

const versions: ConfigVersion[] = [
  { version: 3, etag: '"c"', renderedAt: '2026-11-29T10:03:00Z', causes: [{ seq: 12, eventType: 'AgentModelAssigned', actorName: 'ops', summary: 'model assigned: bad-model' }] },
  { version: 2, etag: '"b"', renderedAt: '2026-11-29T10:02:00Z', causes: [{ seq: 9, eventType: 'ProviderApiKeyChanged', actorName: 'ops', summary: 'API key replaced' }] },
  { version: 1, etag: '"a"', renderedAt: '2026-11-29T10:01:00Z', causes: [{ seq: 5, eventType: 'AgentRegistered', actorName: 'admin', summary: 'agent registered' }] },
];

const doc = (key: string, model: string) => ({ models: { providers: { openai: { apiKey: key } } }, agents: { defaults: { model: { primary: model } } } });

describe('history values', () => {
  it('compares secret masks and never shows them', () => {
    expect(secretChange(KEY_A, KEY_B)).toBe('secret changed');
    expect(secretChange(KEY_A, KEY_A)).toBe('secret unchanged');
    expect(secretChange(null, KEY_A)).toBe('secret set');
    expect(secretChange('a', 'b')).toBeNull();
    expect(show({ apiKey: KEY_A, baseUrl: 'x' })).toBe('{"apiKey":"(secret)","baseUrl":"x"}');
    expect(compareSecrets(doc(KEY_A, 'm'), doc(KEY_A, 'n'))).toEqual([{ path: '/models/providers/openai/apiKey', state: 'unchanged' }]);
    expect(compareSecrets(doc(KEY_A, 'm'), doc(KEY_B, 'm'))).toEqual([{ path: '/models/providers/openai/apiKey', state: 'changed' }]);
  });

  it('diffs lines', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual([' a', '-b', '+x', ' c']);
    expect(lineDiff(null, 'new')).toEqual(['+new']);
  });
});

describe('the change table', () => {
  it('lists changes by JSON Pointer, says changed for a secret without its mask, and diffs SOUL.md', () => {
    const { container } = render(<ChangeTable changes={[
      { path: '/agents/defaults/model/primary', op: 'changed', from: 'openai/good', to: 'openai/bad' },
      { path: '/models/providers/openai/apiKey', op: 'changed', from: KEY_A, to: KEY_B },
      { path: 'SOUL.md', op: 'changed', from: 'You are kind.\nBe brief.', to: 'You are kind.\nBe thorough.' },
    ]} />);
    const rows = screen.getAllByRole('row');
    expect(within(rows[1]).getByText('/agents/defaults/model/primary')).toBeInTheDocument();
    expect(within(rows[1]).getByText('openai/good')).toBeInTheDocument();
    expect(within(rows[2]).getByText('secret changed')).toBeInTheDocument();
    expect(container.textContent).not.toContain('3f9a');
    expect(container.textContent).not.toContain('77aa');
    const soul = screen.getByLabelText('SOUL.md changes');
    expect(soul.querySelector('.line-del')).toHaveTextContent('-Be brief.');
    expect(soul.querySelector('.line-add')).toHaveTextContent('+Be thorough.');
  });
});

describe('the preview panel', () => {
  it('says which agents get a new version and shows their diff', () => {
    render(<PreviewPanel result={{
      dryRun: true, events: [{ type: 'ProviderApiKeyChanged', summary: 'API key of openai replaced', changes: [] }],
      agents: [
        { name: 'support', currentVersion: 4, versionWouldMove: true, changes: [{ path: '/models/providers/openai/apiKey', op: 'changed', from: KEY_A, to: KEY_B }] },
        { name: 'sales', currentVersion: 2, versionWouldMove: true, changes: [] },
      ],
    }} />);
    expect(screen.getByText('API key of openai replaced')).toBeInTheDocument();
    expect(screen.getByTestId('preview-agents')).toHaveTextContent('2 agents get a new config version: support, sales.');
    expect(screen.getByText('secret changed')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Preview' })).not.toHaveTextContent('secret:');
  });
});

describe('the agent history', () => {
  function api(extra?: (url: string, method: string, body: unknown) => { status?: number; body?: unknown } | undefined) {
    return mockApi((c) => {
      const more = extra?.(c.url, c.method, c.body);
      if (more) return more;
      if (c.url.startsWith('/api/agents/support/config/versions?')) return { body: { items: versions, nextCursor: null } };
      if (c.url === '/api/agents/support/config/diff?from=1&to=3') {
        return { body: { from: 1, to: 3, changes: [{ path: '/agents/defaults/model/primary', op: 'changed', from: 'openai/good', to: 'openai/bad' }], soulDiff: '--- v1\n+++ v3\n@@ -1 +1 @@\n-old soul\n+new soul\n' } };
      }
      if (c.url === '/api/agents/support/config/versions/1') return { body: { version: 1, document: doc(KEY_A, 'openai/good'), soul: 'old soul' } };
      if (c.url === '/api/agents/support/config/versions/3') return { body: { version: 3, document: doc(KEY_B, 'openai/bad'), soul: 'new soul' } };
      return undefined;
    });
  }

  it('lists versions with their causes, and compares two picked versions', async () => {
    api();
    const { container } = render(<AgentHistory agent="support" admin={false} />);
    expect(await screen.findByText(/model assigned: bad-model/)).toBeInTheDocument();
    expect(screen.getByText(/#12 · AgentModelAssigned · ops/)).toBeInTheDocument();
    const compare = screen.getByRole('button', { name: 'Compare two versions' });
    expect(compare).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: 'v1' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'v3' }));
    await userEvent.click(screen.getByRole('button', { name: 'Compare v1 and v3' }));
    const region = await screen.findByRole('region', { name: 'Changes from v1 to v3' });
    expect(within(region).getByText('openai/bad')).toBeInTheDocument();
    expect(within(within(region).getByRole('list', { name: 'Secrets' })).getByText('changed')).toBeInTheDocument();
    expect(within(region).getByLabelText('SOUL.md diff').querySelector('.line-add')).toHaveTextContent('+new soul');
    expect(container.textContent).not.toMatch(/secret:[0-9a-f]/);
    // An auditor reads history but has no revert.
    expect(screen.queryByRole('button', { name: /Revert/ })).toBeNull();
  });

  it('for an admin: previews the revert of the agent to an older version first, then applies it with the reason', async () => {
    const calls = api((url, method, body) => {
      if (url === '/api/revert' && method === 'POST') {
        const dry = (body as { dryRun?: boolean }).dryRun === true;
        return { body: { dryRun: dry, commands: [{ entityType: 'agent', entityId: 'a1', action: 'assign-model', summary: 'model of support back to openai/good' }],
          agents: [{ name: 'support', currentVersion: 3, versionWouldMove: true, changes: [{ path: '/agents/defaults/model/primary', op: 'changed', from: 'openai/bad', to: 'openai/good' }] }] } };
      }
      return undefined;
    });
    const reverted = vi.fn();
    render(<AgentHistory agent="support" admin onReverted={reverted} />);
    await screen.findByText(/model assigned: bad-model/);
    // No revert to the current version.
    expect(screen.queryByRole('button', { name: 'Revert this agent to v3' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Revert this agent to v1' }));
    const preview = await screen.findByRole('region', { name: 'Preview: Revert this agent to v1' });
    expect(preview).toHaveTextContent('model of support back to openai/good');
    expect(preview).toHaveTextContent('1 agent gets a new config version: support.');
    const dry = calls.filter((c) => c.url === '/api/revert');
    expect(dry).toHaveLength(1);
    expect(dry[0].body).toEqual({ seq: 5, scope: { entityType: 'agent', entityId: 'support' }, dryRun: true });
    await userEvent.type(screen.getByLabelText('Reason (optional)'), 'bad model broke answers');
    await userEvent.click(screen.getByRole('button', { name: 'Apply revert' }));
    await waitFor(() => expect(reverted).toHaveBeenCalled());
    const applied = calls.filter((c) => c.url === '/api/revert');
    expect(applied).toHaveLength(2);
    expect(applied[1].body).toEqual({ seq: 5, scope: { entityType: 'agent', entityId: 'support' }, reason: 'bad model broke answers' });
    expect(await screen.findByText(/Reverted support to v1/)).toBeInTheDocument();
  });
});

describe('revert to an audit entry and the state at it', () => {
  it('cancelling the preview sends nothing more', async () => {
    const calls = mockApi((c) => (c.url === '/api/revert'
      ? { body: { dryRun: true, commands: [{ entityType: 'provider', entityId: 'p1', action: 'deactivate', summary: 'deactivate provider backup' }], agents: [] } }
      : undefined));
    render(<RevertFlow label="Revert to here (#7)" seq={7} />);
    await userEvent.click(screen.getByRole('button', { name: 'Revert to here (#7)' }));
    expect(await screen.findByText('deactivate provider backup')).toBeInTheDocument();
    expect(screen.getByTestId('preview-agents')).toHaveTextContent('No agent gets a new config version.');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Revert to here (#7)' })).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toEqual({ seq: 7, dryRun: true });
  });

  it('shows the whole configuration right after an entry, read-only', async () => {
    mockApi((c) => (c.url === '/api/state?seq=7' ? { body: {
      seq: 7, at: '2026-11-29T10:00:00Z', onboardingCompleted: true, oidc: null,
      providers: [{ id: 'p1', name: 'openai', displayName: 'OpenAI', type: 'openai', baseUrl: null, effectiveBaseUrl: 'https://api.openai.com/v1', apiType: null, apiKeySet: true, models: [{ id: 'gpt-a' }], active: true, version: 1 }],
      agents: [{ id: 'a1', name: 'support', displayName: 'Support', role: null, gatewayUrl: 'http://x', providerId: 'p1', primaryModel: 'gpt-a', fallbacks: [], personality: 'Be kind.', toolPermissions: ['web_search'], active: true, version: 2 }],
    } } : undefined));
    render(<StateView seq={7} />);
    const region = await screen.findByRole('region', { name: 'Configuration at #7' });
    expect(within(region).getByRole('table', { name: 'Providers then' })).toHaveTextContent('OpenAI');
    expect(within(region).getByRole('table', { name: 'Agents then' })).toHaveTextContent('openai/gpt-a');
    expect(within(region).getByRole('table', { name: 'Agents then' })).toHaveTextContent('web_search');
    expect(region).toHaveTextContent('single sign-on not configured');
    expect(within(region).queryByRole('button')).toBeNull();
  });
});
