import type { SyntaxIssue } from './parseJson';
import type { OffsetRange, PolicyValue } from './tree';

/**
 * Trailing commas: the most common hand-editing slip in JSON. jsonc-parser reports one as a missing
 * property name and/or value at the closing `}` or `]`; here those reports are traced back to the
 * comma, so the user is told what is wrong and a fix can remove exactly that character.
 */
export interface TrailingComma {
  /** The comma itself. */
  readonly comma: OffsetRange;
  /** `}` or `]`: what follows it. */
  readonly closer: string;
  /** The syntax issues it explains (reported at the closer). */
  readonly issues: readonly SyntaxIssue[];
}

interface ParsedText {
  readonly text: string;
  readonly root: PolicyValue | undefined;
  readonly syntaxIssues: readonly SyntaxIssue[];
  readonly comments: readonly OffsetRange[];
}

/** How far back from a closer a comma is looked for: whitespace runs longer than this are not a slip. */
const MAX_GAP = 10_000;

export function findTrailingCommas(document: ParsedText): TrailingComma[] {
  const { text } = document;
  const commentStartByEnd = new Map(document.comments.map((c) => [c.end, c.start]));
  const byComma = new Map<number, { closer: string; issues: SyntaxIssue[] }>();
  let closers: Set<number> | undefined;
  for (const issue of document.syntaxIssues) {
    const at = issue.range.start;
    const closer = text[at];
    if (closer !== '}' && closer !== ']') continue;
    // Only a bracket that really closes its object or array: a stray one is another mistake, and
    // removing the comma before it would not make the JSON valid.
    closers ??= containerEnds(document.root, text);
    if (!closers.has(at)) continue;
    const comma = commaBefore(text, at, commentStartByEnd);
    if (comma === undefined) continue;
    const entry = byComma.get(comma) ?? { closer, issues: [] };
    entry.issues.push(issue);
    byComma.set(comma, entry);
  }
  return [...byComma].map(([start, { closer, issues }]) => ({ comma: { start, end: start + 1 }, closer, issues }));
}

/** Whether every syntax issue is a trailing comma's: the text is JSON but for those commas. */
export function onlyTrailingCommas(document: ParsedText): boolean {
  if (document.syntaxIssues.length === 0) return false;
  const explained = new Set(findTrailingCommas(document).flatMap((t) => t.issues));
  return document.syntaxIssues.every((issue) => explained.has(issue));
}

/**
 * The offset of a comma before `at` with only whitespace and comments between, if there is one and
 * it follows a value: a comma right after `[`, `{`, `:` or another comma is a different mistake.
 */
function commaBefore(text: string, at: number, commentStartByEnd: ReadonlyMap<number, number>): number | undefined {
  const comma = previousToken(text, at, commentStartByEnd);
  if (comma === undefined || text[comma] !== ',') return undefined;
  const before = previousToken(text, comma, commentStartByEnd);
  return before !== undefined && !'[{:,'.includes(text[before]!) ? comma : undefined;
}

/** The offset of the last character before `at` that is neither whitespace nor in a comment. */
function previousToken(text: string, at: number, commentStartByEnd: ReadonlyMap<number, number>): number | undefined {
  let i = at - 1;
  const limit = Math.max(0, at - MAX_GAP);
  while (i >= limit) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i--;
      continue;
    }
    const commentStart = commentStartByEnd.get(i + 1);
    if (commentStart !== undefined) {
      i = commentStart - 1;
      continue;
    }
    return i;
  }
  return undefined;
}

/** Offsets of the `}` and `]` that close an object or array of the tree. */
function containerEnds(root: PolicyValue | undefined, text: string): Set<number> {
  const ends = new Set<number>();
  const stack = root ? [root] : [];
  for (let value = stack.pop(); value; value = stack.pop()) {
    if (value.kind === 'object') {
      if (text[value.range.end - 1] === '}') ends.add(value.range.end - 1);
      for (const member of value.members) if (member.value) stack.push(member.value);
    } else if (value.kind === 'array') {
      if (text[value.range.end - 1] === ']') ends.add(value.range.end - 1);
      stack.push(...value.items);
    }
  }
  return ends;
}
