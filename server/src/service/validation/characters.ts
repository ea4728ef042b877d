import type { ValidationContext } from './context';

/**
 * IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF in a policy document; a
 * typographic quote pasted from a word processor, a zero-width space or a line separator makes it
 * reject the whole policy. One finding per run of such characters, in the text outside comments
 * (JSONC comments never reach IAM), and at most MAX_RUNS of them: the last says how many follow.
 */
export const MAX_CHARACTER_RUNS = 100;

const NOT_ALLOWED = /[^\t\n\r\x20-\xff]+/g;
const BYTE_ORDER_MARK = 0xfeff;
const VISIBLE = /^[\p{L}\p{N}\p{P}\p{S}]+$/u;

/** Common look-alikes, and what IAM wants instead. */
const REPLACEMENTS: Readonly<Record<number, string>> = {
  0x2018: "'",
  0x2019: "'",
  0x201c: '"',
  0x201d: '"',
  0x2013: '-',
  0x2014: '-',
  0x2026: '...',
};

export function checkCharacters(ctx: ValidationContext): void {
  const text = ctx.text;
  const comments = ctx.document.comments;
  const pattern = new RegExp(NOT_ALLOWED.source, 'g');
  // Editors hide a leading byte-order mark and the CLI strips it; it is not part of the policy.
  pattern.lastIndex = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  let comment = 0;
  let runs = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    while (comment < comments.length && comments[comment]!.end <= start) comment++;
    const inComment = comments[comment];
    // A comment begins with "/", an allowed character, so a run is either wholly inside one or outside all.
    if (inComment && inComment.start <= start) {
      pattern.lastIndex = inComment.end;
      continue;
    }
    const range = { start, end: start + match[0].length };
    if (runs === MAX_CHARACTER_RUNS) {
      const more = countRuns(text, pattern, comments, comment) + 1;
      ctx.report('invalid-character', range, `${more} more run${more === 1 ? '' : 's'} of characters IAM does not accept follow from here (only the first ${MAX_CHARACTER_RUNS} are reported one by one). IAM accepts only tab, line breaks and the characters U+0020 to U+00FF.`);
      return;
    }
    runs++;
    ctx.report('invalid-character', range, describeRun(match[0]), { codePoints: codePoints(match[0], 10).first });
  }
}

function describeRun(run: string): string {
  const { first, count } = codePoints(run, 10);
  const one = count === 1;
  const names = first.slice(0, 5).map((p) => `U+${p.toString(16).toUpperCase().padStart(4, '0')}`);
  if (count > 5) names.push(`${count - 5} more`);
  const shown = run.length <= 20 && VISIBLE.test(run) ? `"${run}" (${names.join(', ')})` : names.join(', ');
  const replacements = first.map((p) => REPLACEMENTS[p]);
  const hint =
    count <= first.length && replacements.every((r) => r !== undefined)
      ? `Use plain ASCII instead (${replacements.join(' ')}); typographic punctuation usually comes from pasting out of a word processor.`
      : `Remove or replace ${one ? 'it' : 'them'}.`;
  return `${one ? `The character ${shown} is` : `The characters ${shown} are`} not accepted in an IAM policy, which may hold only tab, line breaks and the characters U+0020 to U+00FF, so IAM rejects the policy. ${hint}`;
}

/** The first `keep` code points of a run and how many it has, a lone surrogate counting as one. */
function codePoints(run: string, keep: number): { first: number[]; count: number } {
  const first: number[] = [];
  let count = 0;
  for (let i = 0; i < run.length; i++) {
    const point = run.codePointAt(i)!;
    if (first.length < keep) first.push(point);
    count++;
    if (point > 0xffff) i++;
  }
  return { first, count };
}

/** The runs after the current match, counted without allocating (a pasted binary file can hold millions). */
function countRuns(text: string, pattern: RegExp, comments: readonly { start: number; end: number }[], commentIndex: number): number {
  let count = 0;
  let comment = commentIndex;
  let inRun = false;
  for (let i = pattern.lastIndex; i < text.length; i++) {
    while (comment < comments.length && comments[comment]!.end <= i) comment++;
    const current = comments[comment];
    if (current && current.start <= i) {
      i = current.end - 1;
      inRun = false;
      continue;
    }
    const ch = text.charCodeAt(i);
    const allowed = ch === 0x09 || ch === 0x0a || ch === 0x0d || (ch >= 0x20 && ch <= 0xff);
    if (!allowed && !inRun) count++;
    inRun = !allowed;
  }
  return count;
}
