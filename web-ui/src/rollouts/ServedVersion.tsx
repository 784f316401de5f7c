// On an agent's page: the version it is served against the newest rendered one, and the rollout it is in.

import { Link } from 'react-router';
import type { AgentStatus } from '../api';

export function ServedVersion({ status }: { status: AgentStatus }) {
  const { currentVersion, targetVersion, rollout } = status;
  const link = rollout && <Link to={`/rollouts/${rollout.id}`}>the running rollout</Link>;
  if (targetVersion > currentVersion) {
    return (
      <p className="notice" role="status" data-testid="served-version">
        Serving v{currentVersion}; v{targetVersion} waits for its wave
        {rollout ? <> (wave {rollout.wave} of {link})</> : null}.
      </p>
    );
  }
  if (rollout) {
    return (
      <p className="notice" role="status" data-testid="served-version">
        Serving v{currentVersion}, in wave {rollout.wave} of {link}.
      </p>
    );
  }
  return null;
}
