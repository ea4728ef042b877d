import type { Member, OffsetRange, PolicyValue } from './tree';

/**
 * A fast path for the common case: a document that is strict JSON (RFC 8259, no comments, only the
 * four JSON whitespace characters). It builds the same tree jsonc-parser's visitor builds in
 * parseJson.ts, faster, because it needs no token objects, no error recovery and no path
 * bookkeeping. On anything else (a syntax error, a comment, an unusual space) it gives up, and the
 * jsonc-parser path, which reports and recovers, parses the text.
 * test/robustness/parser.test.ts checks the two agree on many thousands of generated documents.
 *
 * It keeps its own stack instead of recursing, so it can stop at a deadline and go on later: the
 * server parses a 10 MB document in slices, answering other requests in between.
 */
export type StrictParse = { readonly root: PolicyValue } | { readonly tooDeepAt: number } | undefined;

export function parseStrictJson(text: string, maxDepth: number): StrictParse {
  return new StrictJsonParser(text, maxDepth).run(Infinity) as StrictParse;
}

const enum Ch {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

const enum State {
  Value,
  Key,
  AfterValue,
}

/** An object or array not yet closed; for objects, the key whose value comes next. */
interface Frame {
  readonly start: number;
  readonly items: PolicyValue[] | undefined;
  readonly members: Member[] | undefined;
  key: string;
  keyRange: OffsetRange;
}

const INTERN_SLOTS = 4096;
const INTERN_MAX_LENGTH = 256;
/** How many values are read between looks at the clock. */
const CLOCK_EVERY = 4096;
const NO_RANGE: OffsetRange = { start: 0, end: 0 };
/**
 * A run of string characters that need no attention. Past the interning length the regex engine
 * finds a string's end about ten times faster than a charCodeAt loop: a 50 MB string is one token,
 * read in one go between two looks at the clock.
 */
const PLAIN_RUN = /[^"\\\x00-\x1f]*/y;

/** Thrown to unwind when the input is not strict JSON; caught in `run` only. */
const GIVE_UP = new Error('not strict JSON');

export class StrictJsonParser {
  private pos = 0;
  private state = State.Value;
  private readonly stack: Frame[] = [];
  private tooDeepAt = -1;
  private result: StrictParse | 'pending' = 'pending';
  // Policies repeat their strings (keys, actions, ARNs); sharing one copy of each saves an
  // allocation per string and keeps big documents small.
  private readonly interned: (string | undefined)[];
  private readonly slotMask: number;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    let slots = 64;
    while (slots < INTERN_SLOTS && slots * 64 < text.length) slots *= 2;
    this.interned = new Array<string | undefined>(slots).fill(undefined);
    this.slotMask = slots - 1;
  }

  /** Parses until done or until `deadline` (performance.now()) has passed; 'pending' means call again. */
  run(deadline: number): StrictParse | 'pending' {
    if (this.result !== 'pending') return this.result;
    try {
      this.result = this.steps(deadline);
    } catch (error) {
      if (error !== GIVE_UP) throw error;
      this.result = this.tooDeepAt >= 0 ? { tooDeepAt: this.tooDeepAt } : undefined;
    }
    return this.result;
  }

  private steps(deadline: number): StrictParse | 'pending' {
    const stack = this.stack;
    let countdown = CLOCK_EVERY;
    for (;;) {
      if (--countdown === 0) {
        countdown = CLOCK_EVERY;
        if (deadline !== Infinity && performance.now() > deadline) return 'pending';
      }
      let value: PolicyValue;
      if (this.state === State.Key) {
        if (this.skipWhitespace() !== Ch.Quote) throw GIVE_UP;
        const frame = stack[stack.length - 1]!;
        const keyStart = this.pos;
        frame.key = this.string();
        frame.keyRange = { start: keyStart, end: this.pos };
        if (this.skipWhitespace() !== Ch.Colon) throw GIVE_UP;
        this.pos++;
        this.state = State.Value;
        continue;
      } else if (this.state === State.AfterValue) {
        const ch = this.skipWhitespace();
        const frame = stack[stack.length - 1];
        if (!frame) {
          if (ch !== -1) throw GIVE_UP;
          return { root: this.rootValue! };
        }
        this.pos++;
        if (ch === Ch.Comma) {
          this.state = frame.members ? State.Key : State.Value;
          continue;
        }
        if (frame.items && ch === Ch.CloseBracket) {
          stack.pop();
          value = { kind: 'array', items: frame.items, range: { start: frame.start, end: this.pos } };
        } else if (frame.members && ch === Ch.CloseBrace) {
          stack.pop();
          value = { kind: 'object', members: frame.members, range: { start: frame.start, end: this.pos } };
        } else {
          throw GIVE_UP;
        }
      } else {
        const ch = this.skipWhitespace();
        if (ch === Ch.OpenBrace || ch === Ch.OpenBracket) {
          if (stack.length >= this.maxDepth) {
            this.tooDeepAt = this.pos;
            throw GIVE_UP;
          }
          const start = this.pos++;
          const object = ch === Ch.OpenBrace;
          const next = this.skipWhitespace();
          if (next === (object ? Ch.CloseBrace : Ch.CloseBracket)) {
            this.pos++;
            value = object ? { kind: 'object', members: [], range: { start, end: this.pos } } : { kind: 'array', items: [], range: { start, end: this.pos } };
          } else {
            stack.push({ start, items: object ? undefined : [], members: object ? [] : undefined, key: '', keyRange: NO_RANGE });
            this.state = object ? State.Key : State.Value;
            continue;
          }
        } else {
          value = this.scalar(ch);
        }
      }
      // A value is complete: it goes into its array or object, or is the root.
      const frame = stack[stack.length - 1];
      if (!frame) this.rootValue = value;
      else if (frame.items) frame.items.push(value);
      else frame.members!.push({ key: frame.key, keyRange: frame.keyRange, value, range: { start: frame.keyRange.start, end: value.range.end } });
      this.state = State.AfterValue;
    }
  }

  private rootValue: PolicyValue | undefined;

  private skipWhitespace(): number {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const ch = text.charCodeAt(pos);
      if (ch !== Ch.Space && ch !== Ch.LineFeed && ch !== Ch.CarriageReturn && ch !== Ch.Tab) {
        this.pos = pos;
        return ch;
      }
      pos++;
    }
    this.pos = pos;
    return -1;
  }

  private scalar(ch: number): PolicyValue {
    const start = this.pos;
    switch (ch) {
      case Ch.Quote: {
        const content = this.string();
        return { kind: 'string', value: content, range: { start, end: this.pos } };
      }
      case 0x74: // t
        return { kind: 'boolean', value: true, range: this.word('true') };
      case 0x66: // f
        return { kind: 'boolean', value: false, range: this.word('false') };
      case 0x6e: // n
        return { kind: 'null', range: this.word('null') };
      default:
        if (ch === Ch.Minus || (ch >= Ch.Zero && ch <= Ch.Nine)) return this.number();
        throw GIVE_UP;
    }
  }

  /** A string token at `pos` (the opening quote); leaves `pos` after the closing quote. */
  private string(): string {
    const text = this.text;
    const start = ++this.pos;
    let pos = start;
    let hash = 0;
    const hashed = Math.min(text.length, start + INTERN_MAX_LENGTH + 1);
    while (pos < hashed) {
      const ch = text.charCodeAt(pos);
      if (ch === Ch.Quote) {
        this.pos = pos + 1;
        const length = pos - start;
        const slot = (hash ^ length) & this.slotMask;
        const candidate = this.interned[slot];
        if (candidate !== undefined && candidate.length === length && text.startsWith(candidate, start)) return candidate;
        const content = text.slice(start, pos);
        this.interned[slot] = content;
        return content;
      }
      if (ch === Ch.Backslash) {
        this.pos = pos;
        return this.escapedString(start);
      }
      if (ch < Ch.Space) throw GIVE_UP;
      hash = (Math.imul(hash, 31) + ch) | 0;
      pos++;
    }
    // Too long to intern: no hash, just the end.
    pos = plainRunEnd(text, pos);
    if (text.charCodeAt(pos) === Ch.Quote) {
      this.pos = pos + 1;
      return text.slice(start, pos);
    }
    if (text.charCodeAt(pos) !== Ch.Backslash) throw GIVE_UP;
    this.pos = pos;
    return this.escapedString(start);
  }

  private escapedString(start: number): string {
    const text = this.text;
    let result = text.slice(start, this.pos);
    let runStart = this.pos;
    while (this.pos < text.length) {
      const ch = text.charCodeAt(this.pos);
      if (ch === Ch.Quote) {
        result += text.slice(runStart, this.pos++);
        return result;
      }
      if (ch < Ch.Space) throw GIVE_UP;
      if (ch !== Ch.Backslash) {
        this.pos = plainRunEnd(text, this.pos);
        continue;
      }
      result += text.slice(runStart, this.pos);
      const escape = text[this.pos + 1];
      this.pos += 2;
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          result += escape;
          break;
        case 'b':
          result += '\b';
          break;
        case 'f':
          result += '\f';
          break;
        case 'n':
          result += '\n';
          break;
        case 'r':
          result += '\r';
          break;
        case 't':
          result += '\t';
          break;
        case 'u': {
          const hex = text.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw GIVE_UP;
          result += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          throw GIVE_UP;
      }
      runStart = this.pos;
    }
    throw GIVE_UP;
  }

  private digits(): void {
    const text = this.text;
    const start = this.pos;
    while (this.pos < text.length) {
      const ch = text.charCodeAt(this.pos);
      if (ch < Ch.Zero || ch > Ch.Nine) break;
      this.pos++;
    }
    if (this.pos === start) throw GIVE_UP;
  }

  private number(): PolicyValue {
    const text = this.text;
    const start = this.pos;
    if (text.charCodeAt(this.pos) === Ch.Minus) this.pos++;
    if (text.charCodeAt(this.pos) === Ch.Zero) this.pos++;
    else this.digits();
    if (text.charCodeAt(this.pos) === Ch.Dot) {
      this.pos++;
      this.digits();
    }
    const e = text.charCodeAt(this.pos);
    if (e === Ch.LowerE || e === Ch.UpperE) {
      this.pos++;
      const sign = text.charCodeAt(this.pos);
      if (sign === Ch.Plus || sign === Ch.Minus) this.pos++;
      this.digits();
    }
    return { kind: 'number', value: Number(text.slice(start, this.pos)), range: { start, end: this.pos } };
  }

  /** `true`, `false` or `null`, followed by something that ends a value. */
  private word(expected: string): OffsetRange {
    const text = this.text;
    const start = this.pos;
    if (!text.startsWith(expected, start)) throw GIVE_UP;
    this.pos += expected.length;
    const next = this.pos < text.length ? text.charCodeAt(this.pos) : -1;
    const ends =
      next === -1 ||
      next === Ch.Space ||
      next === Ch.LineFeed ||
      next === Ch.CarriageReturn ||
      next === Ch.Tab ||
      next === Ch.Comma ||
      next === Ch.CloseBracket ||
      next === Ch.CloseBrace;
    if (!ends) throw GIVE_UP;
    return { start, end: this.pos };
  }
}

/** The offset of the first character at or after `pos` that ends a run of plain string characters. */
function plainRunEnd(text: string, pos: number): number {
  PLAIN_RUN.lastIndex = pos;
  PLAIN_RUN.test(text);
  return PLAIN_RUN.lastIndex;
}
