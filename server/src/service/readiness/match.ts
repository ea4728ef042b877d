import { findPlaceholders } from '../../iam/arn';

/**
 * ARN matching for the readiness check, where the requested resource may be partly unknown ("any
 * identity", "whatever region the user picks"). A request resource is an ARN whose unknown parts
 * are hole characters; a statement's pattern then either covers every resource the request could
 * mean, some of them, or none. Unlike action names, ARNs are matched case-sensitively, as AWS does.
 *
 * AWS wildcards: `*` is any run of characters and `?` one character, inside an ARN segment; a `*`
 * that ends a segment may run on across colons (so `arn:aws:ses:*` covers every SES ARN).
 */

/** A hole in a request resource: any non-empty run of characters without a colon. */
export const ANY = '\uE000';
/** A hole of exactly one character (from a `?` in an ARN the request was derived from). */
export const ONE = '\uE001';
/** The request resource of an action without resource-level permissions: only `"*"` matches it. */
export const ACCOUNT_RESOURCE = '*';

type Token = { readonly kind: 'star'; readonly final: boolean } | { readonly kind: 'one' } | { readonly kind: 'lit'; readonly ch: string } | { readonly kind: 'var' };

export interface ResourcePattern {
  readonly text: string;
  /** The text and how `${...}` was read: the cache key of match results. */
  readonly key: string;
  readonly tokens: readonly Token[];
  /** The first policy variable, when the pattern depends on the request context. */
  readonly variable: string | undefined;
}

/** Past this DP size the pattern is not a real ARN; answer "could match" and let the caller say so. */
const MAX_CELLS = 4_000_000;

/**
 * Policies repeat the same ARNs (a 1 MB policy may hold one ARN thousands of times), and a profile
 * asks the same few requests of each, so patterns and results are cached; cleared when full.
 */
const CACHE_LIMIT = 5000;
const patterns = new Map<string, ResourcePattern>();
const results = new Map<string, boolean>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Tokens of a Resource or NotResource value. With policy variables evaluated (Version 2012-10-17),
 * `${aws:username}` is a variable and `${*}`, `${?}`, `${$}` are the literal characters; with the
 * older version (or none) IAM reads `${...}` as plain text.
 */
export function compilePattern(text: string, variablesEvaluated: boolean): ResourcePattern {
  const key = `${variablesEvaluated ? 'v' : 'l'}${text}`;
  return patterns.get(key) ?? remember(patterns, key, tokenize(text, key, variablesEvaluated));
}

function tokenize(text: string, key: string, variablesEvaluated: boolean): ResourcePattern {
  const tokens: Token[] = [];
  let variable: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (variablesEvaluated && ch === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close > 0) {
        const inner = text.slice(i + 2, close);
        if (inner === '*' || inner === '?' || inner === '$') tokens.push({ kind: 'lit', ch: inner });
        else {
          tokens.push({ kind: 'var' });
          variable ??= text.slice(i, close + 1);
        }
        i = close;
        continue;
      }
    }
    if (ch === '*') tokens.push({ kind: 'star', final: text[i + 1] === ':' || i + 1 === text.length });
    else if (ch === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'lit', ch });
  }
  return { text, key, tokens, variable };
}

/** How much of the request a Resource-style list of patterns matches. */
export type Coverage = 'all' | 'some' | 'depends' | 'none';

/**
 * `Resource`: the statement applies when any pattern matches. `NotResource`: when none does. A
 * pattern with a policy variable that could match makes the answer depend on the request context.
 */
export function resourceCoverage(patterns: readonly ResourcePattern[], subject: string, negated: boolean): Coverage {
  let some = false;
  let depends = false;
  for (const pattern of patterns) {
    if (pattern.variable !== undefined) {
      if (overlaps(pattern, subject)) depends = true;
    } else if (covers(pattern, subject)) {
      return negated ? 'none' : 'all';
    } else if (overlaps(pattern, subject)) some = true;
  }
  if (depends) return 'depends';
  if (some) return 'some';
  return negated ? 'all' : 'none';
}

/**
 * Whether the pattern matches every resource the subject can stand for. A hole is only ever
 * consumed whole by a `*`, which proves the match for any filling; `?`-only patterns that happen to
 * fit every filling are not recognised (the safe direction: "not granted for every identity").
 */
export function covers(pattern: ResourcePattern, subject: string): boolean {
  const key = `c${pattern.key}\u0000${subject}`;
  return results.get(key) ?? remember(results, key, computeCovers(pattern, subject));
}

function computeCovers(pattern: ResourcePattern, subject: string): boolean {
  if (subject === ACCOUNT_RESOURCE) return pattern.tokens.length > 0 && pattern.tokens.every((t) => t.kind === 'star');
  const p = pattern.tokens;
  const n = p.length;
  const m = subject.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return false;
  let next = new Uint8Array(m + 1);
  let row = new Uint8Array(m + 1);
  next[m] = 1;
  for (let i = n - 1; i >= 0; i--) {
    const token = p[i]!;
    for (let j = m; j >= 0; j--) {
      const ch = subject[j];
      let ok = false;
      if (token.kind === 'star') ok = next[j] === 1 || (ch !== undefined && (ch !== ':' || token.final) && row[j + 1] === 1);
      else if (ch === undefined || ch === ANY) ok = false;
      else if (token.kind === 'one') ok = ch !== ':' && next[j + 1] === 1;
      else if (token.kind === 'lit') ok = ch === token.ch && next[j + 1] === 1;
      row[j] = ok ? 1 : 0;
    }
    [next, row] = [row, next];
  }
  return next[0] === 1;
}

/**
 * Whether the pattern matches at least one resource the subject can stand for: holes and variables
 * act as wildcards on both sides (a hole never holds a colon). Used for "denied for some identities"
 * and "granted only for ...".
 */
export function overlaps(pattern: ResourcePattern, subject: string): boolean {
  const key = `o${pattern.key}\u0000${subject}`;
  return results.get(key) ?? remember(results, key, computeOverlaps(pattern, subject));
}

function computeOverlaps(pattern: ResourcePattern, subject: string): boolean {
  if (subject === ACCOUNT_RESOURCE) return covers(pattern, subject);
  const p = pattern.tokens;
  const n = p.length;
  const m = subject.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return true;
  // reach[i][j]: p[i..] can match some filling of subject[j..]; rows by i from the end.
  let next = new Uint8Array(m + 1);
  let row = new Uint8Array(m + 1);
  for (let i = n; i >= 0; i--) {
    const token = p[i];
    for (let j = m; j >= 0; j--) {
      const ch = subject[j];
      let ok = i === n && j === m;
      if (!ok && token && (token.kind === 'star' || token.kind === 'var')) {
        const final = token.kind === 'var' || token.final;
        ok = next[j] === 1 || (ch !== undefined && (ch !== ':' || final) && row[j + 1] === 1);
      }
      // A hole may end here, or produce one more character for the pattern's next token.
      if (!ok && ch === ANY) ok = row[j + 1] === 1 || (token !== undefined && singleFits(token, undefined) && next[j] === 1);
      if (!ok && token && ch !== undefined && ch !== ANY && singleFits(token, ch)) ok = next[j + 1] === 1;
      row[j] = ok ? 1 : 0;
    }
    [next, row] = [row, next];
  }
  return next[0] === 1;
}

/** Whether one pattern token can match one subject character; undefined or `ONE`: any but a colon. */
function singleFits(token: Token, ch: string | undefined): boolean {
  if (token.kind === 'one') return ch !== ':';
  if (token.kind === 'lit') return ch === undefined || ch === ONE ? token.ch !== ':' : token.ch === ch;
  return false;
}

/** A value read from the policy as a request would see it: wildcards, variables and placeholders are holes. */
export function subjectOf(text: string): string {
  if (findPlaceholders(text).length > 0) return ANY;
  return text.replace(/\$\{[^}]*\}|\*+/g, ANY).replaceAll('?', ONE);
}

/** A request resource as people read it: holes shown as the wildcards they stand for. */
export function displayResource(subject: string): string {
  return subject.replaceAll(ANY, '*').replaceAll(ONE, '?');
}
