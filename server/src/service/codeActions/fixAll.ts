import type { PolicyDocument } from '../../policy/model';
import type { OffsetRange } from '../../policy/tree';
import { onlyTrailingCommas } from '../../policy/trailingCommas';
import type { LanguageService } from '../languageService';
import type { PolicySettings } from '../settings';
import type { Fix } from './codeAction';
import { getFixes } from './fixes';
import { applyEdits, type TextEdit } from './textEdits';

/**
 * A bound on rounds, not on fixes, so fixes undoing each other cannot loop forever. A round applies
 * every fix that does not interact with another, so rounds are needed only for fixes that read the
 * whole Statement array (a move, a renamed Sid: one per round) and for fixes that wait on a neighbour.
 */
const MAX_ROUNDS = 1000;

/**
 * Applies every safe fix, round after round against a fresh parse, until a round changes nothing.
 * Each round applies all the safe fixes that do not interact: none edits text another edits (or
 * touches it: two inserts at one offset would have no order), and none edits text another reads
 * (`Fix.reads`). Fixes that restructure the document read the whole Statement array, so they go one
 * per round and always see the current text: the next move can reuse the statement the last one
 * created. Fixes without reads go first, so those are the ones a round holds back.
 * A round whose result would not parse falls back to one fix that does, so the text never gets
 * worse. Trailing commas are the one syntax error it repairs (their fix is safe); any other stops it.
 */
export function fixAll(text: string, service: LanguageService, settings: PolicySettings): { text: string; fixed: { code: string; title: string }[] } {
  const fixed: { code: string; title: string }[] = [];
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const document = service.parse(current);
    if (!fixable(document)) break;
    const diagnostics = service.doValidation(document, settings);
    const safe = getFixes(document, diagnostics, settings, service.knowledge).filter((fix) => fix.safe);
    const batch = independentFixes(safe);
    let applied = batch.length > 0 ? applyAll(current, batch, service) : undefined;
    // Together they would not parse: the first fix that parses on its own.
    for (let i = 0; applied === undefined && i < safe.length; i++) {
      if (!ownEditsOverlap(safe[i]!.action.edits)) applied = applyAll(current, [safe[i]!], service);
    }
    if (!applied || applied.text === current) break;
    for (const { action } of applied.fixes) fixed.push({ code: action.diagnostics[0]?.code ?? 'fix', title: action.title });
    current = applied.text;
  }
  return { text: current, fixed };
}

function applyAll(text: string, fixes: readonly Fix[], service: LanguageService): { text: string; fixes: readonly Fix[] } | undefined {
  const next = applyEdits(text, fixes.flatMap((fix) => fix.action.edits));
  return fixable(service.parse(next)) ? { text: next, fixes } : undefined;
}

/** The fixes one round may apply together, fixes that read nothing else first, then by how little they read. */
function independentFixes(fixes: readonly Fix[]): Fix[] {
  const order = fixes.map((fix, index) => ({ fix, index, reads: (fix.reads ?? []).reduce((n, r) => n + (r.end - r.start) + 1, 0) }));
  order.sort((a, b) => a.reads - b.reads || a.index - b.index);
  const edited = new Intervals();
  const read = new Intervals();
  const chosen: { fix: Fix; index: number }[] = [];
  for (const { fix, index } of order) {
    const edits = fix.action.edits;
    const reads = fix.reads ?? [];
    if (edits.length === 0) continue;
    // A fix whose own edits overlap could not be applied at all.
    if (ownEditsOverlap(edits)) continue;
    if (edits.some((e) => edited.touches(e.range) || read.touches(e.range)) || reads.some((r) => edited.touches(r))) continue;
    for (const edit of edits) edited.add(edit.range);
    for (const range of reads) read.add(range);
    chosen.push({ fix, index });
  }
  // In the order getFixes gave them, so the report reads like the document.
  return chosen.sort((a, b) => a.index - b.index).map((c) => c.fix);
}

/** Edits of one fix may touch each other (an insert next to a replacement); they must not overlap. */
function ownEditsOverlap(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return sorted.some((edit, i) => i > 0 && edit.range.start < sorted[i - 1]!.range.end);
}

/**
 * A union of ranges kept sorted and merged, so whether a range touches it is a binary search: a
 * round over a document with thousands of fixes stays linear-ish instead of comparing every pair.
 * Touching counts (`a.start <= b.end && b.start <= a.end`), as in `editsConflict`.
 */
class Intervals {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Index of the first interval whose end is at or after `offset`. */
  private firstEndingFrom(offset: number): number {
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ends[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  touches(range: OffsetRange): boolean {
    const i = this.firstEndingFrom(range.start);
    return i < this.starts.length && this.starts[i]! <= range.end;
  }

  add(range: OffsetRange): void {
    let start = range.start;
    let end = range.end;
    const from = this.firstEndingFrom(start);
    let to = from;
    while (to < this.starts.length && this.starts[to]! <= end) {
      start = Math.min(start, this.starts[to]!);
      end = Math.max(end, this.ends[to]!);
      to++;
    }
    this.starts.splice(from, to - from, start);
    this.ends.splice(from, to - from, end);
  }
}

/** Parses, or would but for trailing commas. */
function fixable(document: PolicyDocument): boolean {
  return !document.tooDeep && (document.syntaxIssues.length === 0 || onlyTrailingCommas(document));
}
