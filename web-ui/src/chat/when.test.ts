import { describe, expect, it } from 'vitest';
import { ago } from './when';

const now = new Date(2026, 5, 15, 14, 30).getTime();
const at = (...parts: [number, number, number, number, number]) => new Date(...parts).toISOString();

describe('when a conversation was last used', () => {
  it('is said as people say it', () => {
    expect(ago(new Date(now - 20_000).toISOString(), now)).toBe('just now');
    expect(ago(new Date(now - 60_000).toISOString(), now)).toBe('1 minute ago');
    expect(ago(new Date(now - 45 * 60_000).toISOString(), now)).toBe('45 minutes ago');
    expect(ago(at(2026, 5, 15, 9, 0), now)).toBe('5 hours ago');
    expect(ago(at(2026, 5, 14, 23, 0), now)).toBe('yesterday');
    expect(ago(at(2026, 5, 11, 12, 0), now)).toBe('4 days ago');
    expect(ago(at(2026, 2, 3, 12, 0), now)).toMatch(/3/);
    expect(ago(at(2025, 2, 3, 12, 0), now)).toMatch(/2025/);
    expect(ago('not a date', now)).toBe('');
  });
});
