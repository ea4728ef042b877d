import { createScanner, getLocation, SyntaxKind, type JSONPath } from 'jsonc-parser';
import type { PolicyDocument, Statement } from './model';
import type { OffsetRange, PolicyValue } from './tree';

/**
 * What the cursor is on: the one place that reads the syntax around a position. Completion and hover
 * ask it rather than re-deriving context. jsonc-parser's `getLocation` works on incomplete text
 * (`"Action":["ses:Se`), which the policy model alone cannot describe.
 */

/** A string at the cursor, typed or being typed, or the place where one goes. */
export interface TypedString {
  /** What is typed from the start of the content to the cursor. */
  readonly prefix: string;
  /** The whole content as written (raw, escapes not decoded). */
  readonly value: string;
  /**
   * The content to replace: from after the opening quote (or from the start of an unquoted word) to
   * before the closing quote, or to the cursor when the string is not closed.
   */
  readonly replace: OffsetRange;
  /** The whole token, quotes included as far as they are typed. */
  readonly token: OffsetRange;
  readonly openQuote: boolean;
  readonly closeQuote: boolean;
  /** Something follows that needs a comma before it once this string is complete. */
  readonly commaAfter: boolean;
}

export interface KeyPosition extends TypedString {
  /** Keys already in the enclosing object, the one at the cursor excluded. */
  readonly present: readonly string[];
  /** A colon follows the key, so its value is (being) written already. */
  readonly hasColon: boolean;
}

export const VALUE_ELEMENTS = ['Version', 'Id', 'Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource'] as const;
export type ValueElement = (typeof VALUE_ELEMENTS)[number];

interface InStatement {
  /** The statement model the cursor is in, when the parse produced one. */
  readonly statement: Statement | undefined;
  /** Position in the Statement array (0 for a single statement object). */
  readonly statementIndex: number;
}

export type CursorContext =
  | { readonly kind: 'emptyDocument' }
  | ({ readonly kind: 'policyKey' } & KeyPosition)
  | ({ readonly kind: 'statementKey' } & InStatement & KeyPosition)
  | ({ readonly kind: 'value'; readonly element: ValueElement; readonly inArray: boolean } & Partial<InStatement> & TypedString)
  | ({ readonly kind: 'conditionOperator' } & InStatement & KeyPosition)
  | ({ readonly kind: 'conditionKey'; readonly operator: string } & InStatement & KeyPosition)
  | {
      readonly kind: 'statementSlot';
      /** Empty, at the cursor: where a statement object goes. */
      readonly insert: OffsetRange;
      readonly commaBefore: boolean;
      readonly commaAfter: boolean;
      /** `"Statement": |`: the statement needs its array around it. */
      readonly wrapInArray: boolean;
    }
  | { readonly kind: 'none' };

export type CursorMode = 'completion' | 'hover';

/**
 * In completion mode the cursor sits between characters: inside a string means after its opening
 * quote. In hover mode `offset` names the character under the pointer, quotes included.
 */
export function getCursorContext(document: PolicyDocument, offset: number, mode: CursorMode = 'completion'): CursorContext {
  const text = document.text;
  // getLocation parses recursively; a document past the nesting limit would overflow the stack.
  if (document.tooDeep) return { kind: 'none' };
  if (!document.root && firstToken(text, 0).kind === SyntaxKind.EOF) return { kind: 'emptyDocument' };
  const probe = mode === 'hover' ? Math.min(offset + 1, text.length) : offset;
  const location = getLocation(text, probe);
  const path = location.path;
  const previous = location.previousNode;
  let typed: TypedString | undefined;
  if (previous && (previous.type === 'string' || previous.type === 'property') && text[previous.offset] === '"') {
    typed = stringAt(text, previous.offset, offset, mode);
    if (!typed) return { kind: 'none' };
  }
  const string = typed ?? (mode === 'completion' ? wordAt(text, offset) : undefined);
  if (!string) return { kind: 'none' };
  const isKey = location.isAtPropertyKey;
  // `"Action":["ses:SendRawEmail"] |`: the value is written; anything inserted here would break the JSON
  // (jsonc-parser even calls the place after an object value a key position). The Statement array's own
  // items are the exception: a statement slot there adds the comma itself.
  const statementItem = path.length === 2 && path[0] === 'Statement' && typeof path[1] === 'number';
  if (!statementItem && writtenBefore(document.root, path, offset, string)) return { kind: 'none' };

  if (path.length === 1 && isKey) return { kind: 'policyKey', ...key(document, string, presentKeys(document.policy?.node.members, string)) };
  if (path.length === 1 && (path[0] === 'Version' || path[0] === 'Id') && !isKey) {
    return { kind: 'value', element: path[0], inArray: false, ...string };
  }
  if (path[0] !== 'Statement') return { kind: 'none' };
  if (path.length === 1) return slot(document, offset, true, string);
  const arrayForm = typeof path[1] === 'number';
  const statementIndex = arrayForm ? (path[1] as number) : 0;
  const rest = path.slice(arrayForm ? 2 : 1);
  if (rest.length === 0) return slot(document, offset, false, string);
  const statement = statementAt(document, offset);
  const where: InStatement = { statement, statementIndex };
  const [first, second] = rest;
  if (rest.length === 1 && isKey) {
    return { kind: 'statementKey', ...where, ...key(document, string, presentKeys(statement?.node.members, string)) };
  }
  if (isValueElement(first) && !isKey && (rest.length === 1 || (rest.length === 2 && typeof second === 'number'))) {
    return { kind: 'value', element: first, inArray: rest.length === 2, ...where, ...string };
  }
  if (first === 'Condition' && isKey && rest.length === 2) {
    const members = conditionBlock(statement)?.members;
    return { kind: 'conditionOperator', ...where, ...key(document, string, presentKeys(members, string)) };
  }
  if (first === 'Condition' && isKey && rest.length === 3 && typeof second === 'string') {
    const block = conditionBlock(statement)?.members.find((m) => m.key === second)?.value;
    const members = block?.kind === 'object' ? block.members : undefined;
    return { kind: 'conditionKey', operator: second, ...where, ...key(document, string, presentKeys(members, string)) };
  }
  return { kind: 'none' };
}

/**
 * Whether the value at `path` is already written and ends before what is typed at the cursor. The
 * member is the last one of that name starting before the cursor (duplicate keys happen).
 */
function writtenBefore(root: PolicyValue | undefined, path: JSONPath, offset: number, at: TypedString): boolean {
  let node = root;
  for (const segment of path) {
    if (node?.kind === 'object' && typeof segment === 'string') {
      node = node.members.filter((m) => m.key === segment && m.keyRange.start < offset).at(-1)?.value;
    } else if (node?.kind === 'array' && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return false;
    }
  }
  return node !== undefined && node.range.end <= at.token.start;
}

/** Statement elements whose values are strings the cursor module describes (Version and Id are policy-level). */
function isValueElement(segment: JSONPath[number] | undefined): segment is ValueElement {
  return typeof segment === 'string' && segment !== 'Version' && segment !== 'Id' && (VALUE_ELEMENTS as readonly string[]).includes(segment);
}

/** The string token starting at `start`, when the cursor is inside it. */
function stringAt(text: string, start: number, offset: number, mode: CursorMode): TypedString | undefined {
  let end = text.length;
  let closed = false;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
    } else if (ch === '"') {
      end = i + 1;
      closed = true;
      break;
    } else if (ch === '\n' || ch === '\r') {
      end = i;
      break;
    }
  }
  const inside = mode === 'hover' ? start <= offset && offset < end : start < offset && (closed ? offset < end : offset <= end);
  if (!inside) return undefined;
  const contentEnd = closed ? end - 1 : end;
  // An unclosed string runs to the end of the line; what follows the cursor there is not the user's value.
  const replaceEnd = closed || mode === 'hover' ? contentEnd : offset;
  const cursor = Math.min(Math.max(offset, start + 1), contentEnd);
  return {
    prefix: text.slice(start + 1, cursor),
    value: text.slice(start + 1, replaceEnd),
    replace: { start: start + 1, end: replaceEnd },
    token: { start, end: closed ? end : replaceEnd },
    openQuote: true,
    closeQuote: closed,
    commaAfter: needsComma(text, closed ? end : offset),
  };
}

/** Characters of an unquoted word being typed where a string belongs (`{Ac|` or `"Action": se|`). */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\w:*?./-]/.test(ch);
}

function wordAt(text: string, offset: number): TypedString {
  let start = offset;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  // `"Action":se|`: the colon belongs to the member, not the word.
  while (start < offset && text[start] === ':') start++;
  const range = { start, end: offset };
  const word = text.slice(start, offset);
  return { prefix: word, value: word, replace: range, token: range, openQuote: false, closeQuote: false, commaAfter: needsComma(text, offset) };
}

function key(document: PolicyDocument, string: TypedString, present: string[]): KeyPosition {
  const after = firstToken(document.text, string.closeQuote ? string.token.end : string.replace.end);
  return { ...string, present, hasColon: after.kind === SyntaxKind.ColonToken };
}

function presentKeys(members: readonly { key: string; keyRange: OffsetRange }[] | undefined, at: TypedString): string[] {
  if (!members) return [];
  return members.filter((m) => m.keyRange.start !== at.token.start).map((m) => m.key);
}

function conditionBlock(statement: Statement | undefined) {
  const value = statement?.element('Condition')?.value;
  return value?.kind === 'object' ? value : undefined;
}

function statementAt(document: PolicyDocument, offset: number): Statement | undefined {
  return document.policy?.statements.find((s) => s.node.range.start < offset && offset <= s.node.range.end);
}

function slot(document: PolicyDocument, offset: number, wrapInArray: boolean, string: TypedString): CursorContext {
  // Inside a string or an unquoted word no statement object can start.
  if (string.openQuote || string.prefix !== '') return { kind: 'none' };
  const array = document.policy?.statementMember?.value;
  const from = array?.kind === 'array' && array.range.start < offset ? array.range.start + 1 : offset;
  const before = wrapInArray ? SyntaxKind.ColonToken : lastTokenBefore(document.text, from, offset);
  const after = firstToken(document.text, offset).kind;
  return {
    kind: 'statementSlot',
    insert: { start: offset, end: offset },
    commaBefore: before === SyntaxKind.CloseBraceToken || before === SyntaxKind.CloseBracketToken || before === SyntaxKind.StringLiteral,
    commaAfter: after === SyntaxKind.OpenBraceToken,
    wrapInArray,
  };
}

/** A comma is due when the next token starts another member or item. */
function needsComma(text: string, from: number): boolean {
  const next = firstToken(text, from).kind;
  return next === SyntaxKind.StringLiteral || next === SyntaxKind.OpenBraceToken || next === SyntaxKind.OpenBracketToken;
}

/** The first token at or after `from`, comments and whitespace skipped. */
function firstToken(text: string, from: number): { kind: SyntaxKind; offset: number } {
  const scanner = createScanner(text, true);
  scanner.setPosition(from);
  const kind = scanner.scan();
  return { kind, offset: scanner.getTokenOffset() };
}

function lastTokenBefore(text: string, from: number, offset: number): SyntaxKind | undefined {
  const scanner = createScanner(text, true);
  scanner.setPosition(from);
  let last: SyntaxKind | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && scanner.getTokenOffset() < offset; token = scanner.scan()) {
    last = token;
  }
  return last;
}
