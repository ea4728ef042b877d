import * as assert from 'node:assert/strict';
import { assertFix, codeActions, crlf, lines, titles } from './helpers';

describe('quick fix: replace with a suggestion', () => {
  it('offers each did-you-mean for an unknown action, the closest preferred', () => {
    const text = lines('{', '  "Version": "2012-10-17",', '  "Statement": [{ "Effect": "Allow", "Action": "ses:SendRawEmal", "Resource": "*" }]', '}');
    const actions = codeActions(text).filter((a) => a.diagnostics[0]?.code === 'unknown-action');
    assert.ok(actions.length >= 1);
    assert.deepEqual(actions.map((a) => a.isPreferred === true), actions.map((_, i) => i === 0));
    assertFix(text, {
      title: 'Replace "ses:SendRawEmal" with "ses:SendRawEmail"',
      preferred: true,
      result: text.replace('ses:SendRawEmal', 'ses:SendRawEmail'),
    });
  });

  it('replaces an unknown service prefix, keeping the action name', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sesv:SendRawEmail","Resource":"*"}]}';
    assertFix(text, { title: 'Replace "sesv:SendRawEmail" with "ses:SendRawEmail"', result: text.replace('sesv:', 'ses:') });
  });

  it('renames an unknown element, but never onto a key the object already has', () => {
    const text = lines('{', '\t"Version": "2012-10-17",', '\t"Statement": [{', '\t\t"Effect": "Allow",', '\t\t"Actoin": "ses:SendRawEmail",', '\t\t"Resource": "*"', '\t}]', '}');
    assertFix(crlf(text), { title: 'Rename "Actoin" to "Action"', result: crlf(text.replace('"Actoin"', '"Action"')) });
    const both = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","action":"ses:GetAccount","Resource":"*"}]}';
    assert.deepEqual(titles(both, undefined, ['unknown-element']), []);
    const notForm = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"ses:SendRawEmail","Actio":"ses:GetAccount","Resource":"*"}]}';
    assert.deepEqual(titles(notForm, undefined, ['unknown-element']), []);
  });

  it('offers both Effects, the closer one preferred', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Dney","Action":"ses:SendRawEmail","Resource":"*"}]}';
    assert.deepEqual(titles(text), ['Replace "Dney" with "Deny"', 'Replace "Dney" with "Allow"']);
    assertFix(text, { title: 'Replace "Dney" with "Deny"', preferred: true, result: text.replace('Dney', 'Deny') });
  });

  it('writes an action with the casing AWS documents', () => {
    const text = lines('{', '  "Version": "2012-10-17",', '  "Statement": [{', '    "Effect": "Allow",', '    "Action": ["SES:sendrawemail", "ses:getacc*"],', '    "Resource": "*"', '  }]', '}');
    const once = assertFix(text, {
      title: 'Write "ses:SendRawEmail" as AWS documents it',
      result: text.replace('SES:sendrawemail', 'ses:SendRawEmail'),
    });
    assert.equal(once.isPreferred, true);
    assert.deepEqual(titles('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"SES:Get*","Resource":"*"}]}'), ['Write "ses:Get*" as AWS documents it']);
  });

  it('is not offered when the diagnostic has no suggestion', () => {
    assert.deepEqual(titles('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:Zzzzzzzzzzzz","Resource":"*"}]}'), []);
  });
});
