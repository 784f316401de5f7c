import { describe, expect, it } from 'vitest';
import { isHttpUrl, passwordStrength, validateName, validatePassword } from './validation';
import { envFile, resumeStep } from './wizard/steps';
import { auditCsv } from './settings/audit';

const status = (o: Partial<{ completed: boolean; breakglassCreated: boolean; providers: number; agents: number }>) => ({
  completed: false, breakglassCreated: false, oidcConfigured: false, providers: 0, agents: 0, ...o,
});

describe('passwords', () => {
  it('calls anything under 12 characters too short, whatever its variety', () => {
    expect(passwordStrength('Ab1!Ab1!Ab1').score).toBe(0);
    expect(passwordStrength('').label).toBe('Empty');
  });
  it('rates long varied passphrases higher than long monotone ones', () => {
    expect(passwordStrength('aaaaaaaaaaaaaaaa').score).toBe(1);
    expect(passwordStrength('correct-Horse-battery-staple-9').score).toBe(4);
  });
  it('requires 12 characters and a matching confirmation', () => {
    expect(validatePassword('short', 'short')).toEqual({ password: 'must be at least 12 characters' });
    expect(validatePassword('long-enough-pass', 'long-enough-pasS')).toEqual({ confirm: 'does not match the password' });
    expect(validatePassword('long-enough-pass', 'long-enough-pass')).toEqual({});
  });
});

describe('names and URLs', () => {
  it('accepts the server’s name pattern only', () => {
    expect(validateName('support')).toBeUndefined();
    expect(validateName('')).toBe('is required');
    expect(validateName('Support')).toMatch(/lower-case/);
    expect(validateName('a')).toMatch(/lower-case/);
  });
  it('accepts absolute http(s) URLs only', () => {
    expect(isHttpUrl('http://support:18789')).toBe(true);
    expect(isHttpUrl('https://api.openai.com/v1')).toBe(true);
    expect(isHttpUrl('ftp://x')).toBe(false);
    expect(isHttpUrl('support:18789/x y')).toBe(false);
  });
});

describe('wizard resume', () => {
  it('starts at the admin step on a fresh installation, whatever the URL says', () => {
    expect(resumeStep(status({}), 'agents', null)).toBe('admin');
  });
  it('goes on with single sign-on, then providers, agents and summary as things exist', () => {
    expect(resumeStep(status({ breakglassCreated: true }), null, null)).toBe('oidc');
    expect(resumeStep(status({ breakglassCreated: true, providers: 1 }), null, null)).toBe('agents');
    expect(resumeStep(status({ breakglassCreated: true, providers: 1, agents: 2 }), null, null)).toBe('summary');
  });
  it('honours the step in the URL or the one last visited when the state allows it', () => {
    const s = status({ breakglassCreated: true, providers: 1 });
    expect(resumeStep(s, 'providers', null)).toBe('providers');
    expect(resumeStep(s, null, 'providers')).toBe('providers');
    expect(resumeStep(s, 'summary', null)).toBe('agents');
    expect(resumeStep(s, 'admin', null)).toBe('agents');
  });
});

describe('files', () => {
  it('writes a compose .env with the API URL and one token per agent', () => {
    expect(envFile('http://mosaic:8080', [{ name: 'support', token: 't1' }, { name: 'sales-bot', token: 't2' }]))
      .toContain('MOSAIC_API_URL=http://mosaic:8080\nAGENT_SUPPORT_TOKEN=t1\nAGENT_SALES_BOT_TOKEN=t2\n');
  });
  it('exports the audit as CSV, one row per changed field, quoting what needs it', () => {
    const csv = auditCsv([{
      seq: 7, at: '2026-01-01T00:00:00Z', actor: { id: 'user:1', name: 'admin' }, entityType: 'agent', entityId: 'a1',
      entityName: 'support', eventType: 'AgentModelAssigned', summary: 'Model of "support", changed',
      changes: [{ field: 'primaryModel', from: 'gpt-a', to: 'gpt-b' }, { field: 'fallbacks', from: [], to: [{ providerId: 'p', model: 'm' }] }],
    }]);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"Model of ""support"", changed",primaryModel,gpt-a,gpt-b');
    expect(lines[2]).toContain('fallbacks,[],"[{""providerId"":""p"",""model"":""m""}]"');
  });
});
