import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { checkInvariants, examples, FUZZ_ITERATIONS, FUZZ_SEED, managedPolicies, mutate, Random, service, withInput } from './support';

/**
 * Seeded, repeatable fuzzing of the pure service: every truncation of the shipped examples, and
 * random edits of them and of AWS managed policies. The invariants are in support.ts.
 */
describe('robustness: the service on mutated policies', function () {
  this.timeout(300_000);

  it('keeps its invariants on every truncation of the examples and of three AWS managed policies', () => {
    const managed = managedPolicies(new Random(FUZZ_SEED + 3), 40)
      .filter(({ text }) => text.length < 3000)
      .slice(0, 3);
    assert.equal(managed.length, 3);
    for (const { name, text } of [...examples(), ...managed]) {
      for (let end = 0; end <= text.length; end++) {
        const cut = text.slice(0, end);
        // Completion and hover where the text ends, where an editor's cursor is while typing.
        withInput(`${name} cut at ${end}`, cut, () => checkInvariants(cut, [end, Math.floor(end / 2)], { fixAll: end % 97 === 0 }));
      }
    }
  });

  it('repairs a trailing comma after any last member or item, one at a time and all at once', () => {
    for (const { name, text } of [...examples(), ...managedPolicies(new Random(FUZZ_SEED + 2), 10)]) {
      const expected = service.fixAll(text, DEFAULT_SETTINGS).text;
      // Every closer that follows a value: the place a trailing comma can go.
      const closers = [...text.matchAll(/["\]}0-9el]\s*[\]}]/g)].map((m) => m.index! + m[0].length - 1);
      assert.ok(closers.length > 0, name);
      for (const at of closers) {
        const broken = `${text.slice(0, at)},${text.slice(at)}`;
        withInput(`${name} with a comma before offset ${at}`, broken, () => {
          assert.deepEqual(service.parse(broken).syntaxIssues.length > 0, true);
          assert.equal(service.fixAll(broken, DEFAULT_SETTINGS).text, expected);
        });
      }
      let all = text;
      for (const at of [...closers].reverse()) all = `${all.slice(0, at)},${all.slice(at)}`;
      assert.equal(service.fixAll(all, DEFAULT_SETTINGS).text, expected, `${name} with ${closers.length} trailing commas`);
    }
  });

  it(`keeps its invariants on ${FUZZ_ITERATIONS} seeded mutations (seed ${FUZZ_SEED})`, () => {
    const random = new Random(FUZZ_SEED + 1);
    const corpus = [...examples(), ...managedPolicies(random, 20)];
    const codes = new Set<string>();
    for (let i = 0; i < FUZZ_ITERATIONS; i++) {
      let text = random.pick(corpus).text;
      const edits = 1 + random.below(4);
      for (let e = 0; e < edits; e++) text = mutate(random, text);
      const offsets = [random.below(text.length + 1), random.below(text.length + 1), random.below(text.length + 1)];
      const diagnostics = withInput(`mutation ${i} (seed ${FUZZ_SEED + 1})`, text, () => checkInvariants(text, offsets, { fixAll: i % 25 === 0 }));
      for (const d of diagnostics) codes.add(d.code);
    }
    // The mutations reach deep enough to trip the syntax, grammar and IAM rules alike.
    // (and, with the profile selected for every file, the readiness check and its fix).
    for (const code of ['json-syntax', 'unknown-action', 'invalid-type', 'profile-permission-missing']) assert.ok(codes.has(code), `no mutation produced ${code}`);
  });
});
