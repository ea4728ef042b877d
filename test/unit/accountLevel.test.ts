import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { assertCodes, assertDiagnostics, policy, service, settingsWith } from './service';

const IDENTITY = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';
const CODE = ['account-action-in-scoped-statement'];

describe('account-action-in-scoped-statement', () => {
  it('warns on an account-level action given as a single string', () => {
    assertDiagnostics(policy(`{"Effect":"Allow","Action":"ses:GetAccount","Resource":"${IDENTITY}"}`), [
      { code: 'account-action-in-scoped-statement', text: '"ses:GetAccount"' },
    ]);
  });

  it('is quiet when the Resource includes "*"', () => {
    assertDiagnostics(policy(`{"Effect":"Allow","Action":["ses:GetAccount","ses:SendRawEmail"],"Resource":["${IDENTITY}","*"]}`), []);
  });

  it('warns for Deny too, saying it denies nothing', () => {
    assertCodes(policy(`{"Effect":"Deny","Action":"ses:ListEmailIdentities","Resource":"${IDENTITY}"}`), CODE, [
      { code: 'account-action-in-scoped-statement', text: '"ses:ListEmailIdentities"', message: 'denies nothing' },
    ]);
  });

  it('counts scoped wildcards that still name a resource (arn:aws:ses:*:*:*)', () => {
    assertCodes(policy('{"Effect":"Allow","Action":"ses:GetAccount","Resource":"arn:aws:ses:*:*:*"}'), CODE, [
      { code: 'account-action-in-scoped-statement', text: '"ses:GetAccount"' },
    ]);
  });

  it('reports a wildcard action that matches account-level actions, naming them', () => {
    const [d] = assertCodes(policy(`{"Effect":"Allow","Action":"ses:GetAcc*","Resource":"${IDENTITY}"}`), CODE, [
      { code: 'account-action-in-scoped-statement', text: '"ses:GetAcc*"', message: '"ses:GetAccount"' },
    ]);
    assert.deepEqual(d!.data?.actions, ['ses:GetAccount', 'ses:GetAccountSendingEnabled']);
  });

  it('matches actions case-insensitively, as IAM does', () => {
    assertCodes(policy(`{"Effect":"Allow","Action":"ses:getaccount","Resource":"${IDENTITY}"}`), CODE, [
      { code: 'account-action-in-scoped-statement', text: '"ses:getaccount"' },
    ]);
  });

  it('leaves NotResource statements and NotAction statements alone', () => {
    assertCodes(policy(`{"Effect":"Deny","Action":"ses:GetAccount","NotResource":"${IDENTITY}"}`), CODE, []);
    assertCodes(policy(`{"Effect":"Deny","NotAction":"ses:GetAccount","Resource":"${IDENTITY}"}`), CODE, []);
  });

  it('says nothing about "*" or service wildcards, which are not scoped to SES', () => {
    assertCodes(policy(`{"Effect":"Allow","Action":["*","s?s:Get*"],"Resource":"${IDENTITY}"}`), CODE, []);
  });

  it('is quiet for resource-level actions on their own resource', () => {
    assertDiagnostics(policy(`{"Effect":"Allow","Action":["ses:SendRawEmail","ses:CreateEmailIdentity"],"Resource":"${IDENTITY}"}`), []);
  });
});

describe('resource-mismatch', () => {
  it('warns on an SES action scoped to an S3 bucket', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:s3:::my-bucket"}'), [
      { code: 'resource-mismatch', text: '"ses:SendRawEmail"', message: 'arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}' },
    ]);
  });

  it('matches wildcards in ARNs generously', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:ses:*:*:identity/*"}'), []);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:*:*:*:*"}'), []);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-?/${aws:username}/*"}'), []);
  });

  it('accepts any of the action resource types (configuration-set for SendRawEmail)', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:ses:eu-west-2:123456789012:configuration-set/main"}'), []);
  });

  it('warns on a wildcard action only when none of its actions fits', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::bucket/*"}'), [
      { code: 'account-wildcard-in-scoped-statement', text: '"s3:Get*"' },
    ]);
    assertCodes(policy('{"Effect":"Allow","Action":"s3:GetObject*","Resource":"arn:aws:ses:eu-west-2:123456789012:identity/x"}'), ['resource-mismatch'], [
      { code: 'resource-mismatch', text: '"s3:GetObject*"', message: 'No action matched' },
    ]);
  });
});

describe('account-wildcard-in-scoped-statement', () => {
  const CODES = ['account-action-in-scoped-statement', 'account-wildcard-in-scoped-statement'];

  it('only notes the account-level part of a wildcard that also matches scoped actions, and offers no move', () => {
    const text = policy(`{"Effect":"Allow","Action":["ses:Get*","ses:SendRawEmail"],"Resource":"${IDENTITY}"}`);
    const [d] = assertCodes(text, CODES, [{ code: 'account-wildcard-in-scoped-statement', text: '"ses:Get*"', message: 'also matches' }]);
    assert.equal(d!.severity, 'information');
    assert.match(d!.message, /If any of them is needed, name them in a statement of their own with "Resource": "\*"\.$/);
    assert.deepEqual(service.getCodeActions(service.parse(text), [d!], DEFAULT_SETTINGS), []);
  });

  it('keeps the warning for a wildcard that matches account-level actions only', () => {
    assertCodes(policy(`{"Effect":"Allow","Action":"ses:GetAcc*","Resource":"${IDENTITY}"}`), CODES, [
      { code: 'account-action-in-scoped-statement', text: '"ses:GetAcc*"', message: 'matches only actions that support no resource-level permissions' },
    ]);
  });

  it('says "denies" in a Deny, and is quiet on "*"', () => {
    assertCodes(policy(`{"Effect":"Deny","Action":"ses:*","Resource":"${IDENTITY}"}`), CODES, [
      { code: 'account-wildcard-in-scoped-statement', text: '"ses:*"', message: 'AWS denies nothing for them' },
    ]);
    assertCodes(policy('{"Effect":"Allow","Action":"ses:*","Resource":"*"}'), CODES, []);
  });

  it('can be turned off alone, leaving the warning for named actions', () => {
    const text = policy(`{"Effect":"Allow","Action":["ses:Get*","ses:ListEmailIdentities"],"Resource":"${IDENTITY}"}`);
    assertDiagnostics(text, [{ code: 'account-action-in-scoped-statement', text: '"ses:ListEmailIdentities"' }], settingsWith({ rules: { 'account-wildcard-in-scoped-statement': 'off' } }));
  });
});
