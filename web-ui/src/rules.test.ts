import { afterEach, describe, expect, it } from 'vitest';
import serverRules from './generated/rules.json';
import { loadRules, rules, setRules, type Rules } from './rules';
import { mockApi } from './testing';
import { validateName } from './validation';
import { preset, presets } from './forms/presets';

describe('the input rules', () => {
  afterEach(() => setRules(serverRules as Rules));

  it('are asked from the server once and then used by the forms', async () => {
    setRules(null);
    const changed = { ...(serverRules as Rules), name: { pattern: '^x+$', message: 'only x' } };
    const calls = mockApi((call) => (call.url === '/api/rules' ? { body: changed } : undefined));
    await Promise.all([loadRules(), loadRules()]);
    await loadRules();
    expect(calls.filter((c) => c.url === '/api/rules')).toHaveLength(1);
    expect(rules().name.pattern).toBe('^x+$');
    expect(validateName('xx')).toBeUndefined();
    expect(validateName('support')).toBe('only x');
  });

  it('give the provider types and their default base URLs', () => {
    expect(presets().map((p) => p.type)).toEqual(['openai', 'anthropic', 'zai', 'ollama', 'custom']);
    expect(preset('custom').baseUrl).toBe('');
    expect(preset('openai').baseUrl).toBe('https://api.openai.com/v1');
  });
});
