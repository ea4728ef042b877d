import * as assert from 'node:assert/strict';
import { parseTree, printParseErrorCode, visit, type Node } from 'jsonc-parser';
import { JsonParse, MAX_DEPTH, parseJson, parseTolerantJson, TolerantParse, type ParsedJson } from '../../server/src/policy/parseJson';
import { parseStrictJson } from '../../server/src/policy/strictJson';
import { TolerantJsonParser, type TolerantVisitor } from '../../server/src/policy/tolerantJson';
import type { Member, PolicyValue } from '../../server/src/policy/tree';

/**
 * The oracle of the parser tests (parser.test.ts, tolerantJson.test.ts).
 *
 * The JSON front end builds its tree in one pass (jsonc-parser's visitor, or the strict fast path for
 * well-formed JSON). Both must give exactly what jsonc-parser's `parseTree` followed by a conversion
 * gave before: the reference below is that earlier implementation, kept here as the oracle.
 */
function referenceParse(text: string): { root: PolicyValue | undefined; issues: { message: string; start: number; end: number }[] } {
  const errors: { error: number; offset: number; length: number }[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  // One difference, on purpose: ranges that jsonc-parser places past the end are cut at the end.
  const issues = errors.map((e) => ({
    message: describeCode(printParseErrorCode(e.error)),
    start: Math.min(e.offset, text.length),
    end: Math.min(e.offset + Math.max(e.length, 0), text.length),
  }));
  return { root: tree ? convert(tree) : undefined, issues };
}

function describeCode(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function convert(node: Node): PolicyValue {
  const range = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: String(node.value ?? ''), range };
    case 'number':
      return { kind: 'number', value: Number(node.value), range };
    case 'boolean':
      return { kind: 'boolean', value: node.value === true, range };
    case 'null':
      return { kind: 'null', range };
    case 'array':
      return { kind: 'array', items: (node.children ?? []).map(convert), range };
    case 'object':
      return { kind: 'object', members: (node.children ?? []).flatMap(convertProperty), range };
    case 'property':
      return { kind: 'null', range };
  }
}

function convertProperty(property: Node): Member[] {
  const [keyNode, valueNode] = property.children ?? [];
  if (!keyNode || keyNode.type !== 'string') return [];
  const range = { start: property.offset, end: property.offset + property.length };
  return [{ key: String(keyNode.value ?? ''), keyRange: { start: keyNode.offset, end: keyNode.offset + keyNode.length }, value: valueNode ? convert(valueNode) : undefined, range }];
}

/** Nesting depth as jsonc-parser recurses, counted without recursing. */
function depthOf(value: PolicyValue | undefined): number {
  let deepest = 0;
  const stack: [PolicyValue, number][] = value ? [[value, 1]] : [];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node.kind !== 'array' && node.kind !== 'object') continue;
    deepest = Math.max(deepest, depth);
    const children = node.kind === 'array' ? node.items : node.members.flatMap((m) => (m.value ? [m.value] : []));
    for (const child of children) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Thrown by a Recorder at the nesting limit, as the TreeBuilder throws TooDeep. */
const STOP = new Error('nesting limit');

/**
 * Every callback a parser makes, as data (name, arguments jsonc-parser's `visit` passes that ours
 * passes too). It stops the parse where the TreeBuilder does: at the bracket opening level
 * MAX_DEPTH + 1, so `visit` never recurses deeper than that.
 */
class Recorder implements TolerantVisitor {
  readonly calls: unknown[][] = [];
  tooDeepAt = -1;
  private depth = 0;
  onObjectBegin = (offset: number, length: number): void => this.begin('objectBegin', offset, length);
  onArrayBegin = (offset: number, length: number): void => this.begin('arrayBegin', offset, length);
  onObjectEnd = (offset: number, length: number): void => this.end('objectEnd', offset, length);
  onArrayEnd = (offset: number, length: number): void => this.end('arrayEnd', offset, length);
  onObjectProperty = (name: string, offset: number, length: number): void => void this.calls.push(['property', name, offset, length]);
  onLiteralValue = (value: unknown, offset: number, length: number): void => void this.calls.push(['literal', value, offset, length]);
  onSeparator = (character: string, offset: number, length: number): void => void this.calls.push(['separator', character, offset, length]);
  onComment = (offset: number, length: number): void => void this.calls.push(['comment', offset, length]);
  onError = (error: number, offset: number, length: number): void => void this.calls.push(['error', printParseErrorCode(error), offset, length]);

  private begin(name: string, offset: number, length: number): void {
    if (this.depth >= MAX_DEPTH) {
      this.tooDeepAt = offset;
      throw STOP;
    }
    this.depth++;
    this.calls.push([name, offset, length]);
  }

  private end(name: string, offset: number, length: number): void {
    this.depth--;
    this.calls.push([name, offset, length]);
  }
}

function stopped(body: () => void): void {
  try {
    body();
  } catch (error) {
    if (error !== STOP) throw error;
  }
}

/** Steps between looks at the clock for the sliced parses: one to three, varying with the input. */
function tinySlice(text: string): number {
  return 1 + (text.length % 3);
}

/**
 * The resumable tolerant parser, in slices of one to three steps (a deadline that has always passed),
 * makes exactly the callbacks jsonc-parser's `visit` makes, and the sliced parses build exactly the
 * tree the unsliced ones build.
 */
function assertSlicedSameAsVisit(text: string, ours: ParsedJson): void {
  const expected = new Recorder();
  stopped(() => visit(text, expected, { allowTrailingComma: false, disallowComments: false }));
  const actual = new Recorder();
  const parser = new TolerantJsonParser(text, actual, tinySlice(text));
  let slices = 1;
  stopped(() => {
    while (!parser.run(-Infinity)) slices++;
  });
  assert.deepEqual(actual.calls, expected.calls, "the callbacks jsonc-parser's visit makes, in its order");
  assert.equal(actual.tooDeepAt, expected.tooDeepAt, 'the nesting limit at the same bracket');
  assert.ok(slices > 1, 'the parse paused');

  const tolerant = new TolerantParse(text, tinySlice(text));
  let result;
  while ((result = tolerant.run(-Infinity)) === 'pending');
  assert.deepEqual(result, parseTolerantJson(text), 'the tolerant path sliced builds the tree it builds in one go');
  const whole = new JsonParse(text, tinySlice(text));
  while ((result = whole.run(-Infinity)) === 'pending');
  assert.deepEqual(result, ours, 'parseJsonInSlices builds the tree parseJson builds');
  if (expected.tooDeepAt >= 0) assert.deepEqual(ours.tooDeep, { start: expected.tooDeepAt, end: expected.tooDeepAt + 1 }, 'json-too-deep where visit reached the limit');
}

export function assertSameAsReference(text: string): ParsedJson {
  const ours = parseJson(text);
  assertSlicedSameAsVisit(text, ours);
  const tolerant = parseTolerantJson(text);
  const strict = parseStrictJson(text, MAX_DEPTH);
  if (ours.tooDeep) {
    assert.deepEqual(tolerant.tooDeep, ours.tooDeep, 'both paths stop at the same bracket');
    return ours;
  }
  assert.deepEqual(tolerant, ours, 'the strict path and the jsonc-parser path build the same tree');
  if (strict && 'root' in strict) assert.equal(ours.syntaxIssues.length, 0, 'strict JSON has no syntax issues');
  const reference = referenceParse(text);
  if (depthOf(reference.root) <= MAX_DEPTH) {
    assert.deepEqual(ours.root, reference.root, 'the tree parseTree plus a conversion built');
    assert.deepEqual(
      ours.syntaxIssues.map((i) => ({ message: i.message, start: i.range.start, end: i.range.end })),
      reference.issues,
      'the syntax errors parseTree reported',
    );
  }
  return ours;
}
