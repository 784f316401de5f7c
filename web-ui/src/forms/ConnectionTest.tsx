import type { TestResult } from '../api';

export function TestOutcome({ result }: { result: TestResult | null }) {
  if (!result) return null;
  if (result.ok) {
    return (
      <div className="status status-ok" role="status">
        Connected in {result.latencyMs} ms — {result.models.length} model{result.models.length === 1 ? '' : 's'} found.
      </div>
    );
  }
  return (
    <div className="status status-error" role="alert">
      Connection failed{result.latencyMs != null ? ` after ${result.latencyMs} ms` : ''}: {result.error ?? 'no details'}
    </div>
  );
}
