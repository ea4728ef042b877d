import * as assert from 'node:assert/strict';
import { fixAll } from '../../../server/src/service/codeActions';
import { DEFAULT_SETTINGS } from '../../../server/src/service/settings';
import { assertDiagnostics, example, service, settingsWith, validate } from '../service';
import { assertFix, crlf, lines, titles } from './helpers';

const ARN = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';

describe('quick fix: Version', () => {
  it('adds "Version" as the first member, on its own line like the member after it', () => {
    const text = lines('{', '  // SES sender', '  "Statement": [{ "Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*" }]', '}');
    assertFix(crlf(text), {
      title: 'Add "Version": "2012-10-17"',
      preferred: true,
      result: crlf(lines('{', '  // SES sender', '  "Version": "2012-10-17",', '  "Statement": [{ "Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*" }]', '}')),
    });
  });

  it('adds "Version" to a compact policy compactly', () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"}]}';
    assertFix(text, { code: 'missing-version', result: `{"Version":"2012-10-17",${text.slice(1)}` });
  });

  it('leaves a "version" in the wrong case to the rename fix', () => {
    const text = '{"version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"}]}';
    assert.deepEqual(titles(text), ['Rename "version" to "Version"']);
  });

  it('never inserts inside a block comment that spans the lines before the first member', () => {
    const text = lines('{', '  /* a policy', '     for SES */ "Statement": [{ "Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*" }]', '}');
    assertFix(text, { code: 'missing-version', result: text.replace('*/ "Statement"', '*/ "Version": "2012-10-17", "Statement"') });
  });

  it('replaces an invalid Version', () => {
    const text = lines('{', '    "Version": "2012-10-18",', '    "Statement": []', '}');
    assertFix(text, { title: 'Set "Version" to "2012-10-17"', result: text.replace('2012-10-18', '2012-10-17') });
  });

  it('replaces a Version that is not a string (an invalid-type error), also in fix-all', () => {
    const text = lines('{', '  "Version": 2012,', '  "Statement": [{ "Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*" }]', '}');
    assertDiagnostics(text, [{ code: 'invalid-type', text: '2012' }]);
    const result = text.replace('2012,', '"2012-10-17",');
    const action = assertFix(text, { title: 'Set "Version" to "2012-10-17"', preferred: true, result });
    assert.deepEqual(action.diagnostics.map((d) => d.code), ['invalid-type']);
    assert.deepEqual(fixAll(text, service, DEFAULT_SETTINGS), { text: result, fixed: [{ code: 'invalid-type', title: 'Set "Version" to "2012-10-17"' }] });
    const array = text.replace('2012', '["2012-10-17"]');
    assertFix(array, { code: 'invalid-type', result });
  });

  it('offers no Version fix for a type error elsewhere', () => {
    const text = '{"Version":"2012-10-17","Id":7,"Statement":[{"Sid":5,"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"}]}';
    assert.deepEqual(validate(text).map((d) => d.code), ['invalid-type', 'invalid-type']);
    assert.deepEqual(titles(text), []);
  });
});

describe('quick fix: duplicates', () => {
  it('makes a Sid unique with the next free number', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Sid": "Send", "Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*" },',
      '    { "Sid": "Send2", "Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*" },',
      '    { "Sid": "Send", "Effect": "Allow", "Action": "ses:SendBounce", "Resource": "*" }',
      '  ]',
      '}',
    );
    assertFix(text, { title: 'Rename the Sid to "Send3"', result: text.replace('"Sid": "Send", "Effect": "Allow", "Action": "ses:SendBounce"', '"Sid": "Send3", "Effect": "Allow", "Action": "ses:SendBounce"') });
  });

  const ACTIONS = ['"ses:SendRawEmail"', '"ses:GetAccount"', '"ses:SendRawEmail"'];
  const multiline = (items: string[]) => lines('{', '  "Version": "2012-10-17",', '  "Statement": [{', '    "Effect": "Allow",', '    "Action": [', ...items.map((item, i) => `      ${item}${i < items.length - 1 ? ',' : ''}`), '    ],', '    "Resource": "*"', '  }]', '}');

  it('removes a duplicate last item with the comma before it', () => {
    assertFix(multiline(ACTIONS), { title: 'Remove the duplicate "ses:SendRawEmail"', result: multiline(ACTIONS.slice(0, 2)) });
  });

  it('removes a duplicate middle item with the comma after it', () => {
    const items = ['"ses:GetAccount"', '"ses:getaccount"', '"ses:SendRawEmail"'];
    assertFix(multiline(items), { code: 'duplicate-action', result: multiline(['"ses:GetAccount"', '"ses:SendRawEmail"']) });
  });

  it('removes a duplicate from an inline array with a trailing comment', () => {
    const text = lines('{"Version": "2012-10-17", "Statement": [{"Effect": "Deny",', ' "NotAction": ["ses:SendRawEmail", "ses:SendRawEmail" /* again */ ], "Resource": "*"}]}');
    assertFix(text, { code: 'duplicate-action', result: text.replace(', "ses:SendRawEmail" /* again */', ' /* again */') });
  });
});

describe('quick fix: ARN placeholders', () => {
  const template = example('wp-offload-ses-template.json');

  it('fills region and account from the settings', () => {
    const settings = settingsWith({ defaultRegion: 'eu-west-2', defaultAccountId: '123456789012' });
    assertFix(template, { title: 'Use the default region "eu-west-2"', settings, result: template.replace('YOUR_REGION_HERE', 'eu-west-2') });
    assertFix(template, { title: 'Use the default account ID "123456789012"', settings, result: template.replace('YOUR_ACCOUNT_NUMBER_HERE', '123456789012') });
  });

  it('offers nothing without settings, or for a setting that is not a region or account', () => {
    assert.deepEqual(titles(template), []);
    assert.deepEqual(titles(template, settingsWith({ defaultRegion: 'eu"west', defaultAccountId: '1234' })), []);
  });

  it('rewrites the whole string when the ARN holds escapes', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:ses:${Region}:123456789012:identity\\/x"}]}';
    assertFix(text, {
      title: 'Use the default region "eu-west-2"',
      settings: settingsWith({ defaultRegion: 'eu-west-2' }),
      result: text.replace('${Region}:123456789012:identity\\/x', 'eu-west-2:123456789012:identity/x'),
    });
  });
});

describe('quick fix: resource mismatch', () => {
  const title = 'Add the identity ARN "arn:aws:ses:${Region}:${Account}:identity/${IdentityName}" to Resource';

  it('adds the ARN template of the one required resource type, as an array laid out like the statement', () => {
    const text = lines('{', '  "Version": "2012-10-17",', '  "Statement": [{', '    "Effect": "Allow",', '    "Action": "ses:SendRawEmail",', '    "Resource": "arn:aws:s3:::my-bucket"', '  }]', '}');
    assertFix(text, {
      title,
      // It widens the grant: offered, never preferred, and fix-all leaves it alone.
      preferred: false,
      result: text.replace('"arn:aws:s3:::my-bucket"', '[\n      "arn:aws:s3:::my-bucket",\n      "arn:aws:ses:${Region}:${Account}:identity/${IdentityName}"\n    ]'),
    });
  });

  it('fills region and account from the settings and appends to an array', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ses:SendRawEmail"],"Resource":["arn:aws:s3:::b"]}]}';
    const settings = settingsWith({ defaultRegion: 'eu-west-2', defaultAccountId: '123456789012' });
    assert.deepEqual(fixAll(text, service, settings), { text, fixed: [] });
    assertFix(text, {
      code: 'resource-mismatch',
      preferred: false,
      settings,
      result: text.replace('"arn:aws:s3:::b"', `"arn:aws:s3:::b","arn:aws:ses:eu-west-2:123456789012:identity/\${IdentityName}"`),
    });
  });

  it('is not offered where the intent is unclear', () => {
    const twoActions = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ses:SendRawEmail","sqs:SendMessage"],"Resource":"arn:aws:s3:::b"}]}`;
    assert.deepEqual(titles(twoActions, undefined, ['resource-mismatch']), []);
    const twoTypes = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${ARN}"}]}`;
    assert.deepEqual(titles(twoTypes, undefined, ['resource-mismatch']), []);
  });
});
