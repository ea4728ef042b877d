import type { OffsetRange } from '../../policy/tree';

/**
 * Offset-based text edits and the small text scans the fixes need to keep a document's layout:
 * line endings, indentation, and the whitespace and comments between tokens. The scans run only
 * between tokens the policy model located, never inside strings, so they need no JSON parser.
 */

export interface TextEdit {
  readonly range: OffsetRange;
  readonly newText: string;
}

export function replace(range: OffsetRange, newText: string): TextEdit {
  return { range, newText };
}

export function insert(offset: number, newText: string): TextEdit {
  return { range: { start: offset, end: offset }, newText };
}

export function remove(start: number, end: number): TextEdit {
  return { range: { start, end }, newText: '' };
}

/** One edit from the common prefix to the common suffix: the rest of the document stays untouched. */
export function minimalTextEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = before.length;
  let endAfter = after.length;
  while (end > start && endAfter > start && before[end - 1] === after[endAfter - 1]) {
    end--;
    endAfter--;
  }
  return { range: { start, end }, newText: after.slice(start, endAfter) };
}

/**
 * The edit without the text it would write back unchanged: the common prefix and suffix of the
 * replaced text and the new text are dropped (never splitting a surrogate pair), so `"ses:getaccount"`
 * to `"ses:GetAccount"` touches only `g` to `A`. Inserts and removals are already as small as they get.
 */
export function narrowEdit(text: string, edit: TextEdit): TextEdit {
  const { start, end } = edit.range;
  const old = text.slice(start, end);
  const next = edit.newText;
  if (old.length === 0 || next.length === 0) return edit;
  let prefix = 0;
  while (prefix < old.length && prefix < next.length && old[prefix] === next[prefix]) prefix++;
  if (prefix > 0 && isHighSurrogate(old.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < next.length - prefix && old[old.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  if (suffix > 0 && isLowSurrogate(old.charCodeAt(old.length - suffix))) suffix--;
  if (prefix === 0 && suffix === 0) return edit;
  return { range: { start: start + prefix, end: end - suffix }, newText: next.slice(prefix, next.length - suffix) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Applies non-overlapping edits given against the original text (inserts at one offset keep their order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.range.start - b.edit.range.start || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { edit } of sorted) {
    const { start, end } = edit.range;
    if (start < cursor || end < start || end > text.length) throw new Error(`Overlapping or invalid edit at ${start}-${end}`);
    result += text.slice(cursor, start) + edit.newText;
    cursor = end;
  }
  return result + text.slice(cursor);
}

/** Whether two edits would touch the same text (adjacent inserts count: their order would be ambiguous). */
export function editsConflict(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.range.start <= y.range.end && y.range.start <= x.range.end));
}

/** The document's line ending: CRLF when most line breaks are CRLF. */
export function detectLineEnding(text: string): string {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** One level of indentation as the document writes it: a tab, or the most common step in spaces. */
export function detectIndentUnit(text: string): string {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) tabs++;
    else if (indent.length > 0) spaces++;
    const width = indent.length;
    if (!indent.includes('\t') && width > previous && width - previous <= 8) {
      steps.set(width - previous, (steps.get(width - previous) ?? 0) + 1);
    }
    previous = indent.includes('\t') ? previous : width;
  }
  if (tabs > spaces) return '\t';
  let best = 4;
  let count = 0;
  for (const [step, n] of steps) {
    if (n > count || (n === count && step < best)) {
      best = step;
      count = n;
    }
  }
  return ' '.repeat(best);
}

export function isWhitespace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

export function isBlank(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

/** Start of the run of whitespace that ends at `offset`. */
export function whitespaceBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && isWhitespace(text[i - 1])) i--;
  return i;
}

/** End of the run of whitespace that starts at `offset`. */
export function whitespaceAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isWhitespace(text[i])) i++;
  return i;
}

/** The next offset after `offset` that is neither whitespace nor inside a comment. */
export function nextToken(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    if (isWhitespace(text[i])) i++;
    else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else break;
  }
  return i;
}

/** The whitespace a line starts with, for the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = startOfLine(text, offset);
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** Whether only indentation precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(startOfLine(text, offset), offset));
}

export function startOfLine(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function hasLineBreak(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}
