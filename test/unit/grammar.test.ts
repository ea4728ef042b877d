import { assertCodes, assertDiagnostics, policy } from './service';

const OK = '"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"';

describe('policy grammar', () => {
  it('reports parse errors as json-syntax with the parser message', () => {
    assertDiagnostics('{"Version":"2012-10-17","Statement":[{"Effect":"Allow" "Action":"ses:SendRawEmail","Resource":"*"}]}', [
      { code: 'json-syntax', text: '"Action"', severity: 'error', message: 'Comma expected' },
    ]);
  });

  it('requires a supported Version', () => {
    assertDiagnostics(`{"Version":"2012-10-18","Statement":[{${OK}}]}`, [{ code: 'invalid-version', text: '"2012-10-18"' }]);
    assertDiagnostics(`{"Version":"2008-10-17","Statement":[{${OK}}]}`, []);
    assertDiagnostics(`{"Statement":[{${OK}}]}`, [{ code: 'missing-version', text: '"Statement"', severity: 'warning' }]);
  });

  it('requires a Statement in a file named as a policy', () => {
    assertDiagnostics('{"Version":"2012-10-17"}', [{ code: 'missing-statement', text: '{' }]);
  });

  it('requires Effect, Action and Resource', () => {
    assertDiagnostics(policy('{"Action":"ses:SendRawEmail","Resource":"*"}'), [{ code: 'missing-effect', text: '{' }]);
    assertDiagnostics(policy('{"Effect":"Allow","Resource":"*"}'), [{ code: 'missing-action', text: '{' }]);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"ses:SendRawEmail"}'), [{ code: 'missing-resource', text: '{' }]);
  });

  it('does not require Resource in resource and trust policies (with a Principal)', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}'), []);
  });

  it('accepts only Allow and Deny, case-sensitively, and suggests the fix', () => {
    const [d] = assertDiagnostics(policy('{"Effect":"allow","Action":"ses:SendRawEmail","Resource":"*"}'), [
      { code: 'invalid-effect', text: '"allow"', severity: 'error' },
    ]);
    assertSuggestions(d?.data?.suggestions, ['Allow']);
    const [typo] = assertDiagnostics(policy('{"Effect":"Dney","Action":"ses:SendRawEmail","Resource":"*"}'), [
      { code: 'invalid-effect', text: '"Dney"' },
    ]);
    assertSuggestions(typo?.data?.suggestions, ['Deny']);
  });

  it('reports both forms of an element on the later key', () => {
    assertCodes(policy('{"Effect":"Deny","Action":"ses:SendRawEmail","NotAction":"ses:GetAccount","Resource":"*"}'), ['conflicting-elements'], [
      { code: 'conflicting-elements', text: '"NotAction"' },
    ]);
    assertCodes(policy('{"Effect":"Deny","Action":"ses:SendRawEmail","NotResource":"*","Resource":"*"}'), ['conflicting-elements'], [
      { code: 'conflicting-elements', text: '"Resource"' },
    ]);
  });

  it('reports unknown elements with a did-you-mean', () => {
    const [d] = assertDiagnostics(policy('{"Effect":"Allow","Actions":"ses:SendRawEmail","Action":"ses:SendRawEmail","Resource":"*"}'), [
      { code: 'unknown-element', text: '"Actions"', message: 'Did you mean "Action"?' },
    ]);
    assertSuggestions(d?.data?.suggestions, ['Action']);
    assertCodes(`{"Version":"2012-10-17","Effect":"Allow","Statement":[{${OK}}]}`, ['unknown-element'], [
      { code: 'unknown-element', text: '"Effect"', message: 'belongs inside a statement' },
    ]);
  });

  it('keeps duplicate keys and __proto__ visible', () => {
    assertDiagnostics(policy(`{${OK},"Effect":"Deny"}`), [{ code: 'duplicate-key', text: '"Effect"' }]);
    assertDiagnostics(policy(`{${OK},"__proto__":{}}`), [{ code: 'unknown-element', text: '"__proto__"' }]);
  });

  it('reports values of the wrong JSON type on the value', () => {
    assertDiagnostics('{"Version":2012,"Statement":[]}', [{ code: 'invalid-type', text: '2012' }]);
    assertDiagnostics('{"Version":"2012-10-17","Statement":"all"}', [{ code: 'invalid-type', text: '"all"' }]);
    assertDiagnostics('{"Version":"2012-10-17","Statement":[42]}', [{ code: 'invalid-type', text: '42' }]);
    assertDiagnostics(policy('{"Effect":"Allow","Action":["ses:SendRawEmail",7],"Resource":"*"}'), [{ code: 'invalid-type', text: '7' }]);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":{"a":1}}'), [{ code: 'invalid-type', text: '{"a":1}' }]);
    assertDiagnostics(policy('{"Effect":true,"Action":"ses:SendRawEmail","Resource":"*"}'), [{ code: 'invalid-type', text: 'true' }]);
    assertDiagnostics(policy(`{${OK},"Condition":[]}`), [{ code: 'invalid-type', text: '[]' }]);
    assertDiagnostics(policy(`{${OK},"Condition":{"Bool":{"aws:SecureTransport":[null]}}}`), [{ code: 'invalid-type', text: 'null' }]);
    assertDiagnostics('[1]', [{ code: 'invalid-type', text: '[1]' }]);
  });

  it('checks Sids: unique, and letters and digits only in identity policies', () => {
    assertDiagnostics(policy(`{"Sid":"Send",${OK}},{"Sid":"Send",${OK}}`), [{ code: 'duplicate-sid', text: '"Send"', severity: 'warning' }]);
    assertDiagnostics(policy(`{"Sid":"Send mail",${OK}}`), [{ code: 'invalid-sid', text: '"Send mail"' }]);
    assertDiagnostics(policy('{"Sid":"Allow public read","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}'), []);
  });

  it('accepts a single statement object', () => {
    assertDiagnostics(`{"Version":"2012-10-17","Statement":{${OK}}}`, []);
  });

  it('stops at a nesting depth no policy reaches, with one diagnostic', () => {
    const deep = `{"Statement":${'['.repeat(100_000)}`;
    assertDiagnostics(deep, [{ code: 'json-too-deep', text: '[' }]);
  });
});

function assertSuggestions(actual: readonly string[] | undefined, expected: string[]): void {
  if (JSON.stringify(actual?.slice(0, expected.length)) !== JSON.stringify(expected)) {
    throw new Error(`suggestions ${JSON.stringify(actual)} do not start with ${JSON.stringify(expected)}`);
  }
}
