import { createScanner, ParseErrorCode, ScanError, SyntaxKind, type JSONScanner } from 'jsonc-parser';

/**
 * jsonc-parser's `visit` (lib/umd/impl/parser.js, version 3.3.1) with `allowTrailingComma: false`
 * and `disallowComments: false`, rewritten so it can stop at a deadline and go on later. `visit`
 * recurses and cannot be interrupted, so a 10 MB document with one syntax error (every keystroke
 * while a user types) used to block the server for about a second in one go; this parser lets the
 * server answer other requests between slices, as the strict path in strictJson.ts does.
 *
 * It is a state machine over jsonc-parser's own scanner: every recursive call of `visit` became a
 * frame on an explicit stack, and every place where `visit` would go on after `scanNext()` (or
 * inside the error-recovery loop that skips tokens) became a state, so each step scans at most one
 * token and the parser can pause between any two steps. The callbacks are the ones `visit` makes,
 * in the same order, with the same offsets, lengths, values and error codes.
 * test/robustness/parser.test.ts records both callback sequences on every truncation of the
 * examples and thousands of mutations, parsing ours in slices of a few tokens, and compares them.
 *
 * What `visit` does that nothing here needs is left out: the JSON path passed to callbacks, line and
 * column arguments, and callbacks answering false to suppress their children.
 */

/** The callbacks `visit` makes, as `visit` makes them (offset and length of the current token). */
export interface TolerantVisitor {
  onObjectBegin(offset: number, length: number): void;
  onObjectProperty(name: string, offset: number, length: number): void;
  onObjectEnd(offset: number, length: number): void;
  onArrayBegin(offset: number, length: number): void;
  onArrayEnd(offset: number, length: number): void;
  onLiteralValue(value: unknown, offset: number, length: number): void;
  onSeparator(character: string, offset: number, length: number): void;
  onComment(offset: number, length: number): void;
  onError(error: ParseErrorCode, offset: number, length: number): void;
}

// The token kinds the loop compares against, read once into module constants: tsc inlines jsonc-parser's
// const enums, but the bundle (esbuild, jsonc-parser's ESM build) reads them from objects at run time.
const OPEN_BRACE: number = SyntaxKind.OpenBraceToken;
const CLOSE_BRACE: number = SyntaxKind.CloseBraceToken;
const OPEN_BRACKET: number = SyntaxKind.OpenBracketToken;
const CLOSE_BRACKET: number = SyntaxKind.CloseBracketToken;
const COMMA: number = SyntaxKind.CommaToken;
const COLON: number = SyntaxKind.ColonToken;
const NULL: number = SyntaxKind.NullKeyword;
const TRUE: number = SyntaxKind.TrueKeyword;
const FALSE: number = SyntaxKind.FalseKeyword;
const STRING: number = SyntaxKind.StringLiteral;
const NUMBER: number = SyntaxKind.NumericLiteral;
const LINE_COMMENT: number = SyntaxKind.LineCommentTrivia;
const BLOCK_COMMENT: number = SyntaxKind.BlockCommentTrivia;
const LINE_BREAK: number = SyntaxKind.LineBreakTrivia;
const TRIVIA: number = SyntaxKind.Trivia;
const UNKNOWN: number = SyntaxKind.Unknown;
const EOF: number = SyntaxKind.EOF;
const NO_SCAN_ERROR: number = ScanError.None;

const SCAN_ERRORS: readonly (ParseErrorCode | undefined)[] = (() => {
  const errors: (ParseErrorCode | undefined)[] = [];
  errors[ScanError.InvalidUnicode] = ParseErrorCode.InvalidUnicode;
  errors[ScanError.InvalidEscapeCharacter] = ParseErrorCode.InvalidEscapeCharacter;
  errors[ScanError.UnexpectedEndOfNumber] = ParseErrorCode.UnexpectedEndOfNumber;
  // Only with comments allowed; disallowComments is false here.
  errors[ScanError.UnexpectedEndOfComment] = ParseErrorCode.UnexpectedEndOfComment;
  errors[ScanError.UnexpectedEndOfString] = ParseErrorCode.UnexpectedEndOfString;
  errors[ScanError.InvalidCharacter] = ParseErrorCode.InvalidCharacter;
  return errors;
})();

/** Where `visit` would be: what to do with the current token. */
const enum Step {
  /** Before the first token (`visit`'s opening scanNext). */
  Start,
  /** After the first scanNext: the root value, or ValueExpected on empty text. */
  Root,
  /** `scanNext`: scan one token; trivia, comments and unknown tokens keep the state, others go to `then`. */
  Scan,
  /** `parseValue` at the current token, in the context of the innermost frame. */
  Value,
  /** A value parsed: back in the caller of `parseValue`. */
  AfterValue,
  /** The head of the `while` loop of `parseObject` or `parseArray` of the innermost frame. */
  Loop,
  /** `parseProperty` at the current token. */
  Property,
  /** `parseProperty` after the name: the colon, or ColonExpected. */
  Colon,
  /** `parseProperty` failed (no name): `parseObject` reports ValueExpected, which skips nothing more. */
  PropertyFailed,
  /** The skipping loop of `handleError`, then `then`. */
  Skip,
  Done,
}

/** The token sets `handleError` skips to: stop before any of `until`, or after `after`. */
const enum Skip {
  /** `[]`, `[CloseBrace, Comma]`: a bad property or value in an object. */
  ToObjectStop,
  /** `[]`, `[CloseBracket, Comma]`: a bad value in an array. */
  ToArrayStop,
  /** `[CloseBrace]`, `[]`: an object left open. */
  PastCloseBrace,
  /** `[CloseBracket]`, `[]`: an array left open. */
  PastCloseBracket,
}

/** One `parseObject` or `parseArray` call in progress. */
interface Frame {
  readonly object: boolean;
  needsComma: boolean;
}

/** How many steps (each at most one token scanned) run between looks at the clock. */
const CLOCK_EVERY = 1024;

export class TolerantJsonParser {
  private readonly scanner: JSONScanner;
  private readonly stack: Frame[] = [];
  private step = Step.Start;
  /** The state after the pending scan (Step.Scan) or skip (Step.Skip). */
  private afterScan = Step.Done;
  private afterSkip = Step.Done;
  private skip = Skip.ToObjectStop;

  /**
   * `clockEvery`: steps between looks at the clock; tests pass a few, to pause (with a deadline in
   * the past) after every few tokens and prove the result does not depend on where it paused.
   */
  constructor(
    text: string,
    private readonly visitor: TolerantVisitor,
    private readonly clockEvery = CLOCK_EVERY,
  ) {
    // ignoreTrivia false, as `visit`: with true the scanner would also drop the comments.
    this.scanner = createScanner(text, false);
  }

  /**
   * Parses until done (true) or until `deadline` (performance.now()) has passed (false: call again).
   * A visitor callback may throw to abandon the parse; the exception goes through unchanged.
   */
  run(deadline: number): boolean {
    const scanner = this.scanner;
    const visitor = this.visitor;
    const stack = this.stack;
    let countdown = this.clockEvery;
    for (;;) {
      switch (this.step) {
        case Step.Scan: {
          const token = scanner.scan();
          const scanError = scanner.getTokenError();
          if (scanError !== NO_SCAN_ERROR) this.error(SCAN_ERRORS[scanError]!);
          if (token === LINE_COMMENT || token === BLOCK_COMMENT) visitor.onComment(scanner.getTokenOffset(), scanner.getTokenLength());
          else if (token === UNKNOWN) this.error(ParseErrorCode.InvalidSymbol);
          else if (token !== TRIVIA && token !== LINE_BREAK) this.step = this.afterScan;
          break;
        }
        case Step.Value: {
          const token = scanner.getToken();
          if (token === OPEN_BRACE || token === OPEN_BRACKET) {
            const object = token === OPEN_BRACE;
            if (object) visitor.onObjectBegin(scanner.getTokenOffset(), scanner.getTokenLength());
            else visitor.onArrayBegin(scanner.getTokenOffset(), scanner.getTokenLength());
            stack.push({ object, needsComma: false });
            this.scanThen(Step.Loop);
          } else if (token === STRING) {
            visitor.onLiteralValue(scanner.getTokenValue(), scanner.getTokenOffset(), scanner.getTokenLength());
            this.scanThen(Step.AfterValue);
          } else if (token === NUMBER || token === NULL || token === TRUE || token === FALSE) {
            let value: unknown = null;
            if (token === NUMBER) {
              value = Number(scanner.getTokenValue());
              if (Number.isNaN(value)) {
                this.error(ParseErrorCode.InvalidNumberFormat);
                value = 0;
              }
            } else if (token !== NULL) {
              value = token === TRUE;
            }
            visitor.onLiteralValue(value, scanner.getTokenOffset(), scanner.getTokenLength());
            this.scanThen(Step.AfterValue);
          } else {
            // parseValue returned false: its caller reports, and in a container skips to the next item.
            this.error(ParseErrorCode.ValueExpected);
            const frame = stack[stack.length - 1];
            if (!frame) {
              this.step = Step.Done;
            } else {
              frame.needsComma = true;
              this.skipThen(frame.object ? Skip.ToObjectStop : Skip.ToArrayStop, Step.Loop);
            }
          }
          break;
        }
        case Step.AfterValue: {
          const frame = stack[stack.length - 1];
          if (frame) {
            frame.needsComma = true;
            this.step = Step.Loop;
          } else {
            if (scanner.getToken() !== EOF) this.error(ParseErrorCode.EndOfFileExpected);
            this.step = Step.Done;
          }
          break;
        }
        case Step.Loop: {
          const frame = stack[stack.length - 1]!;
          const token = scanner.getToken();
          const close = frame.object ? CLOSE_BRACE : CLOSE_BRACKET;
          if (token === close || token === EOF) {
            if (frame.object) visitor.onObjectEnd(scanner.getTokenOffset(), scanner.getTokenLength());
            else visitor.onArrayEnd(scanner.getTokenOffset(), scanner.getTokenLength());
            stack.pop();
            if (token === close) {
              this.scanThen(Step.AfterValue);
            } else {
              this.error(frame.object ? ParseErrorCode.CloseBraceExpected : ParseErrorCode.CloseBracketExpected);
              this.skipThen(frame.object ? Skip.PastCloseBrace : Skip.PastCloseBracket, Step.AfterValue);
            }
            break;
          }
          const next = frame.object ? Step.Property : Step.Value;
          if (token === COMMA) {
            if (!frame.needsComma) this.error(ParseErrorCode.ValueExpected);
            visitor.onSeparator(',', scanner.getTokenOffset(), scanner.getTokenLength());
            // With allowTrailingComma false, `visit` parses an item after every comma, even before
            // the closing bracket: `[1,]` is "Value expected" at the `]`.
            this.scanThen(next);
          } else {
            if (frame.needsComma) this.error(ParseErrorCode.CommaExpected);
            this.step = next;
          }
          break;
        }
        case Step.Property: {
          if (scanner.getToken() !== STRING) {
            this.error(ParseErrorCode.PropertyNameExpected);
            this.skipThen(Skip.ToObjectStop, Step.PropertyFailed);
          } else {
            visitor.onObjectProperty(scanner.getTokenValue(), scanner.getTokenOffset(), scanner.getTokenLength());
            this.scanThen(Step.Colon);
          }
          break;
        }
        case Step.Colon: {
          if (scanner.getToken() === COLON) {
            visitor.onSeparator(':', scanner.getTokenOffset(), scanner.getTokenLength());
            this.scanThen(Step.Value);
          } else {
            this.error(ParseErrorCode.ColonExpected);
            stack[stack.length - 1]!.needsComma = true;
            this.skipThen(Skip.ToObjectStop, Step.Loop);
          }
          break;
        }
        case Step.PropertyFailed: {
          // The skip stopped at `}`, `,` or the end, so this report's own skip moves nothing.
          this.error(ParseErrorCode.ValueExpected);
          stack[stack.length - 1]!.needsComma = true;
          this.step = Step.Loop;
          break;
        }
        case Step.Skip: {
          const token = scanner.getToken();
          const skip = this.skip;
          if (token === EOF) {
            this.step = this.afterSkip;
          } else if ((skip === Skip.PastCloseBrace && token === CLOSE_BRACE) || (skip === Skip.PastCloseBracket && token === CLOSE_BRACKET)) {
            this.scanThen(this.afterSkip);
          } else if ((skip === Skip.ToObjectStop && (token === CLOSE_BRACE || token === COMMA)) || (skip === Skip.ToArrayStop && (token === CLOSE_BRACKET || token === COMMA))) {
            this.step = this.afterSkip;
          } else {
            this.scanThen(Step.Skip);
          }
          break;
        }
        case Step.Start:
          this.scanThen(Step.Root);
          break;
        case Step.Root:
          if (scanner.getToken() === EOF) {
            this.error(ParseErrorCode.ValueExpected);
            this.step = Step.Done;
          } else {
            this.step = Step.Value;
          }
          break;
        case Step.Done:
          return true;
      }
      // After the step, so every call makes progress even when the deadline has already passed.
      if (--countdown === 0) {
        countdown = this.clockEvery;
        if (deadline !== Infinity && performance.now() > deadline) return false;
      }
    }
  }

  /** `handleError`'s report, at the current token. */
  private error(code: ParseErrorCode): void {
    this.visitor.onError(code, this.scanner.getTokenOffset(), this.scanner.getTokenLength());
  }

  private scanThen(then: Step): void {
    this.afterScan = then;
    this.step = Step.Scan;
  }

  private skipThen(skip: Skip, then: Step): void {
    this.skip = skip;
    this.afterSkip = then;
    this.step = Step.Skip;
  }
}
