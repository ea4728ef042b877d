import { printParseErrorCode, visit, type ParseErrorCode, type JSONVisitor } from 'jsonc-parser';
import { parseStrictJson, StrictJsonParser, type StrictParse } from './strictJson';
import type { ArrayValue, Member, ObjectValue, OffsetRange, PolicyValue } from './tree';

/**
 * The JSON front end: text in, syntax-neutral tree out. jsonc-parser stays inside this file and the
 * cursor module.
 */

/** Deeper than any IAM policy can be; beyond it jsonc-parser's recursive descent can overflow the stack. */
export const MAX_DEPTH = 64;

export interface SyntaxIssue {
  readonly message: string;
  readonly range: OffsetRange;
}

export interface ParsedJson {
  readonly root: PolicyValue | undefined;
  readonly syntaxIssues: readonly SyntaxIssue[];
  /** Set when the nesting limit stopped the parse; `root` is then undefined. */
  readonly tooDeep: OffsetRange | undefined;
  /** Comments (JSONC), in document order; IAM never sees them. */
  readonly comments: readonly OffsetRange[];
}

/**
 * One pass of jsonc-parser's visitor straight into our tree: no intermediate jsonc `Node` tree to
 * convert (half the cost of a parse, and most of its garbage), and the nesting limit is enforced
 * where the parser recurses, so no separate scan is needed and no input can overflow the stack.
 * The tree is the one `parseTree` plus a conversion would build, node for node. Strict JSON, the
 * usual case, takes the faster path in strictJson.ts, which builds the same tree.
 */
export function parseJson(text: string): ParsedJson {
  return fromStrict(text, parseStrictJson(text, MAX_DEPTH));
}

/**
 * `parseJson` in slices of about `sliceMs`, calling `pause` between them; undefined when `pause`
 * answers false (the text is outdated). Only the strict path is sliced: text that is not strict
 * JSON is parsed by jsonc-parser in one go.
 */
export async function parseJsonInSlices(text: string, sliceMs: number, pause: () => Promise<boolean>): Promise<ParsedJson | undefined> {
  const parser = new StrictJsonParser(text, MAX_DEPTH);
  for (;;) {
    const result = parser.run(performance.now() + sliceMs);
    if (result !== 'pending') return fromStrict(text, result);
    if (!(await pause())) return undefined;
  }
}

function fromStrict(text: string, strict: StrictParse): ParsedJson {
  if (strict && 'root' in strict) return { root: strict.root, syntaxIssues: [], tooDeep: undefined, comments: [] };
  if (strict) return tooDeep(strict.tooDeepAt);
  return parseTolerantJson(text);
}

/** jsonc-parser's path alone: any text, syntax errors reported and recovered from, comments allowed. */
export function parseTolerantJson(text: string): ParsedJson {
  const builder = new TreeBuilder(text.length);
  try {
    visit(text, builder, { allowTrailingComma: false, disallowComments: false });
  } catch (error) {
    if (error instanceof TooDeep) return tooDeep(error.offset);
    throw error;
  }
  return { root: builder.root, syntaxIssues: builder.issues, tooDeep: undefined, comments: builder.comments };
}

function tooDeep(offset: number): ParsedJson {
  return { root: undefined, syntaxIssues: [], tooDeep: { start: offset, end: offset + 1 }, comments: [] };
}

class TooDeep {
  constructor(readonly offset: number) {}
}

/** An object or array being built, and for objects the member whose value has not ended yet. */
interface Frame {
  readonly start: number;
  readonly items: PolicyValue[] | undefined;
  readonly members: Member[] | undefined;
  pending: { key: string; keyRange: OffsetRange; value: PolicyValue | undefined } | undefined;
}

/**
 * Mirrors jsonc-parser's own `parseTree` visitor, including where a member without a value ends
 * (at the next comma or the closing brace), so ranges match what users saw before.
 */
class TreeBuilder implements JSONVisitor {
  root: PolicyValue | undefined;
  readonly issues: SyntaxIssue[] = [];

  constructor(private readonly textLength: number) {}

  readonly comments: OffsetRange[] = [];
  private readonly stack: Frame[] = [];

  onObjectBegin = (offset: number): void => {
    this.enter(offset);
    this.stack.push({ start: offset, items: undefined, members: [], pending: undefined });
  };

  onObjectProperty = (name: string, offset: number, length: number): void => {
    const frame = this.stack[this.stack.length - 1]!;
    if (frame.pending) this.completeMember(frame, frame.pending.keyRange.end);
    frame.pending = { key: name, keyRange: { start: offset, end: offset + length }, value: undefined };
  };

  onObjectEnd = (offset: number, length: number): void => {
    const end = offset + length;
    const frame = this.stack.pop()!;
    if (frame.pending) this.completeMember(frame, end);
    const value: ObjectValue = { kind: 'object', members: frame.members!, range: { start: frame.start, end } };
    this.add(value, end);
  };

  onArrayBegin = (offset: number): void => {
    this.enter(offset);
    this.stack.push({ start: offset, items: [], members: undefined, pending: undefined });
  };

  onArrayEnd = (offset: number, length: number): void => {
    const end = offset + length;
    const frame = this.stack.pop()!;
    const value: ArrayValue = { kind: 'array', items: frame.items!, range: { start: frame.start, end } };
    this.add(value, end);
  };

  onLiteralValue = (value: unknown, offset: number, length: number): void => {
    const range = { start: offset, end: offset + length };
    switch (typeof value) {
      case 'string':
        this.add({ kind: 'string', value, range }, range.end);
        return;
      case 'number':
        this.add({ kind: 'number', value, range }, range.end);
        return;
      case 'boolean':
        this.add({ kind: 'boolean', value, range }, range.end);
        return;
      default:
        this.add({ kind: 'null', range }, range.end);
    }
  };

  onSeparator = (character: string, offset: number): void => {
    if (character !== ',') return;
    const frame = this.stack[this.stack.length - 1];
    if (frame?.pending) this.completeMember(frame, offset);
  };

  onComment = (offset: number, length: number): void => {
    this.comments.push({ start: offset, end: offset + length });
  };

  // jsonc-parser can place an error past the end (an unclosed comment at the end of the text); the
  // range is cut at the end, so no finding ever points outside the document.
  onError = (error: ParseErrorCode, offset: number, length: number): void => {
    const start = Math.min(offset, this.textLength);
    const end = Math.min(offset + Math.max(length, 0), this.textLength);
    this.issues.push({ message: describeParseError(printParseErrorCode(error)), range: { start, end } });
  };

  /** jsonc-parser recurses once per level; stop before the stack can run out. */
  private enter(offset: number): void {
    if (this.stack.length >= MAX_DEPTH) throw new TooDeep(offset);
  }

  private add(value: PolicyValue, end: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) {
      this.root ??= value;
    } else if (frame.items) {
      frame.items.push(value);
    } else if (frame.pending && frame.pending.value === undefined) {
      // A value ends the member it belongs to, as in parseTree.
      frame.pending.value = value;
      this.completeMember(frame, end);
    }
  }

  private completeMember(frame: Frame, end: number): void {
    const { key, keyRange, value } = frame.pending!;
    frame.members!.push({ key, keyRange, value, range: { start: keyRange.start, end } });
    frame.pending = undefined;
  }
}

/** jsonc-parser names errors like `CommaExpected`; users read "Comma expected". */
function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
