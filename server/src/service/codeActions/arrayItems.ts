import type { ArrayValue } from '../../policy/tree';
import { hasLineBreak, isBlank, lineIndent, nextToken, remove, startOfLine, startsLine, whitespaceAfter, whitespaceBefore, type TextEdit } from './textEdits';

/**
 * Removing and appending array items the way a careful hand would: each removed item takes exactly
 * one separating comma, the surviving items keep their lines, and comments stay.
 */

/**
 * Edits removing the items at `indices`; at least one item must stay. Each removed item takes the
 * comma after it, except the array's last item, which takes the comma after the last survivor, so
 * no trailing comma is left. Undefined when the commas are not where a well-formed array has them.
 */
export function removeItems(text: string, array: ArrayValue, indices: ReadonlySet<number>): TextEdit[] | undefined {
  const items = array.items;
  let lastKept = -1;
  items.forEach((_, i) => {
    if (!indices.has(i)) lastKept = i;
  });
  if (lastKept < 0) return undefined;
  const edits: TextEdit[] = [];
  for (const index of [...indices].sort((a, b) => a - b)) {
    const item = items[index];
    if (!item) return undefined;
    if (index < items.length - 1) {
      const comma = nextToken(text, item.range.end);
      if (text[comma] !== ',') return undefined;
      if (!isBlank(text.slice(item.range.end, comma))) {
        edits.push(remove(item.range.start, item.range.end), remove(comma, whitespaceAfter(text, comma + 1)));
        continue;
      }
      const lineEnd = spacesAfter(text, comma + 1);
      const line = wholeLine(text, item.range.start, lineEnd);
      if (line) edits.push(line);
      else if (startsComment(text, lineEnd)) edits.push(remove(item.range.start, lineEnd));
      else if (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') edits.push(remove(item.range.start, lineEnd));
      else {
        // Last on a line after something kept (a comment): take the spaces before it too, not the line break.
        let from = item.range.start;
        if (!indices.has(index - 1)) while (text[from - 1] === ' ' || text[from - 1] === '\t') from--;
        edits.push(remove(from, lineEnd));
      }
    } else {
      const comma = nextToken(text, items[lastKept]!.range.end);
      if (text[comma] !== ',') return undefined;
      // On the survivor's line the comma goes alone, so a comment after it keeps its spacing.
      const inline = !hasLineBreak(text.slice(comma, item.range.start));
      edits.push(remove(comma, inline ? spacesAfter(text, comma + 1) : comma + 1));
      const lineEnd = spacesAfter(text, item.range.end);
      const line = inline ? undefined : wholeLine(text, item.range.start, lineEnd);
      if (line) edits.push(line);
      else edits.push(remove(item.range.start, !inline && startsComment(text, lineEnd) ? lineEnd : item.range.end));
    }
  }
  return edits;
}

/** The whole line of an item standing alone on it (up to `lineEnd`), line break included. */
function wholeLine(text: string, start: number, lineEnd: number): TextEdit | undefined {
  if (!startsLine(text, start)) return undefined;
  if (lineEnd === text.length) return remove(startOfLine(text, start), lineEnd);
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return remove(startOfLine(text, start), lineEnd + 2);
  if (text[lineEnd] === '\n' || text[lineEnd] === '\r') return remove(startOfLine(text, start), lineEnd + 1);
  return undefined;
}

function spacesAfter(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

function startsComment(text: string, offset: number): boolean {
  return text.startsWith('//', offset) || text.startsWith('/*', offset);
}

/** Edits appending item texts (as written) after the last item, on a line of their own in a multi-line array. */
export function appendItems(text: string, array: ArrayValue, newItems: readonly string[], fallbackGap: string, eol: string): TextEdit[] | undefined {
  const first = array.items[0];
  const last = array.items[array.items.length - 1];
  if (!first || !last || newItems.length === 0) return undefined;
  let gap = text.slice(whitespaceBefore(text, last.range.start), last.range.start);
  if (!hasLineBreak(gap) && hasLineBreak(text.slice(array.range.start + 1, first.range.start))) gap = eol + lineIndent(text, last.range.start);
  else if (gap === '' && array.items.length === 1) gap = fallbackGap;
  return [{ range: { start: last.range.end, end: last.range.end }, newText: newItems.map((item) => `,${gap}${item}`).join('') }];
}
