import * as assert from 'node:assert/strict';
import {
  accountIdProblem,
  identityProblem,
  restrictedWpOffloadSesPolicy,
  type IdentityTarget,
} from '../../../server/src/service/templates/wpOffloadSes';
import { assertDiagnostics, example } from '../service';

const LONDON: IdentityTarget = { partition: 'aws', region: 'eu-west-2', accountId: '123456789012', identity: 'example.com' };

/** The text the "New WP Offload SES Policy" command writes (it indents with the editor's setting). */
function commandText(target: IdentityTarget, indent: string | number = 4): string {
  return `${JSON.stringify(restrictedWpOffloadSesPolicy(target), null, indent)}\n`;
}

describe('the WP Offload SES policy the command generates', () => {
  it('is the vendor restricted policy, statements kept apart', () => {
    const generated = JSON.parse(commandText(LONDON));
    const vendor = JSON.parse(example('wp-offload-ses-restricted.json'));
    const shape = (policy: { Statement: { Effect: string; Action: string | string[]; Resource: string }[] }) =>
      policy.Statement.map((s) => ({ effect: s.Effect, actions: [s.Action].flat().sort(), resource: s.Resource }));
    assert.deepEqual(shape(generated), shape(vendor));
  });

  it('gets no diagnostic from our own rules, in every partition and indentation', () => {
    assertDiagnostics(commandText(LONDON), []);
    assertDiagnostics(commandText({ ...LONDON, identity: 'wordpress@example.com' }, '\t'), []);
    assertDiagnostics(commandText({ partition: 'aws-cn', region: 'cn-north-1', accountId: '123456789012', identity: 'example.cn' }, 2), []);
  });

  it('uses the region partition in the identity ARN', () => {
    const text = commandText({ partition: 'aws-us-gov', region: 'us-gov-west-1', accountId: '123456789012', identity: 'example.gov' });
    assert.ok(text.includes('"arn:aws-us-gov:ses:us-gov-west-1:123456789012:identity/example.gov"'));
  });
});

describe('the command prompts', () => {
  it('accept exactly 12-digit account ids', () => {
    assert.equal(accountIdProblem('123456789012'), undefined);
    assert.equal(accountIdProblem(' 123456789012 '), undefined);
    for (const bad of ['', '12345678901', '1234567890123', '12345678901a', '1234-5678-9012']) {
      assert.match(accountIdProblem(bad) ?? '', /12 digits/, bad);
    }
  });

  it('accept domains and email addresses as SES identities', () => {
    for (const good of ['example.com', 'mail.example.co.uk', 'wordpress@example.com', 'first.last+wp@sub.example.org', 'xn--bcher-kva.example']) {
      assert.equal(identityProblem(good), undefined, good);
    }
  });

  it('reject what SES cannot verify, saying why', () => {
    assert.match(identityProblem('') ?? '', /domain .* or email address/);
    assert.match(identityProblem('localhost') ?? '', /not a domain name/);
    assert.match(identityProblem('bücher.example') ?? '', /punycode/);
    assert.match(identityProblem('a b@example.com') ?? '', /local part/);
    assert.match(identityProblem('-bad.example.com') ?? '', /not a domain name/);
    assert.match(identityProblem('example.com/other') ?? '', /not a domain name/);
  });
});
