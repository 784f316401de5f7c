// Client-side checks with the server's own rules (see rules.ts), so a form can say what is wrong before sending.

import { matches, rules } from './rules';

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
}

/** A rough password strength: length first, then variety; under the minimum length is always too short. */
export function passwordStrength(password: string): Strength {
  const min = rules().password.minLength;
  if (password.length === 0) return { score: 0, label: 'Empty' };
  if (password.length < min) return { score: 0, label: `Too short (at least ${min} characters)` };
  let variety = 0;
  if (/[a-z]/.test(password)) variety++;
  if (/[A-Z]/.test(password)) variety++;
  if (/[0-9]/.test(password)) variety++;
  if (/[^A-Za-z0-9]/.test(password)) variety++;
  const unique = new Set(password).size;
  let score = 1;
  if (password.length >= 14 && variety >= 2 && unique >= 8) score = 2;
  if (password.length >= 16 && variety >= 3 && unique >= 10) score = 3;
  if (password.length >= 20 && variety >= 3 && unique >= 12) score = 4;
  if (unique < 5) score = 1;
  const labels = ['Too short', 'Weak', 'Fair', 'Good', 'Strong'];
  return { score: score as Strength['score'], label: labels[score] };
}

export function validatePassword(password: string, confirm: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const min = rules().password.minLength;
  if (password.length < min) errors.password = `must be at least ${min} characters`;
  if (confirm !== password) errors.confirm = 'does not match the password';
  return errors;
}

export function validateName(name: string): string | undefined {
  if (!name) return 'is required';
  const rule = rules().name;
  if (!matches(rule, name)) return rule.message;
  return undefined;
}

/** A list typed as text: items separated by commas or line breaks, trimmed, empty ones and repeats dropped. */
export function parseList(text: string): string[] {
  const out: string[] = [];
  for (const item of text.split(/[,\n\r]+/)) {
    const value = item.trim();
    if (value && !out.includes(value)) out.push(value);
  }
  return out;
}
