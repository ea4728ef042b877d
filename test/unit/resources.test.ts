import * as assert from 'node:assert/strict';
import { assertDiagnostics, policy } from './service';

const withResource = (resource: string) => policy(`{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":${JSON.stringify(resource)}}`);

describe('ARNs', () => {
  it('rejects resources that are neither "*" nor ARNs', () => {
    assertDiagnostics(withResource('example.com'), [{ code: 'invalid-arn', text: '"example.com"', severity: 'error' }]);
    assertDiagnostics(withResource('arn:aws:ses:eu-west-2'), [{ code: 'invalid-arn', text: '"arn:aws:ses:eu-west-2"' }]);
    assertDiagnostics(withResource('arn::ses:eu-west-2:123456789012:identity/x'), [{ code: 'invalid-arn', text: '"arn::ses:eu-west-2:123456789012:identity/x"' }]);
  });

  it('points at each template placeholder', () => {
    assertDiagnostics(withResource('arn:aws:ses:${Region}:<account-id>:identity/example.com'), [
      { code: 'arn-placeholder', text: '${Region}', message: 'region' },
      { code: 'arn-placeholder', text: '<account-id>', message: 'account ID' },
    ]);
  });

  it('does not mistake IAM policy variables for placeholders', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${aws:username}/*"}'), []);
    assertDiagnostics(withResource('arn:aws:ses:eu-west-2:${aws:PrincipalAccount}:identity/example.com'), []);
  });

  it('reports an unknown region on the region, with a did-you-mean', () => {
    const [d] = assertDiagnostics(withResource('arn:aws:ses:eu-west-9:123456789012:identity/example.com'), [
      { code: 'unknown-region', text: 'eu-west-9', severity: 'warning' },
    ]);
    assert.ok(d!.data?.suggestions?.includes('eu-west-2'));
    assertDiagnostics(withResource('arn:aws:ses:eu-*:123456789012:identity/example.com'), []);
    assertDiagnostics(withResource('arn:aws-cn:ses:cn-north-1:123456789012:identity/example.com'), []);
  });

  it('reports an account that is not 12 digits, a wildcard or a variable', () => {
    assertDiagnostics(withResource('arn:aws:ses:eu-west-2:12345:identity/example.com'), [{ code: 'invalid-account-id', text: '12345' }]);
    assertDiagnostics(withResource('arn:aws:ses:eu-west-2:*:identity/example.com'), []);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"iam:GetPolicy","Resource":"arn:aws:iam::aws:policy/ReadOnlyAccess"}'), []);
  });

  it('falls back to the whole string when escapes make offsets differ', () => {
    assertDiagnostics(withResource('arn:aws:ses:eu-west-9:123456789012:identity/\u00e9'.replace('\u00e9', 'x')), [
      { code: 'unknown-region', text: 'eu-west-9' },
    ]);
    const escaped = policy('{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:ses:eu-west-9:123456789012:identity/\\u0078"}');
    assertDiagnostics(escaped, [{ code: 'unknown-region', text: '"arn:aws:ses:eu-west-9:123456789012:identity/\\u0078"' }]);
  });
});
