/**
 * IAM wildcards: `*` matches any run of characters, `?` exactly one; everything else is literal,
 * so regex metacharacters in names (`.`, `+`, `(`) must be escaped. Compiled patterns are cached
 * because the same strings are matched on every keystroke.
 */
const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 2000;

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

export function wildcardRegExp(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (!regex) {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : `\\${ch}`));
    regex = new RegExp(`^${body}$`, 'is');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, regex);
  }
  return regex;
}

/** Case-insensitive, as IAM matches action names. */
export function matchesWildcard(pattern: string, text: string): boolean {
  // Most patterns are plain names: compared directly, they need no regex compiled and cached (a
  // policy listing thousands of distinct actions would churn the cache). Non-ASCII text takes the
  // regex, whose case folding differs from toLowerCase beyond ASCII.
  if (!hasWildcard(pattern)) {
    // Without a wildcard each character matches one character, whatever the case folding.
    if (pattern.length !== text.length) return false;
    if (pattern === text) return true;
    if (ASCII.test(pattern) && ASCII.test(text)) return pattern.toLowerCase() === text.toLowerCase();
  }
  return wildcardRegExp(pattern).test(text);
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Whether some string matches both patterns, each of which may hold `*` and `?`. Used to ask "can
 * this Resource ever name this resource type?" where both sides are patterns. Dynamic programming
 * over both strings; for absurdly long inputs it answers true, the generous answer.
 */
export function patternsIntersect(a: string, b: string): boolean {
  // The same ARN formats meet the same resources in file after file and version after version.
  const key = `${a}\u0000${b}`;
  let result = intersections.get(key);
  if (result === undefined) {
    result = computeIntersection(a, b);
    if (intersections.size >= CACHE_LIMIT) intersections.clear();
    intersections.set(key, result);
  }
  return result;
}

const intersections = new Map<string, boolean>();

function computeIntersection(a: string, b: string): boolean {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > 4_000_000) return true;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  // reachable[j] for the current i; iterate i from the end so each row depends on the next one.
  let next = new Uint8Array(m + 2);
  let row = new Uint8Array(m + 2);
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      let ok = false;
      if (i === n && j === m) ok = true;
      else if (i < n && x[i] === '*') ok = next[j] === 1 || (j < m && row[j + 1] === 1);
      else if (j < m && y[j] === '*') ok = row[j + 1] === 1 || (i < n && next[j] === 1);
      else if (i < n && j < m) ok = (x[i] === y[j] || x[i] === '?' || y[j] === '?') && next[j + 1] === 1;
      row[j] = ok ? 1 : 0;
    }
    [next, row] = [row, next];
  }
  return next[0] === 1;
}
