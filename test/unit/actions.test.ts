import * as assert from 'node:assert/strict';
import { assertDiagnostics, policy } from './service';

const statement = (action: string) => policy(`{"Effect":"Allow","Action":${JSON.stringify(action)},"Resource":"*"}`);

describe('action names', () => {
  it('knows every SES action the WP Offload SES plugin needs', () => {
    for (const action of ['ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity', 'ses:SendRawEmail', 'ses:GetAccount', 'ses:ListEmailIdentities']) {
      assertDiagnostics(statement(action), []);
    }
  });

  it('reports an unknown action with a did-you-mean', () => {
    const [d] = assertDiagnostics(statement('ses:SendRawEmial'), [
      { code: 'unknown-action', text: '"ses:SendRawEmial"', severity: 'error', message: 'Did you mean "ses:SendRawEmail"?' },
    ]);
    assert.equal(d!.data?.suggestions?.[0], 'ses:SendRawEmail');
  });

  it('reports an unknown service with a did-you-mean', () => {
    const [d] = assertDiagnostics(statement('sess:SendRawEmail'), [
      { code: 'unknown-service', text: '"sess:SendRawEmail"', message: 'Did you mean "ses"?' },
    ]);
    assert.equal(d!.data?.suggestions?.[0], 'ses:SendRawEmail');
  });

  it('reports strings that are not service:Action', () => {
    assertDiagnostics(statement('SendRawEmail'), [{ code: 'unknown-action', text: '"SendRawEmail"', message: 'service:ActionName' }]);
    assertDiagnostics(statement('ses:'), [{ code: 'unknown-action', text: '"ses:"' }]);
  });

  it('reports a wildcard that matches nothing, and accepts one that does', () => {
    assertDiagnostics(statement('ses:Frobnicate*'), [{ code: 'unknown-action', text: '"ses:Frobnicate*"', message: 'matches no action' }]);
    assertDiagnostics(statement('ses:Send*'), []);
    assertDiagnostics(statement('ses:Send?awEmail'), []);
    assertDiagnostics(statement('ses:*'), []);
    assertDiagnostics(statement('*'), []);
    assertDiagnostics(statement('s?s:SendRawEmail'), []);
    assertDiagnostics(statement('zz*:Get*'), [{ code: 'unknown-service', text: '"zz*:Get*"' }]);
  });

  it('treats regex characters in patterns literally', () => {
    assertDiagnostics(statement('ses:Send.*'), [{ code: 'unknown-action', text: '"ses:Send.*"' }]);
    assertDiagnostics(statement('ses:(Send)'), [{ code: 'unknown-action', text: '"ses:(Send)"' }]);
  });

  it('hints at canonical casing without calling it wrong', () => {
    const [d] = assertDiagnostics(statement('SES:sendrawemail'), [{ code: 'action-case', text: '"SES:sendrawemail"', severity: 'hint' }]);
    assert.deepEqual(d!.data?.suggestions, ['ses:SendRawEmail']);
  });

  it('checks NotAction strings the same way', () => {
    assertDiagnostics(policy('{"Effect":"Deny","NotAction":"ses:SendRawEmial","Resource":"*"}'), [
      { code: 'unknown-action', text: '"ses:SendRawEmial"' },
    ]);
  });

  it('reports an action listed twice in one element, case-insensitively', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Action":["ses:SendRawEmail","ses:SendRawEmail"],"Resource":"*"}'), [
      { code: 'duplicate-action', text: '"ses:SendRawEmail"' },
    ]);
  });
});

describe('security', () => {
  it('warns on Allow with NotAction or NotResource, not on Deny', () => {
    assertDiagnostics(policy('{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}'), [{ code: 'allow-with-not-action', text: '"NotAction"' }]);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}'), [
      { code: 'allow-with-not-resource', text: '"NotResource"' },
    ]);
    assertDiagnostics(policy('{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}'), []);
  });

  it('warns on iam:PassRole allowed on "*", also through a wildcard', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}'), [{ code: 'passrole-wildcard-resource', text: '"iam:PassRole"' }]);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"iam:Pass*","Resource":"*"}'), [{ code: 'passrole-wildcard-resource', text: '"iam:Pass*"' }]);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app"}'), []);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}'), []);
  });
});
