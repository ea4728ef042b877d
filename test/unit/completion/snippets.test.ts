import * as assert from 'node:assert/strict';
import { assertDiagnostics, example, settingsWith } from '../service';
import { applyItem, assertCompletion, at, complete, labels } from './helpers';

const DEFAULTS = { defaultRegion: 'eu-west-2', defaultAccountId: '123456789012' };

function insert(textWithBar: string, label: string, settings = DEFAULTS): string {
  const item = complete(textWithBar, { settings }).find((i) => i.label === label);
  assert.ok(item, label);
  return applyItem(at(textWithBar).text, item);
}

describe('snippet completions', () => {
  it('offers whole policies in an empty document', () => {
    assert.deepEqual(labels(complete('  \n|')), [
      'WP Offload SES policy (basic)',
      'WP Offload SES policy (one identity and region)',
      'Empty IAM policy',
    ]);
    assert.deepEqual(complete('|', { snippetSupport: false }), []);
  });

  it('writes the vendor\'s basic WP Offload SES policy', () => {
    assert.deepEqual(JSON.parse(insert('|', 'WP Offload SES policy (basic)')), JSON.parse(example('wp-offload-ses-basic.json')));
  });

  it('writes the restricted policy from the settings, account-level actions apart, and it validates clean', () => {
    const policy = insert('|', 'WP Offload SES policy (one identity and region)');
    assert.deepEqual(JSON.parse(policy), JSON.parse(example('wp-offload-ses-restricted.json')));
    assertDiagnostics(policy, []);
  });

  it('leaves an account placeholder the diagnostics point at when no account is set', () => {
    const policy = insert('|', 'WP Offload SES policy (one identity and region)', { defaultRegion: '', defaultAccountId: '' });
    assertDiagnostics(policy, [
      { code: 'invalid-account-id', text: 'ACCOUNT_ID' },
      { code: 'invalid-account-id', text: 'ACCOUNT_ID' },
    ], settingsWith({}));
    const item = complete('|').find((i) => i.label.includes('one identity'))!;
    assert.ok(item.edit.newText.includes('${1|us-east-1,'), 'the region is a choice starting where the contributed snippet starts');
    const fromSettings = complete('|', { settings: DEFAULTS }).find((i) => i.label.includes('one identity'))!;
    assert.ok(fromSettings.edit.newText.includes('${1|eu-west-2,'), 'iamPolicy.defaultRegion comes first when set');
  });

  it('offers statements inside the Statement array', () => {
    const text = '{"Version":"2012-10-17","Statement":[\n  |\n]}';
    assert.deepEqual(labels(complete(text)), ['IAM statement', 'SES send statement', 'SES account-level statement']);
    assertCompletion(text, {
      label: 'SES account-level statement',
      resultText: text.replace(
        '|',
        '{\n\t"Sid": "AccountLevel",\n\t"Effect": "Allow",\n\t"Action": [\n\t\t"ses:GetAccount",\n\t\t"ses:ListEmailIdentities"\n\t],\n\t"Resource": "*"\n}',
      ),
    });
  });

  it('adds the comma between statements', () => {
    const after = insert('{"Statement":[{"Effect":"Allow","Action":"ses:GetAccount","Resource":"*"}|]}', 'SES send statement');
    assert.equal(JSON.parse(after).Statement[1].Resource, 'arn:aws:ses:eu-west-2:123456789012:identity/example.com');
    const before = insert('{"Statement":[|{"Effect":"Allow","Action":"ses:GetAccount","Resource":"*"}]}', 'IAM statement');
    assert.equal(JSON.parse(before).Statement.length, 2);
  });

  it('wraps the statement in an array after "Statement":', () => {
    const text = insert('{"Version":"2012-10-17","Statement": |}', 'SES send statement');
    assertDiagnostics(text, []);
  });
});
