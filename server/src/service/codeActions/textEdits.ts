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

/**
 * One edit from the common prefix to the common suffix: the rest of the document stays untouched.
 * The cut never splits a surrogate pair, so an editor is never sent half a character.
 */
export function minimalTextEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1)) && isLowSurrogate(before.charCodeAt(start))) start--;
  let suffix = 0;
  while (suffix < before.length - start && suffix < after.length - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const cut = before.length - suffix;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(cut)) && isHighSurrogate(before.charCodeAt(cut - 1))) suffix--;
  return { range: { start, end: before.length - suffix }, newText: after.slice(start, after.length - suffix) };
}

/**
 * The edit without the text it would write back unchanged: `"ses:getaccount"` to `"ses:GetAccount"`
 * touches only `g` to `A`. Inserts and removals are already as small as they get.
 */
export function narrowEdit(text: string, edit: TextEdit): TextEdit {
  const { start, end } = edit.range;
  if (start === end || edit.newText.length === 0) return edit;
  const narrowed = minimalTextEdit(text.slice(start, end), edit.newText);
  return { range: { start: start + narrowed.range.start, end: start + narrowed.range.end }, newText: narrowed.newText };
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
