import * as assert from 'node:assert/strict';
import { MAX_DEPTH } from '../../server/src/policy/parseJson';
import { parseStrictJson } from '../../server/src/policy/strictJson';
import { assertSameAsReference } from './parserReference';
import { examples, FUZZ_ITERATIONS, FUZZ_SEED, managedPolicies, mutate, Random, withInput } from './support';

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
});
