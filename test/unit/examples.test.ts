import * as assert from 'node:assert/strict';
import { assertDiagnostics, example } from './service';

describe('the shipped WP Offload SES examples', () => {
  it('finds nothing in the vendor basic policy', () => {
    assertDiagnostics(example('wp-offload-ses-basic.json'), []);
  });

  it('finds nothing in the vendor restricted policy', () => {
    assertDiagnostics(example('wp-offload-ses-restricted.json'), []);
  });

  it('warns exactly on the two account-level actions of the merged policy', () => {
    const diagnostics = assertDiagnostics(example('wp-offload-ses-merged.json'), [
      { code: 'account-action-in-scoped-statement', text: '"ses:GetAccount"', severity: 'warning' },
      { code: 'account-action-in-scoped-statement', text: '"ses:ListEmailIdentities"', severity: 'warning' },
    ]);
    const [first] = diagnostics;
    assert.ok(first!.message.includes('arn:aws:ses:eu-west-2:123456789012:identity/example.com'), 'names the resource');
    assert.ok(first!.message.includes('"Resource": "*"'), 'says what to do');
    assert.deepEqual(first!.data, {
      statementIndex: 0,
      actions: ['ses:GetAccount'],
      resources: ['arn:aws:ses:eu-west-2:123456789012:identity/example.com'],
    });
  });

  it('flags every placeholder of the vendor template', () => {
    assertDiagnostics(example('wp-offload-ses-template.json'), [
      { code: 'arn-placeholder', text: 'YOUR_REGION_HERE', message: 'region' },
      { code: 'arn-placeholder', text: 'YOUR_ACCOUNT_NUMBER_HERE', message: 'account ID' },
      { code: 'arn-placeholder', text: 'YOUR_REGION_HERE' },
      { code: 'arn-placeholder', text: 'YOUR_ACCOUNT_NUMBER_HERE' },
    ]);
  });
});
