// Said on every settings page while a rollout runs (writes that move an agent's version wait for it), and after
// a write of this tab started one.

import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ROLLOUT_STARTED } from '../api';
import { IDLE_MS, keys, queries } from '../queries';

/** How often the banner looks again while a rollout runs (or one this tab started may begin). */
const RUNNING_MS = 3_000;

/** The id of the rollout the last write of this tab started (announced by the API client), until dismissed. */
export function useStartedRollout(): [string | null, () => void] {
  const client = useQueryClient();
  const [started, setStarted] = useState<string | null>(null);
  useEffect(() => {
    const onStarted = (e: Event) => {
      setStarted((e as CustomEvent<string>).detail);
      void client.invalidateQueries({ queryKey: keys.rollouts });
    };
    window.addEventListener(ROLLOUT_STARTED, onStarted);
    return () => window.removeEventListener(ROLLOUT_STARTED, onStarted);
  }, [client]);
  return [started, () => setStarted(null)];
}

export function RolloutBanner({ started, onDismiss }: { started: string | null; onDismiss: () => void }) {
  const active = useQuery({ ...queries.activeRollout(), refetchInterval: (q) => (q.state.data || started ? RUNNING_MS : IDLE_MS) });
  const running = active.data;
  if (running) {
    const mine = running.id === started;
    return (
      <div className="notice notice-warning rollout-banner" role="status" data-testid="rollout-banner">
        {mine && <><strong>Your change is rolling out in waves.</strong> </>}
        A rollout is {running.state === 'paused' ? 'paused' : 'running'}: changes that move an agent’s version wait until it ends.
        {' '}<Link to={`/rollouts/${running.id}`}>See the rollout</Link>
      </div>
    );
  }
  if (started) {
    return (
      <div className="notice rollout-banner" role="status" data-testid="rollout-started">
        Your change started a staged rollout. <Link to={`/rollouts/${started}`}>See the rollout</Link>
        {' '}<button type="button" className="link" onClick={onDismiss}>Dismiss</button>
      </div>
    );
  }
  return null;
}
