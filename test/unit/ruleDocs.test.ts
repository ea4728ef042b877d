import * as assert from 'node:assert/strict';
import { RULES, type RuleCode } from '../../server/src/service/rules';
import { RULE_DOCS, ruleExamples } from '../support/ruleDocs';
import { service, settingsWith } from './service';

/**
 * docs/rules.md promises that every bad example gets its rule's code and every good one no
 * diagnostic at all; this holds it to that, for every rule, so the docs cannot drift from the code.
 */
const CODES = Object.keys(RULES) as RuleCode[];
/** The readiness rules report only for files their profile selects. */
const PROFILE_SETTINGS = settingsWith({ profiles: { 'wp-offload-ses': { files: ['**'] } } });
/** Shown abbreviated in the docs; test/robustness/docs.test.ts writes it out. */
const ABBREVIATED = new Set<RuleCode>(['too-many-problems']);

function codesOf(code: RuleCode, text: string): string[] {
  const settings = code.startsWith('profile-') ? PROFILE_SETTINGS : settingsWith({});
  return service.doValidation(service.parse(text), settings, '/w/policy.json').map((d) => d.code);
}

describe('docs/rules.md', () => {
  it('lists every rule in its table with the severity the rule has', () => {
    for (const code of CODES) {
      const row = RULE_DOCS.split('\n').find((line) => line.startsWith(`| [\`${code}\`](#${code}) |`));
      assert.ok(row, `a table row for ${code}`);
      assert.equal(row.split('|')[2]!.trim(), RULES[code].severity, `${code}'s severity in the table`);
    }
  });

  for (const code of CODES) {
    it(`${code}: the bad example gets it, the good one nothing`, () => {
      const [bad, good] = ruleExamples(code);
      assert.ok(bad !== undefined && good !== undefined, `a bad and a good example for ${code}`);
      if (!ABBREVIATED.has(code)) assert.ok(codesOf(code, bad).includes(code), `bad example of ${code} gets ${JSON.stringify(codesOf(code, bad))}`);
      assert.deepEqual(codesOf(code, good), [], `good example of ${code}`);
    });
  }
});
