import * as assert from 'node:assert/strict';
import { parseTree, printParseErrorCode, visit, type Node } from 'jsonc-parser';
import { JsonParse, MAX_DEPTH, parseJson, parseTolerantJson, TolerantParse, type ParsedJson } from '../../server/src/policy/parseJson';
import { parseStrictJson } from '../../server/src/policy/strictJson';
import { TolerantJsonParser, type TolerantVisitor } from '../../server/src/policy/tolerantJson';
import type { Member, PolicyValue } from '../../server/src/policy/tree';
import { normalizeSettings } from '../../server/src/service/settings';
import { examples, FUZZ_ITERATIONS, FUZZ_SEED, managedPolicies, mutate, Random, service, withInput } from './support';

/**
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

function assertSameAsReference(text: string): ParsedJson {
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

describe('robustness: the JSON front end', function () {
  this.timeout(120_000);

  it('builds the tree parseTree built, on every truncation of the examples', () => {
    for (const { name, text } of examples()) {
      for (let end = 0; end <= text.length; end++) withInput(`${name} cut at ${end}`, text.slice(0, end), () => assertSameAsReference(text.slice(0, end)));
    }
  });

  it(`builds the tree parseTree built, on ${FUZZ_ITERATIONS} seeded mutations (seed ${FUZZ_SEED})`, () => {
    const random = new Random(FUZZ_SEED);
    const corpus = [...examples(), ...managedPolicies(random, 20)];
    let strictTaken = 0;
    for (let i = 0; i < FUZZ_ITERATIONS; i++) {
      let text = random.pick(corpus).text;
      const edits = 1 + random.below(3);
      for (let e = 0; e < edits; e++) text = mutate(random, text);
      const parsed = withInput(`mutation ${i}`, text, () => assertSameAsReference(text));
      if (parsed.syntaxIssues.length === 0) strictTaken++;
    }
    assert.ok(strictTaken > 0, 'some mutations stay well-formed');
  });

  it('takes the fast path for well-formed JSON of every shape', () => {
    const random = new Random(FUZZ_SEED);
    const values: unknown[] = [{}, [], '', 'é"\\\n\u2028\ud800', 0, -0, 1e21, 1.5e-7, -12.25, true, false, null, { a: [1, { b: null }] }, [[[]]]];
    for (let i = 0; i < 200; i++) {
      const value = random.pick(values);
      const text = JSON.stringify({ Statement: [{ Sid: value, Action: [value, value] }], x: value }, null, random.below(3) === 0 ? undefined : '\t');
      const strict = parseStrictJson(text, MAX_DEPTH);
      assert.ok(strict && 'root' in strict, `strict path declined ${text}`);
      assertSameAsReference(text);
    }
  });

  it('decodes escapes, numbers and literals as JSON.parse does', () => {
    const text = '{"s":"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00","n":[0,-0,1e999999,-1e999999,1.5e-3,123456789012345678901234567890],"t":true,"f":false,"z":null}';
    const parsed = assertSameAsReference(text);
    const plain = JSON.parse(text) as Record<string, unknown>;
    const root = parsed.root;
    assert.ok(root?.kind === 'object');
    const s = root.members[0]!.value;
    assert.ok(s?.kind === 'string');
    assert.equal(s.value, plain.s);
    const n = root.members[1]!.value;
    assert.ok(n?.kind === 'array');
    assert.deepEqual(
      n.items.map((item) => (item.kind === 'number' ? item.value : undefined)),
      plain.n,
    );
  });

  it('reads strings longer than it interns as JSON.parse does, escapes and their ends included', () => {
    const long = 'x'.repeat(300);
    for (const body of [long, `${long}\\n${long}`, `\\"${long}\\u00e9`, `${long}\\\\`, `${'é'.repeat(400)}\\/`]) {
      const text = `{"s":"${body}","t":"${long}"}`;
      const root = assertSameAsReference(text).root;
      assert.ok(root?.kind === 'object');
      const values = root.members.map((member) => (member.value?.kind === 'string' ? member.value.value : undefined));
      assert.deepEqual(values, Object.values(JSON.parse(text) as Record<string, string>));
    }
    // A control character or the end of the text inside a long string is not strict JSON.
    for (const text of [`{"s":"${long}\n"}`, `{"s":"${long}`, `{"s":"${long}\\n${long}`]) assert.equal(parseStrictJson(text, 64), undefined);
  });

  it('reports and recovers from the slips of typing as visit does, sliced or not', () => {
    // [text, [message, start, covered text] of every syntax issue]
    const cases: [string, [string, number, string][]][] = [
      ['[1,2,]', [['Value expected', 5, ']']]],
      ['{"a":1,}', [['Property name expected', 7, '}'], ['Value expected', 7, '}']]],
      [
        '{"Statement":[{"Effect":"Allow",},],}',
        [
          ['Property name expected', 32, '}'],
          ['Value expected', 32, '}'],
          ['Value expected', 34, ']'],
          ['Property name expected', 36, '}'],
          ['Value expected', 36, '}'],
        ],
      ],
      ['// lead\n{"a":/* mid */1}// end', []],
      ['{"a":1/* unclosed', [['Unexpected end of comment', 6, '/* unclosed'], ['Close brace expected', 17, '']]],
      ['{"a":"unclosed', [['Unexpected end of string', 5, '"unclosed'], ['Close brace expected', 14, '']]],
      ['{"a":[1,2', [['Close bracket expected', 9, ''], ['Close brace expected', 9, '']]],
      ['{"a":{"b":', [['Value expected', 10, ''], ['Close brace expected', 10, ''], ['Close brace expected', 10, '']]],
      ['{"a" 1}', [['Colon expected', 5, '1']]],
      ['{"a":}', [['Value expected', 5, '}']]],
      ['{,}', [['Value expected', 1, ','], ['Property name expected', 2, '}'], ['Value expected', 2, '}']]],
      ['[,]', [['Value expected', 1, ','], ['Value expected', 2, ']']]],
      ['@ # !', [['Invalid symbol', 0, '@'], ['Invalid symbol', 2, '#'], ['Invalid symbol', 4, '!'], ['Value expected', 5, '']]],
      ['{"a":1} tail', [['Invalid symbol', 8, 'tail']]],
      ['{"a":tru}', [['Invalid symbol', 5, 'tru'], ['Value expected', 8, '}']]],
      ['{"a":01}', [['Comma expected', 6, '1'], ['Property name expected', 6, '1'], ['Value expected', 7, '}']]],
      ['{"a":1.}', [['Unexpected end of number', 5, '1.']]],
      ['{"a":"\\u12"}', [['Invalid unicode', 5, '"\\u12"']]],
      ['{"a":"\\q"}', [['Invalid escape character', 5, '"\\q"']]],
      ['{"a":"x\u0001"}', [['Invalid character', 5, '"x\u0001"']]],
      ['{"a":1 "b":2}', [['Comma expected', 7, '"b"']]],
      ['[1 2]', [['Comma expected', 3, '2']]],
      ['{]', [['Property name expected', 1, ']'], ['Value expected', 2, ''], ['Close brace expected', 2, '']]],
      ['[}', [['Value expected', 1, '}'], ['Close bracket expected', 2, '']]],
      ['{"a":[}]}', [['Value expected', 6, '}']]],
      ['{"a":1,,"b":2}', [['Property name expected', 7, ','], ['Value expected', 7, ',']]],
      ['', [['Value expected', 0, '']]],
      [' \n ', [['Value expected', 3, '']]],
      ['{"a":1}}', [['End of file expected', 7, '}']]],
    ];
    for (const [text, expected] of cases) {
      const parsed = withInput(text, text, () => assertSameAsReference(text));
      assert.deepEqual(
        parsed.syntaxIssues.map((i) => [i.message, i.range.start, text.slice(i.range.start, i.range.end)]),
        expected,
        text,
      );
    }
    assert.deepEqual(parseJson('// lead\n{"a":/* mid */1}// end').comments, [
      { start: 0, end: 7 },
      { start: 13, end: 22 },
      { start: 24, end: 30 },
    ]);
  });

  it('pauses inside long runs of skipped tokens, comments and unknown symbols', () => {
    const runs = [
      // ColonExpected, then every `1` skipped up to the `}`.
      `{"a" ${'1 '.repeat(10_000)}}`,
      // Each `#` an invalid symbol, all read while looking for the next token.
      `[${'# '.repeat(10_000)}1]`,
      `[${'/*c*/'.repeat(10_000)}1]`,
      // An array left open inside an object: skipped to the `]`.
      `{"a":[1 ${'} '.repeat(10_000)}]}`,
    ];
    for (const text of runs) {
      withInput(text.slice(0, 40), text, () => assertSameAsReference(text));
      const parser = new TolerantParse(text, 1);
      let slices = 1;
      while (parser.run(-Infinity) === 'pending') slices++;
      assert.ok(slices > 10_000, `${slices} slices`);
    }
  });

  it('stops at the nesting limit at the same bracket on every path, sliced or not, to a million levels', () => {
    const settings = normalizeSettings({});
    for (const depth of [63, 64, 1000, 1_000_000]) {
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        for (const closed of [true, false]) {
          // Without the comment a closed document is strict JSON; with it, every path is the tolerant one.
          for (const prefix of ['', '/* c */']) {
            const text = `${prefix}{"Statement":${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}}`;
            const label = `${prefix}${depth} × ${open} ${closed ? 'closed' : 'unclosed'}`;
            const parsed = withInput(label, text.slice(0, 200), () => assertSameAsReference(text));
            // The policy object is level 1: the bracket of level MAX_DEPTH + 1 is the MAX_DEPTH-th repeated one.
            const at = prefix.length + '{"Statement":'.length + (MAX_DEPTH - 1) * open.length;
            assert.deepEqual(parsed.tooDeep, depth >= MAX_DEPTH ? { start: at, end: at + 1 } : undefined, label);
            if (depth >= MAX_DEPTH) {
              assert.equal(text[at], open[0]);
              const codes = service.doValidation(service.parse(text), settings, '/r/policy.json').map((d) => d.code);
              assert.deepEqual(codes, ['json-too-deep'], label);
            }
          }
        }
      }
    }
  });
});
