import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';
import { StrictJsonParser } from './strictJson';
import { TolerantJsonParser, type TolerantVisitor } from './tolerantJson';
import type { ArrayValue, Member, ObjectValue, OffsetRange, PolicyValue } from './tree';

/**
 * The JSON front end: text in, syntax-neutral tree out. jsonc-parser stays inside this folder
 * (this file, tolerantJson.ts and the cursor module).
 */

/**
 * Deeper than any IAM policy can be. Neither parser recurses any more, but code that walks the
 * tree may, and a document nested this deep is a runaway paste, not a policy.
 */
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
 * One pass of a parser straight into our tree: no intermediate jsonc `Node` tree to convert (half
 * the cost of a parse, and most of its garbage), and the nesting limit is enforced where the parser
 * opens a level, so no separate scan is needed. The tree is the one jsonc-parser's `parseTree` plus
 * a conversion would build, node for node. Strict JSON, the usual case, takes the faster path in
 * strictJson.ts; any other text the tolerant path in tolerantJson.ts (jsonc-parser's `visit`,
 * made resumable), which reports and recovers. Both build the same tree.
 */
export function parseJson(text: string): ParsedJson {
  return new JsonParse(text).run(Infinity) as ParsedJson;
}

/**
 * `parseJson` in slices of about `sliceMs`, calling `pause` between them; undefined when `pause`
 * answers false (the text is outdated). Both paths are sliced: text that is not strict JSON (one
 * trailing comma while the user types) is common, and parsing 10 MB of it takes about a second.
 */
export async function parseJsonInSlices(text: string, sliceMs: number, pause: () => Promise<boolean>): Promise<ParsedJson | undefined> {
  const parse = new JsonParse(text);
  for (;;) {
    const result = parse.run(performance.now() + sliceMs);
    if (result !== 'pending') return result;
    if (!(await pause())) return undefined;
  }
}

/**
 * The strict path, then, if the text is not strict JSON, the tolerant path from the start, each
 * able to stop at a deadline and go on. `clockEvery` is for tests (see TolerantParse).
 */
export class JsonParse {
  private readonly strict: StrictJsonParser;
  private tolerant: TolerantParse | undefined;

  constructor(
    private readonly text: string,
    private readonly clockEvery?: number,
  ) {
    this.strict = new StrictJsonParser(text, MAX_DEPTH);
  }

  /** Parses until done or until `deadline` (performance.now()) has passed; 'pending' means call again. */
  run(deadline: number): ParsedJson | 'pending' {
    if (!this.tolerant) {
      const strict = this.strict.run(deadline);
      if (strict === 'pending') return 'pending';
      if (strict && 'root' in strict) return { root: strict.root, syntaxIssues: [], tooDeep: undefined, comments: [] };
      if (strict) return tooDeep(strict.tooDeepAt);
      this.tolerant = new TolerantParse(this.text, this.clockEvery);
    }
    return this.tolerant.run(deadline);
  }
}

/** The tolerant path alone: any text, syntax errors reported and recovered from, comments allowed. */
export function parseTolerantJson(text: string): ParsedJson {
  return new TolerantParse(text).run(Infinity) as ParsedJson;
}

/**
 * The tolerant parser feeding a TreeBuilder. It replaces a call of jsonc-parser's `visit` with the
 * same options, making the same callbacks; unlike `visit` it can stop between any two tokens.
 * `clockEvery` (steps between looks at the clock) is for tests, which pause every few tokens.
 */
export class TolerantParse {
  private readonly builder: TreeBuilder;
  private readonly parser: TolerantJsonParser;
  private result: ParsedJson | undefined;

  constructor(text: string, clockEvery?: number) {
    this.builder = new TreeBuilder(text.length);
    this.parser = new TolerantJsonParser(text, this.builder, clockEvery);
  }

  run(deadline: number): ParsedJson | 'pending' {
    if (this.result) return this.result;
    try {
      if (!this.parser.run(deadline)) return 'pending';
      const builder = this.builder;
      this.result = { root: builder.root, syntaxIssues: builder.issues, tooDeep: undefined, comments: builder.comments };
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
      this.result = tooDeep(error.offset);
    }
    return this.result;
  }
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
class TreeBuilder implements TolerantVisitor {
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

  /** The nesting limit, at the bracket that opens level MAX_DEPTH + 1; thrown through the parser. */
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
