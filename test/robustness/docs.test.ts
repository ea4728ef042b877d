import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { RULE_DOCS as rules, ruleExamples } from '../support/ruleDocs';
import { service } from './support';

/** The examples docs/rules.md gives for the limits and the character rule say what the service does. */
function examples(code: string): string[] {
  const found = ruleExamples(code);
  assert.ok(found.length > 0, `docs/rules.md has a section for ${code}`);
  return found;
}

const validate = (text: string) => service.doValidation(service.parse(text), DEFAULT_SETTINGS);

describe('robustness: the docs of the new rules', () => {
  it('invalid-character: the bad example gets it, the good one nothing', () => {
    const [bad, good] = examples('invalid-character');
    assert.deepEqual(
      validate(bad!).map((d) => [d.code, bad!.slice(d.range.start, d.range.end)]),
      [['invalid-character', '\u2013']],
    );
    assert.deepEqual(validate(good!), []);
  });

  it('too-many-problems: the bad example, written out, gets the message the docs quote; the good one nothing', () => {
    const [bad, good] = examples('too-many-problems');
    const actions = Array.from({ length: 1500 }, (_, i) => `"ses:Nope${i}"`).join(', ');
    const full = bad!.replace(/"Action": \[[^\]]*\]/, `"Action": [${actions}]`);
    const diagnostics = validate(full);
    assert.equal(diagnostics.length, 1001);
    const summary = diagnostics.at(-1)!;
    assert.equal(summary.code, 'too-many-problems');
    assert.equal(full.slice(summary.range.start, summary.range.end), '"ses:Nope1000"');
    const quoted = /on the 1,001st action: "([^"]+)"/.exec(rules)?.[1]?.replace(/\s+/g, ' ');
    assert.ok(quoted && summary.message.startsWith(quoted), `${summary.message} vs ${quoted}`);
    assert.deepEqual(validate(good!), []);
  });
});
