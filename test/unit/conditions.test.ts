import { assertDiagnostics, policy } from './service';

const SEND = '"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"';
const withCondition = (condition: string) => policy(`{${SEND},"Condition":${condition}}`);

describe('conditions', () => {
  it('accepts operators with IfExists and set qualifiers', () => {
    assertDiagnostics(withCondition('{"StringLikeIfExists":{"ses:FromAddress":"*@example.com"}}'), []);
    assertDiagnostics(withCondition('{"ForAllValues:StringLike":{"ses:Recipients":["*@example.com"]}}'), []);
    assertDiagnostics(withCondition('{"Null":{"aws:TagKeys":"true"}}'), []);
  });

  it('reports an unknown operator with a did-you-mean', () => {
    assertDiagnostics(withCondition('{"StringEqual":{"ses:FromAddress":"a@example.com"}}'), [
      { code: 'unknown-condition-operator', text: '"StringEqual"', severity: 'error', message: 'Did you mean "StringEquals"?' },
    ]);
    assertDiagnostics(withCondition('{"stringequals":{"ses:FromAddress":"a@example.com"}}'), [
      { code: 'unknown-condition-operator', text: '"stringequals"' },
    ]);
    assertDiagnostics(withCondition('{"NullIfExists":{"aws:TagKeys":"true"}}'), [{ code: 'unknown-condition-operator', text: '"NullIfExists"' }]);
  });

  it('knows global keys, including tag keys with a variable part', () => {
    assertDiagnostics(withCondition('{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}'), []);
    assertDiagnostics(withCondition('{"StringEquals":{"aws:PrincipalTag/team":"mail"}}'), []);
    assertDiagnostics(withCondition('{"StringEquals":{"aws:SourceIpp":"x"}}'), [
      { code: 'unknown-condition-key', text: '"aws:SourceIpp"', message: 'Did you mean "aws:SourceIp"?' },
    ]);
  });

  it('reports unknown service keys and unknown prefixes', () => {
    assertDiagnostics(withCondition('{"StringEquals":{"ses:FromAdress":"a@example.com"}}'), [
      { code: 'unknown-condition-key', text: '"ses:FromAdress"', message: 'Did you mean "ses:FromAddress"?' },
    ]);
    assertDiagnostics(withCondition('{"StringEquals":{"nosuchservice:Key":"x"}}'), [{ code: 'unknown-condition-key', text: '"nosuchservice:Key"' }]);
    assertDiagnostics(withCondition('{"StringEquals":{"NoPrefix":"x"}}'), [{ code: 'unknown-condition-key', text: '"NoPrefix"' }]);
  });

  it('knows federation keys that sts defines under other prefixes', () => {
    assertDiagnostics(
      policy('{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"accounts.google.com:aud":"x"}}}'),
      [],
    );
  });

  it('notes a service key that none of the statement actions supports', () => {
    assertDiagnostics(policy('{"Effect":"Allow","Action":"ses:GetAccount","Resource":"*","Condition":{"StringEquals":{"ses:FromAddress":"a@example.com"}}}'), [
      { code: 'condition-key-not-applicable', text: '"ses:FromAddress"', severity: 'information' },
    ]);
    assertDiagnostics(policy('{"Effect":"Allow","Action":"ses:Send*","Resource":"*","Condition":{"StringEquals":{"ses:FromAddress":"a@example.com"}}}'), []);
  });
});

describe('conditions of identity providers', () => {
  it('accepts any claim under a federation prefix, such as GitHub OIDC', () => {
    assertDiagnostics(
      policy('{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/app:*"}}}'),
      [],
    );
  });
});
