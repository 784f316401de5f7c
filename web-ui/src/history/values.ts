// How history values are shown: secret masks ("secret:<hex>") are compared, never displayed.

const MASK = /^secret:[0-9a-f]+$/i;

export function isMask(v: unknown): v is string {
  return typeof v === 'string' && MASK.test(v);
}

/** The value with every mask inside replaced by a placeholder. */
export function hideMasks(v: unknown): unknown {
  if (isMask(v)) return '(secret)';
  if (Array.isArray(v)) return v.map(hideMasks);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hideMasks(x)]));
  return v;
}

export function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  const h = hideMasks(v);
  return typeof h === 'string' ? h : JSON.stringify(h);
}

/** Says what happened to a secret at a path, or null when neither side is a secret. */
export function secretChange(from: unknown, to: unknown): string | null {
  if (!isMask(from) && !isMask(to)) return null;
  if (isMask(from) && isMask(to)) return from === to ? 'secret unchanged' : 'secret changed';
  return isMask(to) ? 'secret set' : 'secret removed';
}

/** Every secret in a masked document, by JSON Pointer. */
export function secretPaths(doc: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (isMask(doc)) out.set(path, doc);
  else if (doc && typeof doc === 'object') {
    for (const [k, x] of Object.entries(doc)) {
      for (const [p, m] of secretPaths(x, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)) out.set(p, m);
    }
  }
  return out;
}

/** For two masked documents: each secret path and whether its secret changed between them. */
export function compareSecrets(from: unknown, to: unknown): { path: string; state: 'changed' | 'unchanged' | 'added' | 'removed' }[] {
  const a = secretPaths(from);
  const b = secretPaths(to);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.map((path) => {
    const x = a.get(path);
    const y = b.get(path);
    return { path, state: x === undefined ? 'added' : y === undefined ? 'removed' : x === y ? 'unchanged' : 'changed' };
  });
}

/** A line diff of two texts (longest common subsequence), every line prefixed ' ', '-' or '+'. */
export function lineDiff(from: string | null | undefined, to: string | null | undefined): string[] {
  const a = from ? from.split('\n') : [];
  const b = to ? to.split('\n') : [];
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push(' ' + a[i]); i++; j++; }
    else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) { out.push('-' + a[i]); i++; }
    else { out.push('+' + b[j]); j++; }
  }
  return out;
}
