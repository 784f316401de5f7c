import type { OnboardingStatus } from '../api';

export const STEPS = ['admin', 'oidc', 'providers', 'agents', 'summary'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLES: Record<Step, string> = {
  admin: 'Admin account',
  oidc: 'Single sign-on',
  providers: 'LLM providers',
  agents: 'Agents',
  summary: 'Summary',
};

const HINT_KEY = 'mosaic.setup.step';

/** The furthest step the server's state allows. */
export function furthestStep(status: OnboardingStatus): Step {
  if (!status.breakglassCreated) return 'admin';
  if (status.providers === 0) return 'providers';
  if (status.agents === 0) return 'agents';
  return 'summary';
}

/** Where a visitor resumes: the step asked for (or last visited) when the state allows it, else the natural next one. */
export function resumeStep(status: OnboardingStatus, asked: string | null, remembered: string | null): Step {
  const max = STEPS.indexOf(furthestStep(status));
  const valid = (s: string | null): s is Step => !!s && (STEPS as readonly string[]).includes(s)
    && STEPS.indexOf(s as Step) <= max && !(s === 'admin' && status.breakglassCreated);
  if (valid(asked)) return asked;
  if (valid(remembered)) return remembered;
  if (!status.breakglassCreated) return 'admin';
  if (status.providers === 0) return 'oidc';
  if (status.agents === 0) return 'agents';
  return 'summary';
}

export function rememberStep(step: Step) {
  try {
    localStorage.setItem(HINT_KEY, step);
  } catch {
    /* private mode: the server state still decides */
  }
}

export function rememberedStep(): string | null {
  try {
    return localStorage.getItem(HINT_KEY);
  } catch {
    return null;
  }
}

export function forgetStep() {
  try {
    localStorage.removeItem(HINT_KEY);
  } catch {
    /* ignore */
  }
}

export function envFile(apiUrl: string, tokens: { name: string; token: string }[]): string {
  const lines = [
    '# Mosaic agents for docker compose: keep this file secret (it holds each agent\'s token).',
    `MOSAIC_API_URL=${apiUrl}`,
    ...tokens.map((t) => `AGENT_${t.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_TOKEN=${t.token}`),
  ];
  return lines.join('\n') + '\n';
}
