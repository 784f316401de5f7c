// When something happened, said as people say it in a list ("5 minutes ago", "yesterday", "3 March").

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function startOfDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** `iso` relative to `now`: just now, minutes, hours, yesterday, days within a week, then the date. */
export function ago(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const past = Math.max(0, now - t);
  if (past < MINUTE) return 'just now';
  if (past < HOUR) {
    const m = Math.floor(past / MINUTE);
    return `${m} minute${m === 1 ? '' : 's'} ago`;
  }
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days === 0) {
    const h = Math.floor(past / HOUR);
    return `${h} hour${h === 1 ? '' : 's'} ago`;
  }
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  const sameYear = new Date(t).getFullYear() === new Date(now).getFullYear();
  return new Date(t).toLocaleDateString(undefined, sameYear
    ? { day: 'numeric', month: 'long' }
    : { day: 'numeric', month: 'long', year: 'numeric' });
}

/** The full date and time, for a tooltip. */
export function fullTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString();
}
