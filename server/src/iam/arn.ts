/**
 * ARN syntax: `arn:partition:service:region:account-id:resource`, where the resource part may itself
 * hold colons. Offsets are relative to the ARN string so callers can point at one segment.
 */
export interface ArnSegment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedArn {
  readonly partition: ArnSegment;
  readonly service: ArnSegment;
  readonly region: ArnSegment;
  readonly account: ArnSegment;
  readonly resource: ArnSegment;
}

export function parseArn(text: string): ParsedArn | undefined {
  const segments: ArnSegment[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = nextColon(text, start);
    if (colon < 0) return undefined;
    segments.push({ text: text.slice(start, colon), start, end: colon });
    start = colon + 1;
  }
  segments.push({ text: text.slice(start), start, end: text.length });
  const [arn, partition, service, region, account, resource] = segments as [
    ArnSegment,
    ArnSegment,
    ArnSegment,
    ArnSegment,
    ArnSegment,
    ArnSegment,
  ];
  if (arn.text !== 'arn') return undefined;
  return { partition, service, region, account, resource };
}

/** The next colon outside a `${...}` policy variable, whose own colon (`${aws:username}`) is not a separator. */
function nextColon(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === ':') return i;
    if (ch === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) return text.indexOf(':', i);
      i = close;
    }
  }
  return -1;
}

/**
 * IAM policy variables look like `${aws:username}`; the special `${*}`, `${?}` and `${$}` escape
 * characters. Template placeholders such as `${Region}` (no colon) are something else: a value the
 * author forgot to fill in.
 */
const VARIABLE = /\$\{([^}]*)\}/g;

export function isPolicyVariable(inner: string): boolean {
  return inner === '*' || inner === '?' || inner === '$' || /^[\w.-]+:[^}]+$/.test(inner);
}

export function findPolicyVariables(text: string): { inner: string; start: number; end: number }[] {
  const found: { inner: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    found.push({ inner: match[1] ?? '', start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** Replaces policy variables with `*` so a pattern match treats them as "could be anything". */
export function variablesAsWildcards(text: string): string {
  return text.replace(VARIABLE, '*');
}

/**
 * Placeholders a template left in: `${Region}`-style template variables that are not policy
 * variables, `YOUR_REGION_HERE`-style capitals, and `<account-id>`-style angle brackets.
 */
const PLACEHOLDER = /\$\{[^}:]*\}|\bYOUR_[A-Z0-9_]*|<[^<>]+>/g;

export function findPlaceholders(text: string): { text: string; start: number; end: number }[] {
  const found: { text: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const inner = match[0].startsWith('${') ? match[0].slice(2, -1) : undefined;
    if (inner !== undefined && isPolicyVariable(inner)) continue;
    found.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}
