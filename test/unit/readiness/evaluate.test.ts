import * as assert from 'node:assert/strict';
import { compileStatements, evaluate, evaluateSome, type Decision, type ReasonKind } from '../../../server/src/service/readiness/evaluate';
import { ACCOUNT_RESOURCE, ANY, displayResource } from '../../../server/src/service/readiness/match';
import { service } from '../service';

/**
 * The evaluator against hand-checked cases. Each test names the IAM evaluation rule it exercises
 * (IAM User Guide, "Policy evaluation logic" and the Action/NotAction/Resource/NotResource/Condition
 * element references); `at` is the text the reason points at.
 */
const EXAMPLE = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';
const ANY_IDENTITY = `arn:aws:ses:${ANY}:${ANY}:identity/${ANY}`;

interface Outcome {
  readonly decision: Decision;
  readonly reason: ReasonKind;
  readonly sid?: string;
  readonly at?: string;
}

function decide(statements: string, action: string, resource = EXAMPLE, version = '"Version":"2012-10-17",'): Outcome {
  const text = `{${version}"Statement":[${statements}]}`;
  const { decision, reason } = evaluate(compileStatements(service.parse(text)), { action, resource });
  return {
    decision,
    reason: reason.kind,
    ...(reason.statement?.sid ? { sid: reason.statement.sid } : {}),
    ...(reason.range ? { at: text.slice(reason.range.start, reason.range.end) } : {}),
  };
}

const allow = (sid: string, action: string, resource: string, extra = '') =>
  `{"Sid":"${sid}","Effect":"Allow","Action":${JSON.stringify(action)},"Resource":${JSON.stringify(resource)}${extra}}`;
const deny = (sid: string, action: string, resource: string, extra = '') =>
  `{"Sid":"${sid}","Effect":"Deny","Action":${JSON.stringify(action)},"Resource":${JSON.stringify(resource)}${extra}}`;

describe('readiness: evaluating one identity policy', () => {
  describe('the decision order: explicit deny, then allow, else implicit deny', () => {
    it('allows what an Allow statement names on a matching resource', () => {
      assert.deepEqual(decide(allow('Send', 'ses:SendRawEmail', EXAMPLE), 'ses:SendRawEmail'), { decision: 'allowed', reason: 'allowed', sid: 'Send', at: '"ses:SendRawEmail"' });
    });

    it('an explicit Deny overrides any Allow, whatever the statement order', () => {
      const policy = [allow('All', 'ses:*', '*'), deny('NoSend', 'ses:SendRawEmail', EXAMPLE)].join(',');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail'), { decision: 'denied', reason: 'denied', sid: 'NoSend', at: '"ses:SendRawEmail"' });
    });

    it('denies implicitly what no statement mentions (the default deny)', () => {
      assert.deepEqual(decide(allow('Send', 'ses:SendRawEmail', '*'), 'ses:GetAccount', ACCOUNT_RESOURCE), { decision: 'implicit-deny', reason: 'not-mentioned', sid: 'Send', at: '"Action"' });
    });

    it('a Deny that does not match the request leaves the Allow in force', () => {
      const policy = [allow('All', 'ses:*', '*'), deny('NoDelete', 'ses:DeleteEmailIdentity', '*')].join(',');
      assert.equal(decide(policy, 'ses:SendRawEmail').decision, 'allowed');
    });

    it('a statement whose Effect is not exactly "Allow" grants nothing (Effect values are case-sensitive)', () => {
      assert.deepEqual(decide('{"Effect":"allow","Action":"ses:SendRawEmail","Resource":"*"}', 'ses:SendRawEmail'), { decision: 'implicit-deny', reason: 'invalid-effect', at: '"allow"' });
    });
  });

  describe('Action and NotAction', () => {
    it('action names match case-insensitively', () => {
      assert.equal(decide(allow('Send', 'SES:sendrawemail', EXAMPLE), 'ses:SendRawEmail').decision, 'allowed');
    });

    it('"ses:*" matches every SES action, "ses:Send*" only the ones starting so', () => {
      assert.equal(decide(allow('All', 'ses:*', '*'), 'ses:GetAccount', ACCOUNT_RESOURCE).decision, 'allowed');
      assert.equal(decide(allow('Send', 'ses:Send*', '*'), 'ses:SendRawEmail').decision, 'allowed');
      assert.equal(decide(allow('Send', 'ses:Send*', '*'), 'ses:GetAccount', ACCOUNT_RESOURCE).decision, 'implicit-deny');
    });

    it('"?" matches exactly one character: "ses:?etAccount" is ses:GetAccount', () => {
      assert.equal(decide(allow('Get', 'ses:?etAccount', '*'), 'ses:GetAccount', ACCOUNT_RESOURCE).decision, 'allowed');
      assert.equal(decide(allow('Get', 'ses:?Account', '*'), 'ses:GetAccount', ACCOUNT_RESOURCE).decision, 'implicit-deny');
    });

    it('a misspelt action matches nothing; the reason names the typo', () => {
      assert.deepEqual(decide(allow('Send', 'ses:SendRawEmial', EXAMPLE), 'ses:SendRawEmail'), { decision: 'implicit-deny', reason: 'misspelled', sid: 'Send', at: '"ses:SendRawEmial"' });
    });

    it('Allow with NotAction grants every action not listed, and not the listed ones', () => {
      const policy = '{"Sid":"NotDelete","Effect":"Allow","NotAction":"ses:Delete*","Resource":"*"}';
      assert.equal(decide(policy, 'ses:CreateEmailIdentity').decision, 'allowed');
      assert.deepEqual(decide(policy, 'ses:DeleteEmailIdentity'), { decision: 'implicit-deny', reason: 'excluded-by-not-action', sid: 'NotDelete', at: '"ses:Delete*"' });
    });

    it('Deny with NotAction denies everything but the listed actions', () => {
      const policy = [allow('All', 'ses:*', '*'), '{"Sid":"OnlySend","Effect":"Deny","NotAction":"ses:SendRawEmail","Resource":"*"}'].join(',');
      assert.equal(decide(policy, 'ses:SendRawEmail').decision, 'allowed');
      assert.deepEqual(decide(policy, 'ses:GetAccount', ACCOUNT_RESOURCE), { decision: 'denied', reason: 'denied', sid: 'OnlySend', at: '"NotAction"' });
    });
  });

  describe('Resource and NotResource', () => {
    it('ARNs match case-sensitively: identity/Example.com is another identity', () => {
      const policy = allow('Send', 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/Example.com');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail'), {
        decision: 'implicit-deny',
        reason: 'other-resource',
        sid: 'Send',
        at: '"arn:aws:ses:eu-west-2:123456789012:identity/Example.com"',
      });
    });

    it('a statement for another identity or Region grants nothing for this one', () => {
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/other.com'), 'ses:SendRawEmail').reason, 'other-resource');
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', 'arn:aws:ses:us-east-1:123456789012:identity/example.com'), 'ses:SendRawEmail').reason, 'other-resource');
    });

    it('"*" and "?" work inside an ARN segment; a "*" that ends a segment runs on across colons', () => {
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', 'arn:aws:ses:eu-west-?:123456789012:identity/*'), 'ses:SendRawEmail').decision, 'allowed');
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', 'arn:aws:ses:*'), 'ses:SendRawEmail').decision, 'allowed');
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', 'arn:aws:ses:e*2:123456789012:identity/example.com'), 'ses:SendRawEmail').decision, 'allowed');
    });

    it('a "*" followed by more characters stays inside its segment', () => {
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', 'arn:aws:ses*example.com'), 'ses:SendRawEmail').decision, 'implicit-deny');
    });

    it('Allow with NotResource applies to every resource not listed', () => {
      const policy = '{"Sid":"NotBlocked","Effect":"Allow","Action":"ses:SendRawEmail","NotResource":"arn:aws:ses:*:*:identity/blocked.com"}';
      assert.equal(decide(policy, 'ses:SendRawEmail').decision, 'allowed');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/blocked.com'), {
        decision: 'implicit-deny',
        reason: 'excluded-by-not-resource',
        sid: 'NotBlocked',
        at: '"arn:aws:ses:*:*:identity/blocked.com"',
      });
    });

    it('an action without resource-level permissions is matched only by "Resource": "*" (the merged-statement trap)', () => {
      const merged = allow('OffloadSes', 'ses:GetAccount', 'arn:aws:ses:eu-west-2:123456789012:identity/*');
      assert.deepEqual(decide(merged, 'ses:GetAccount', ACCOUNT_RESOURCE), { decision: 'implicit-deny', reason: 'account-level-in-scoped', sid: 'OffloadSes', at: '"ses:GetAccount"' });
      assert.equal(decide(allow('Any', 'ses:GetAccount', 'arn:aws:ses:*:*:*'), 'ses:GetAccount', ACCOUNT_RESOURCE).decision, 'implicit-deny');
      assert.equal(decide(allow('Star', 'ses:GetAccount', '*'), 'ses:GetAccount', ACCOUNT_RESOURCE).decision, 'allowed');
    });

    it('a Deny scoped to an ARN does not deny an account-level action', () => {
      const policy = [allow('Star', 'ses:*', '*'), deny('NoExample', 'ses:*', EXAMPLE)].join(',');
      assert.equal(decide(policy, 'ses:GetAccount', ACCOUNT_RESOURCE).decision, 'allowed');
      assert.equal(decide(policy, 'ses:SendRawEmail').decision, 'denied');
    });
  });

  describe('what cannot be known offline is conditional, never a silent yes', () => {
    it('an Allow with a Condition allows only if the condition holds', () => {
      const policy = allow('Send', 'ses:SendRawEmail', EXAMPLE, ',"Condition":{"StringEquals":{"ses:FromAddress":"wp@example.com"}}');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail'), { decision: 'conditional', reason: 'allowed-if-condition', sid: 'Send', at: '"ses:SendRawEmail"' });
    });

    it('an empty Condition block restricts nothing', () => {
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', EXAMPLE, ',"Condition":{}'), 'ses:SendRawEmail').decision, 'allowed');
    });

    it('a Deny with a Condition makes an allowed request conditional', () => {
      const policy = [allow('Send', 'ses:SendRawEmail', '*'), deny('NotFromHere', 'ses:*', '*', ',"Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}')].join(',');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail'), { decision: 'conditional', reason: 'allowed-unless-deny-condition', sid: 'NotFromHere', at: '"ses:*"' });
    });

    it('a policy variable in Resource makes the answer depend on the request context', () => {
      const policy = allow('Own', 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/${aws:username}');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail'), { decision: 'conditional', reason: 'allowed-if-variable', sid: 'Own', at: '"ses:SendRawEmail"' });
    });

    it('without Version 2012-10-17 a ${...} is literal text, so it matches nothing here', () => {
      const policy = allow('Own', 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/${aws:username}');
      assert.equal(decide(policy, 'ses:SendRawEmail', EXAMPLE, '').decision, 'implicit-deny');
    });
  });

  describe('requests for "any identity" (unknown parts of the ARN)', () => {
    it('are granted by a wildcard that covers every identity', () => {
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', 'arn:aws:ses:*:*:identity/*'), 'ses:SendRawEmail', ANY_IDENTITY).decision, 'allowed');
      assert.equal(decide(allow('Send', 'ses:SendRawEmail', '*'), 'ses:SendRawEmail', ANY_IDENTITY).decision, 'allowed');
    });

    it('are granted only partly by a statement for one identity', () => {
      assert.deepEqual(decide(allow('Send', 'ses:SendRawEmail', EXAMPLE), 'ses:SendRawEmail', ANY_IDENTITY), {
        decision: 'implicit-deny',
        reason: 'granted-only-for',
        sid: 'Send',
        at: `"${EXAMPLE}"`,
      });
    });

    it('are conditional when a Deny covers some identities', () => {
      const policy = [allow('Send', 'ses:SendRawEmail', '*'), deny('NoSpam', 'ses:SendRawEmail', 'arn:aws:ses:*:*:identity/spam.com')].join(',');
      assert.equal(decide(policy, 'ses:SendRawEmail', ANY_IDENTITY).reason, 'allowed-except-denied-part');
      assert.equal(decide(policy, 'ses:SendRawEmail').decision, 'allowed');
    });
  });

  describe('NotResource and policy variables in a Deny', () => {
    it('an Allow with NotResource grants an account-level action: its "*" request is not among the listed ARNs', () => {
      // IAM: NotResource matches every resource except the listed ones, and the request of an action
      // without resource-level permissions is on "*", which no identity ARN matches.
      const policy = '{"Sid":"NotBlocked","Effect":"Allow","Action":"ses:*","NotResource":"arn:aws:ses:*:*:identity/blocked.com"}';
      assert.deepEqual(decide(policy, 'ses:GetAccount', ACCOUNT_RESOURCE), { decision: 'allowed', reason: 'allowed', sid: 'NotBlocked', at: '"ses:*"' });
    });

    it('an Allow with "NotResource": "*" applies to no request, account-level ones included', () => {
      const policy = '{"Sid":"Nothing","Effect":"Allow","Action":"ses:*","NotResource":"*"}';
      assert.deepEqual(decide(policy, 'ses:GetAccount', ACCOUNT_RESOURCE), { decision: 'implicit-deny', reason: 'excluded-by-not-resource', sid: 'Nothing', at: '"*"' });
    });

    it('a Deny with NotResource denies every resource outside its list, and account-level actions with them', () => {
      // IAM: Deny + NotResource is the "everything but these" deny; "*" (the account-level request) is outside any ARN list.
      const policy = [allow('All', 'ses:*', '*'), '{"Sid":"OnlyExample","Effect":"Deny","Action":"ses:*","NotResource":"' + EXAMPLE + '"}'].join(',');
      assert.equal(decide(policy, 'ses:SendRawEmail').decision, 'allowed');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/other.com'), { decision: 'denied', reason: 'denied', sid: 'OnlyExample', at: '"ses:*"' });
      assert.deepEqual(decide(policy, 'ses:GetAccount', ACCOUNT_RESOURCE), { decision: 'denied', reason: 'denied', sid: 'OnlyExample', at: '"ses:*"' });
    });

    it('a Deny with NotResource that lists only some of the identities checked makes the grant conditional', () => {
      const policy = [allow('All', 'ses:*', '*'), '{"Sid":"OnlyExample","Effect":"Deny","Action":"ses:*","NotResource":"' + EXAMPLE + '"}'].join(',');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail', ANY_IDENTITY), { decision: 'conditional', reason: 'allowed-except-denied-part', sid: 'OnlyExample', at: '"ses:*"' });
    });

    it('a Deny whose Resource holds a policy variable may deny, depending on the request context', () => {
      // IAM: with Version 2012-10-17, ${aws:username} is replaced by the caller's value before matching; offline it is unknown.
      const policy = [allow('All', 'ses:*', '*'), deny('NotOwn', 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/${aws:username}')].join(',');
      assert.deepEqual(decide(policy, 'ses:SendRawEmail'), { decision: 'conditional', reason: 'allowed-unless-deny-variable', sid: 'NotOwn', at: '"ses:SendRawEmail"' });
      // The variable sits in the identity part, so an account-level request on "*" is out of its reach.
      assert.equal(decide(policy, 'ses:GetAccount', ACCOUNT_RESOURCE).decision, 'allowed');
      // Without Version 2012-10-17 the ${...} is literal text, which example.com does not match.
      assert.equal(decide(policy, 'ses:SendRawEmail', EXAMPLE, '').decision, 'allowed');
    });
  });

  describe('statements IAM rejects', () => {
    it('a statement with both Action and NotAction makes the policy grant nothing, other statements included', () => {
      // IAM: Action and NotAction are mutually exclusive; a policy with both is a MalformedPolicyDocument and cannot be attached.
      const both = '{"Sid":"Both","Effect":"Allow","Action":"ses:*","NotAction":"ses:Delete*","Resource":"*"}';
      assert.deepEqual(decide(both, 'ses:SendRawEmail'), { decision: 'implicit-deny', reason: 'invalid-statement', sid: 'Both', at: '"NotAction"' });
      assert.deepEqual(decide([allow('All', 'ses:*', '*'), both].join(','), 'ses:GetAccount', ACCOUNT_RESOURCE), { decision: 'implicit-deny', reason: 'invalid-statement', sid: 'Both', at: '"NotAction"' });
    });

    it('so does a statement with both Resource and NotResource', () => {
      const both = '{"Sid":"Both","Effect":"Deny","Action":"ses:DeleteEmailIdentity","Resource":"*","NotResource":"' + EXAMPLE + '"}';
      assert.deepEqual(decide([allow('All', 'ses:*', '*'), both].join(','), 'ses:SendRawEmail'), { decision: 'implicit-deny', reason: 'invalid-statement', sid: 'Both', at: '"NotResource"' });
    });
  });

  describe('requests on some resource of the action\'s types (a profile action without resources)', () => {
    const OBJECTS = [`arn:${ANY}:s3:${ANY}:${ANY}:accesspoint/${ANY}/object/${ANY}`, `arn:${ANY}:s3:::${ANY}/${ANY}`];
    function some(statements: string, action = 's3:GetObject') {
      const text = `{"Version":"2012-10-17","Statement":[${statements}]}`;
      const { evaluation, resource } = evaluateSome(compileStatements(service.parse(text)), action, OBJECTS);
      return { decision: evaluation.decision, reason: evaluation.reason.kind, resource: displayResource(resource) };
    }

    it('are granted by an Allow on one resource of those types', () => {
      assert.deepEqual(some(allow('Read', 's3:GetObject', 'arn:aws:s3:::bucket/*')), { decision: 'allowed', reason: 'allowed', resource: 'arn:aws:s3:::bucket/*' });
    });

    it('are not granted by an Allow on a resource of another type (a bucket is not an object)', () => {
      assert.deepEqual(some(allow('Read', 's3:GetObject', 'arn:aws:s3:::bucket')), { decision: 'implicit-deny', reason: 'other-resource', resource: 'arn:*:s3:*:*:accesspoint/*/object/*' });
    });

    it('are denied when a Deny covers the only resource granted', () => {
      const policy = [allow('Read', 's3:GetObject', 'arn:aws:s3:::bucket/*'), deny('NoBucket', 's3:*', 'arn:aws:s3:::bucket/*')].join(',');
      assert.deepEqual(some(policy), { decision: 'denied', reason: 'denied', resource: 'arn:aws:s3:::bucket/*' });
    });

    it('stay conditional when a Deny covers part of the granted resource (erring towards "not granted")', () => {
      const policy = [allow('Read', 's3:GetObject', 'arn:aws:s3:::bucket/*'), deny('NoSecret', 's3:*', 'arn:aws:s3:::bucket/secret/*')].join(',');
      assert.deepEqual(some(policy), { decision: 'conditional', reason: 'allowed-except-denied-part', resource: 'arn:aws:s3:::bucket/*' });
    });
  });

  it('ignores Principal, which belongs to resource-based policies', () => {
    assert.equal(decide(allow('Send', 'ses:SendRawEmail', '*', ',"Principal":{"AWS":"arn:aws:iam::111122223333:root"}'), 'ses:SendRawEmail').decision, 'allowed');
  });
});
