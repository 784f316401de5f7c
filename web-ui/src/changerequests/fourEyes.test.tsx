import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Agent, ChangeRequest, ChangeRequestDetail, Me, Provider } from '../api';
import { useFourEyes } from '../components/ui';
import { RolloutPolicyPage } from '../settings/RolloutPolicyPage';
import { ChangePolicyPage } from '../settings/ChangePolicyPage';
import { AgentDetail } from '../settings/AgentsPage';
import { SessionProvider } from '../session';
import { mockApi, render, renderApp } from '../testing';
import { ChangeRequestsPage } from './ChangeRequestsPage';
import { ChangeRequestPage } from './ChangeRequestPage';

/** What the app's frame does for every admin: reads the change policy (the forms then know whether they propose). */
function ReadsPolicy() {
  useFourEyes();
  return null;
}

const policy = { enabled: false, waves: [10, 100], bakeSeconds: 60, applyTimeoutSeconds: 120, verify: 'applied', maxFailedAgents: 0 };
const provider: Provider = {
  id: 'p1', name: 'openai', displayName: 'OpenAI', type: 'openai', baseUrl: null, effectiveBaseUrl: 'https://api.openai.com/v1',
  apiType: null, apiKeySet: true, models: [{ id: 'gpt-a', name: 'GPT A', contextWindow: null, maxTokens: null }, { id: 'gpt-b', name: 'GPT B', contextWindow: null, maxTokens: null }],
  active: true, version: 3,
};
const agent: Agent = {
  id: 'a1', name: 'support', displayName: 'Support', role: null, gatewayUrl: 'http://support:18789', providerId: 'p1', primaryModel: 'gpt-a',
  fallbacks: [], personality: null, toolPermissions: [], active: true, canary: false, version: 4,
};
const alice = { id: 'breakglass-user:1', name: 'alice' };
const bob = { id: 'breakglass-user:2', name: 'bob' };

function request(p: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: 'cr-0001-aaaa-bbbb', title: 'Change the model of agent support to gpt-b', state: 'open', author: alice,
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(), baseSeq: 40, approvalsRequired: 1, approvals: [],
    decidedBy: null, decisionComment: null, decidedAt: null, appliedSeq: null, pending: true,
    operation: { method: 'PUT', path: '/api/agents/support/model', query: '', body: '{"providerId":"p1","primaryModel":"gpt-b","fallbacks":[]}' },
    ...p,
  };
}

function detail(p: Partial<ChangeRequestDetail> = {}): ChangeRequestDetail {
  return {
    ...request(),
    preview: {
      dryRun: true,
      events: [{ type: 'AgentModelChanged', summary: 'Model of agent support changed to openai/gpt-b', changes: [] }],
      agents: [{ name: 'support', currentVersion: 4, versionWouldMove: true, changes: [{ path: 'agents.defaults.model.primary', op: 'replace', from: 'openai/gpt-a', to: 'openai/gpt-b' }] }],
    },
    stale: false,
    touched: [{ entityType: 'agent', entityId: 'a1', name: 'support', stale: false }],
    ...p,
  } as ChangeRequestDetail;
}

const meAs = (username: string, roles = ['ADMIN']): Me => ({ username, displayName: username, roles, authMethod: 'breakglass' });

function renderDetail(me: Me, admin = me.roles.includes('ADMIN')) {
  return render(
    <SessionProvider value={{ status: { completed: true } as never, me }}>
      <ChangeRequestPage id="cr-0001-aaaa-bbbb" admin={admin} />
    </SessionProvider>,
  );
}

describe('four-eyes on the settings forms', () => {
  it('offers Save and saves directly while the policy is off', async () => {
    const calls = mockApi((c) => {
      if (c.url === '/api/settings/change-policy') return { body: { approvalsRequired: 0 } };
      if (c.method === 'GET' && c.url === '/api/settings/rollout') return { body: policy, headers: { ETag: '"7"' } };
      if (c.method === 'PUT') return { body: { ...policy, version: 8 } };
      return undefined;
    });
    render(<><ReadsPolicy /><RolloutPolicyPage admin /></>);
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/^Saved\./)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PUT')!.url).toBe('/api/settings/rollout');
  });

  it('offers Propose instead of Save while the policy is on, and says the 201 as proposed with a link', async () => {
    const calls = mockApi((c) => {
      if (c.url === '/api/settings/change-policy') return { body: { approvalsRequired: 2 }, headers: { ETag: '"3"' } };
      if (c.method === 'GET' && c.url === '/api/settings/rollout') return { body: policy, headers: { ETag: '"7"' } };
      if (c.method === 'PUT') return { status: 201, body: request({ title: 'Change the rollout policy', approvalsRequired: 2, operation: { method: 'PUT', path: '/api/settings/rollout', query: '', body: '{}' } }) };
      return undefined;
    });
    render(<><ReadsPolicy /><RolloutPolicyPage admin /></>);
    const propose = await screen.findByRole('button', { name: 'Propose' });
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    await userEvent.click(propose);
    const proposed = await screen.findByTestId('proposed');
    expect(proposed).toHaveTextContent('Proposed as change request “Change the rollout policy” — it needs 2 approvals by another admin before it can be applied.');
    expect(within(proposed).getByRole('link', { name: 'Open the change request' })).toHaveAttribute('href', '/change-requests/cr-0001-aaaa-bbbb');
    expect(screen.queryByRole('alert')).toBeNull();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/settings/rollout?propose=true');
    expect(put.headers['If-Match']).toBe('"7"');
  });

  it('proposes an agent’s model change (Propose model) and keeps the form as it was', async () => {
    const calls = mockApi((c) => {
      if (c.url === '/api/settings/change-policy') return { body: { approvalsRequired: 1 } };
      if (c.method === 'GET' && c.url === '/api/agents/support') return { body: agent };
      if (c.url === '/api/providers') return { body: { items: [provider] } };
      if (c.url === '/api/agents/support/status') return { body: { name: 'support', currentVersion: 4, targetVersion: 4, appliedVersion: 4, lastSeenAt: null, connected: false, inSync: true, rollout: null } };
      if (c.url.startsWith('/api/agents/support/config/versions?')) return { body: { items: [] } };
      if (c.method === 'PUT' && c.url.endsWith('dryRun=true')) return { body: detail().preview };
      if (c.method === 'PUT') return { status: 201, body: request() };
      return undefined;
    });
    render(<><ReadsPolicy /><AgentDetail name="support" admin /></>);
    const form = await screen.findByRole('form', { name: 'Model' });
    await userEvent.selectOptions(within(form).getByLabelText('Primary model'), 'gpt-b');
    await userEvent.click(await within(form).findByRole('button', { name: 'Propose model' }));
    expect(await within(form).findByTestId('proposed')).toHaveTextContent('Proposed as change request “Change the model of agent support to gpt-b” — it needs 1 approval by another admin');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/agents/support/model?propose=true');
    expect(put.body).toMatchObject({ primaryModel: 'gpt-b' });
    // a preview is a dry run: never proposed
    await userEvent.click(within(form).getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/agents/support/model?dryRun=true')).toBe(true));
    expect(await within(form).findByTestId('preview-agents')).toHaveTextContent('1 agent gets a new config version: support.');
    expect(calls.some((c) => c.url.includes('dryRun=true&propose') || c.url.includes('propose=true&dryRun'))).toBe(false);
  });

  it('says a 403 approvalRequired in plain words (four-eyes switched on meanwhile), then offers Propose', async () => {
    let required = 0;
    mockApi((c) => {
      if (c.url === '/api/settings/change-policy') return { body: { approvalsRequired: required } };
      if (c.method === 'GET' && c.url === '/api/settings/rollout') return { body: policy, headers: { ETag: '"7"' } };
      if (c.method === 'PUT') {
        required = 1;
        return { status: 403, body: { status: 403, title: 'Forbidden', detail: 'This change needs the approval of 1 other admin: propose it (?propose=true) and apply it once approved.', approvalRequired: true, approvalsRequired: 1 } };
      }
      return undefined;
    });
    render(<><ReadsPolicy /><RolloutPolicyPage admin /></>);
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Four-eyes is on: this change needs 1 approval by another admin. Nothing was saved; press Propose to propose it.');
    expect(await screen.findByRole('button', { name: 'Propose' })).toBeInTheDocument();
  });

  it('does not propose the first-boot wizard’s writes', async () => {
    const { proposes, learnChangePolicy } = await import('../api');
    learnChangePolicy(1);
    expect(proposes('POST', '/api/onboarding/agents', {})).toBe(false);
    expect(proposes('POST', '/api/providers/test', {})).toBe(false);
    expect(proposes('POST', '/api/revert', { seq: 3, dryRun: true })).toBe(false);
    expect(proposes('POST', '/api/revert', { seq: 3 })).toBe(true);
    expect(proposes('DELETE', '/api/agents/support', undefined)).toBe(true);
    expect(proposes('PUT', '/api/settings/change-policy', { approvalsRequired: 2 })).toBe(false);
    expect(proposes('PUT', '/api/settings/change-policy', { approvalsRequired: 0 })).toBe(true);
  });
});

describe('the change policy page', () => {
  it('saves raising the policy, and proposes lowering it while it is on', async () => {
    const calls = mockApi((c) => {
      if (c.method === 'GET' && c.url === '/api/settings/change-policy') return { body: { approvalsRequired: 1 }, headers: { ETag: '"5"' } };
      if (c.method === 'PUT' && c.url === '/api/settings/change-policy') return { body: { approvalsRequired: 2, version: 6 } };
      if (c.method === 'PUT') return { status: 201, body: request({ title: 'Require 0 approval(s) for changes' }) };
      return undefined;
    });
    render(<ChangePolicyPage admin />);
    expect(await screen.findByTestId('change-policy-now')).toHaveTextContent('Four-eyes is now on: 1 approval by other admins.');
    expect(screen.getByText(/every change to providers, agents, sign-in, rollout settings and reverts must be approved by another admin before it is applied/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Off' }));
    expect(screen.getByText(/Lowering the policy while four-eyes is on is itself a change/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Propose' }));
    expect(await screen.findByTestId('proposed')).toHaveTextContent('Proposed as change request “Require 0 approval(s) for changes”');
    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({ url: '/api/settings/change-policy?propose=true', body: { approvalsRequired: 0 } });

    await userEvent.click(screen.getByRole('radio', { name: '2 approvals' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved. Four-eyes is on: 2 approvals by other admins.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')[1]).toMatchObject({ url: '/api/settings/change-policy', body: { approvalsRequired: 2 } });
    expect(calls.filter((c) => c.method === 'PUT')[1].headers['If-Match']).toBe('"5"');
  });

  it('is read-only for an auditor', async () => {
    mockApi((c) => (c.url === '/api/settings/change-policy' ? { body: { approvalsRequired: 0 } } : undefined));
    render(<ChangePolicyPage admin={false} />);
    expect(await screen.findByText(/Read-only/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(await screen.findByRole('radio', { name: 'Off' })).toBeDisabled();
  });
});

describe('the change requests page', () => {
  it('lists the waiting ones first, then the decided ones, in words', async () => {
    mockApi((c) => {
      if (c.url === '/api/settings/change-policy') return { body: { approvalsRequired: 1 } };
      if (c.url.startsWith('/api/change-requests?state=open')) return { body: { items: [request()] } };
      if (c.url.startsWith('/api/change-requests?state=approved')) {
        return { body: { items: [request({ id: 'cr-2', title: 'Rotate the token of agent sales', state: 'approved', author: bob, approvals: [{ by: alice, at: new Date().toISOString(), comment: 'fine by me' }] })] } };
      }
      if (c.url.startsWith('/api/change-requests?state=rejected')) {
        return { body: { items: [request({ id: 'cr-3', title: 'Remove provider openai', state: 'rejected', pending: false, decidedBy: bob, decisionComment: 'still in use', decidedAt: new Date().toISOString() })] } };
      }
      if (c.url.startsWith('/api/change-requests?state=')) return { body: { items: [] } };
      return undefined;
    });
    render(<ChangeRequestsPage admin />);
    const waiting = await screen.findByRole('list', { name: 'Waiting change requests' });
    const items = within(waiting).getAllByTestId('cr-item');
    expect(items).toHaveLength(2);
    expect(items.map((i) => within(i).getByRole('link').textContent)).toEqual(expect.arrayContaining(['Change the model of agent support to gpt-b', 'Rotate the token of agent sales']));
    const open = items.find((i) => i.textContent!.includes('agent support'))!;
    expect(open).toHaveTextContent('Proposed by alice 5 minutes ago');
    expect(open).toHaveTextContent('no approvals yet (0 of 1 approval)');
    expect(within(open).getByTestId('cr-state')).toHaveTextContent('waiting for approval');
    const approved = items.find((i) => i.textContent!.includes('sales'))!;
    expect(approved).toHaveTextContent('1 of 1 approval: alice (“fine by me”)');
    expect(within(approved).getByTestId('cr-state')).toHaveTextContent('approved, ready to apply');
    const decided = await screen.findByRole('list', { name: 'Decided change requests' });
    expect(decided).toHaveTextContent('Remove provider openai');
    expect(decided).toHaveTextContent('rejected by bob');
    expect(decided).toHaveTextContent('“still in use”');
    expect(within(waiting).getAllByRole('link')[0]).toHaveAttribute('href', expect.stringMatching(/^\/change-requests\//));
  });
});

describe('a change request', () => {
  const detailApi = (d: ChangeRequestDetail, more: (c: { method: string; url: string; body: unknown }) => { status?: number; body?: unknown } | undefined = () => undefined) =>
    mockApi((c) => more(c) ?? (c.method === 'GET' && c.url === '/api/change-requests/cr-0001-aaaa-bbbb' ? { body: d } : undefined));

  it('shows its author what it would change, no Approve or Reject, and Cancel', async () => {
    detailApi(detail());
    renderDetail(meAs('alice'));
    expect(await screen.findByRole('heading', { name: 'Change the model of agent support to gpt-b' })).toBeInTheDocument();
    const preview = screen.getByRole('region', { name: 'What applying it would change now' });
    expect(within(preview).getByTestId('preview-agents')).toHaveTextContent('1 agent gets a new config version: support.');
    expect(preview).toHaveTextContent('openai/gpt-b');
    expect(screen.getByTestId('cr-own')).toHaveTextContent('You proposed this change: another admin must approve it.');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel request' })).toBeInTheDocument();
  });

  it('lets another admin approve with a comment, and needs a comment to reject', async () => {
    const calls = detailApi(detail(), (c) => (c.method === 'POST' ? { body: request({ state: 'approved', approvals: [{ by: bob, at: new Date().toISOString(), comment: 'ok' }] }) } : undefined));
    renderDetail(meAs('bob'));
    await screen.findByRole('button', { name: 'Approve' });
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect(await screen.findByText('A rejection needs a comment: say why.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('Comment'), 'ok');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Approved.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: '/api/change-requests/cr-0001-aaaa-bbbb/approve', body: { comment: 'ok' } });
  });

  it('offers Apply once approved and shows a created agent’s token once, with the rollout', async () => {
    const approved = detail({ state: 'approved', title: 'Add agent sales', approvals: [{ by: bob, at: new Date().toISOString(), comment: null }] });
    const calls = detailApi(approved, (c) => (c.method === 'POST' && c.url.endsWith('/apply')
      ? { body: { ...request({ state: 'applied', pending: false, appliedSeq: 51 }), result: { name: 'sales', token: 'tok-secret-123', version: 1 }, rolloutId: 'r-0009' } }
      : undefined));
    renderDetail(meAs('alice'));
    expect(await screen.findByTestId('cr-approvals')).toHaveTextContent('1 of 1 approval: bob');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const applied = await screen.findByRole('region', { name: 'Applied' });
    expect(applied).toHaveTextContent('tok-secret-123');
    expect(within(applied).getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(within(applied).getByRole('link', { name: 'follow the rollout' })).toHaveAttribute('href', '/rollouts/r-0009');
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/change-requests/cr-0001-aaaa-bbbb/apply')).toBe(true);
  });

  it('warns when what it touches changed since, naming it', async () => {
    detailApi(detail({ state: 'approved', stale: true, touched: [{ entityType: 'agent', entityId: 'a1', name: 'support', stale: true }] }));
    renderDetail(meAs('alice'));
    expect(await screen.findByTestId('cr-stale')).toHaveTextContent('Changed since it was proposed: agent support.');
  });

  it('shows an auditor no buttons, and a decided request none either', async () => {
    detailApi(detail());
    renderDetail(meAs('carol', ['AUDITOR']));
    expect(await screen.findByTestId('cr-author')).toHaveTextContent('alice');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows nothing to decide on an applied one', async () => {
    detailApi(detail({ state: 'applied', pending: false, preview: null, appliedSeq: 52, decidedBy: bob, decidedAt: new Date().toISOString() }));
    renderDetail(meAs('bob'));
    expect(await screen.findByText('Applied by')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('the app with four-eyes on', () => {
  it('counts the waiting change requests in the navigation and says on the settings pages that changes are proposed', async () => {
    const calls = mockApi((c) => {
      if (c.url === '/api/onboarding/status') return { body: { completed: true, breakglassCreated: true, oidcConfigured: false, providers: 1, agents: 1 } };
      if (c.url === '/api/auth/me') return { body: meAs('alice') };
      if (c.url === '/api/settings/change-policy') return { body: { approvalsRequired: 1 } };
      if (c.url.startsWith('/api/change-requests?state=open')) return { body: { items: [request(), request({ id: 'cr-2', author: bob })] } };
      if (c.url.startsWith('/api/')) return { body: { items: [] } };
      return undefined;
    });
    window.history.replaceState(null, '', '/settings/agents');
    renderApp();
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByTestId('cr-count')).toHaveTextContent('2');
    expect(within(nav).getByRole('link', { name: /^Change requests/ })).toHaveAttribute('href', '/change-requests');
    expect(await screen.findByTestId('four-eyes-note')).toHaveTextContent('Four-eyes is on: changes here are proposed, and applied once another admin approves them');
    expect(calls.some((c) => c.url === '/api/settings/change-policy')).toBe(true);
  });
});
