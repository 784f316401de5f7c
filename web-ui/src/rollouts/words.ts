// Rollouts in plain words: states, checks and durations as the pages say them.

import { useEffect, useState } from 'react';
import type { Rollout, RolloutAgent, RolloutPolicy, RolloutWave } from '../api';

type Tone = 'ok' | 'warn' | 'error' | 'muted';

/** A rollout's state as people say it; a failed one still reverting is "rolling back". */
export function rolloutState(r: Rollout): { label: string; tone: Tone } {
  if (r.finishedAt === null && r.failure) return { label: 'rolling back', tone: 'error' };
  switch (r.state) {
    case 'rolling': return { label: 'rolling out', tone: 'warn' };
    case 'paused': return { label: 'paused', tone: 'warn' };
    case 'succeeded': return { label: 'succeeded', tone: 'ok' };
    case 'rolled_back': return { label: 'rolled back', tone: 'error' };
    case 'aborted': return { label: 'aborted', tone: 'error' };
    default: return { label: String(r.state), tone: 'muted' };
  }
}

export function waveState(w: RolloutWave): { label: string; tone: Tone } {
  switch (w.state) {
    case 'pending': return { label: 'waiting', tone: 'muted' };
    case 'rolling': return { label: 'rolling out', tone: 'warn' };
    case 'baking': return { label: 'baking', tone: 'warn' };
    case 'succeeded': return { label: 'succeeded', tone: 'ok' };
    case 'failed': return { label: 'failed', tone: 'error' };
    default: return { label: String(w.state), tone: 'muted' };
  }
}

export function agentState(a: RolloutAgent): { label: string; tone: Tone; title: string } {
  switch (a.state) {
    case 'pending': return { label: 'waiting', tone: 'muted', title: 'Still served its previous version until its wave starts' };
    case 'served': return { label: 'sent', tone: 'warn', title: 'Served the new version; Mosaic waits for the agent to report it applied it' };
    case 'applied': return { label: 'applied', tone: 'warn', title: 'The agent reports it runs the new version; checks are under way' };
    case 'healthy': return { label: 'healthy', tone: 'ok', title: 'Runs the new version and passed every check' };
    case 'failed': return { label: 'failed', tone: 'error', title: 'Failed a check: see the reason' };
    default: return { label: String(a.state), tone: 'muted', title: '' };
  }
}

/** What each verification level checks, in one sentence each. */
export const VERIFY: Record<RolloutPolicy['verify'], { label: string; short: string; explain: string }> = {
  applied: {
    label: 'Applied',
    short: 'the agent loaded the new version',
    explain: 'the agent reports it loaded the new version. Quickest, but proves least: OpenClaw keeps running its last good config when a new one is invalid.',
  },
  ready: {
    label: 'Ready',
    short: 'applied, and its gateway is ready',
    explain: 'applied, and the agent’s gateway answers its health check (/readyz).',
  },
  chat: {
    label: 'Chat',
    short: 'ready, and a real chat through it works',
    explain: 'ready, and a real one-token chat through the agent works (one tiny request per agent at your provider); new provider keys are tested before any agent gets them. The only level that proves a new key or model works.',
  },
};

/** "42 s", "3 min 5 s", "2 h 10 min". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** The time now, again every `everyMs` while `live` (elapsed times tick between two reads). */
export function useNow(live: boolean, everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [live, everyMs]);
  return now;
}
