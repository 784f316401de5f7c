// The input rules (name and claim patterns, password length, provider types and their defaults) come from the
// server, which enforces them (GET /api/rules), so the forms never keep a copy that could drift. The app loads
// them once before it shows any form.

import { api } from './api';
import type { components } from './generated/api';

export type Rules = components['schemas']['Rules'];
export type PatternRule = components['schemas']['PatternRule'];

let current: Rules | null = null;
let loading: Promise<Rules> | null = null;

export function loadRules(): Promise<Rules> {
  if (current) return Promise.resolve(current);
  loading ??= api.get<Rules>('/api/rules').then((r) => {
    current = r;
    return r;
  }).finally(() => {
    loading = null;
  });
  return loading;
}

/** The loaded rules; the app loads them (loadRules) before any form can ask. */
export function rules(): Rules {
  if (!current) throw new Error('The input rules are not loaded yet.');
  return current;
}

/** Sets the rules without asking the server (tests). */
export function setRules(r: Rules | null): void {
  current = r;
}

export function matches(rule: PatternRule, value: string): boolean {
  return new RegExp(rule.pattern).test(value);
}
