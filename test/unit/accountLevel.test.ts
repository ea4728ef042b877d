import * as assert from 'node:assert/strict';
import { assertCodes, assertDiagnostics, policy } from './service';

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
      { code: 'account-action-in-scoped-statement', text: '"s3:Get*"' },
    ]);
    assertCodes(policy('{"Effect":"Allow","Action":"s3:GetObject*","Resource":"arn:aws:ses:eu-west-2:123456789012:identity/x"}'), ['resource-mismatch'], [
      { code: 'resource-mismatch', text: '"s3:GetObject*"', message: 'No action matched' },
    ]);
  });
});
