import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/service/codeActions';
import type { PolicySettings } from '../../../server/src/service/settings';
import { readFixture } from '../../support/repo';
import { lines } from '../codeActions/helpers';
import { example, service, settingsWith } from '../service';

/** "Add the missing permissions": the whole resulting text, then the check and the linter on it. */
const PATH = '/w/wordpress/policy.json';
const SELECTED = settingsWith({ profiles: { 'wp-offload-ses': { files: ['**/wordpress/*.json'] } } });
const TITLE = 'Add the missing permissions';

function applyFix(text: string, settings: PolicySettings = SELECTED): string {
  const document = service.parse(text);
  const diagnostics = service.doValidation(document, settings, PATH);
  const action = service.getCodeActions(document, diagnostics, settings).find((a) => a.title === TITLE);
  assert.ok(action, `no "${TITLE}" among ${JSON.stringify(service.getCodeActions(document, diagnostics, settings).map((a) => a.title))}`);
  assert.equal(action.isPreferred, true);
  assert.deepEqual(
    action.diagnostics.map((d) => d.code),
    diagnostics.filter((d) => d.code === 'profile-permission-missing').map((d) => d.code),
  );
  assert.equal(action.edits.length, 1, 'one edit, from the first change to the last');
  return applyEdits(text, action.edits);
}

/** After the fix: ready, and not a single diagnostic of any rule. */
function assertClean(text: string, settings: PolicySettings = SELECTED): void {
  const document = service.parse(text);
  assert.deepEqual(service.getReadiness(document, PATH, settings).map((r) => r.report.summary), ['WP Offload SES: ready']);
  assert.deepEqual(service.doValidation(document, settings, PATH).map((d) => `${d.code}: ${d.message}`), []);
}

describe('readiness: adding the missing permissions', () => {
  it('splits the merged example the way the vendor documents it', () => {
    const fixed = applyFix(example('wp-offload-ses-merged.json'));
    assert.equal(fixed, readFixture('wp-offload-ses-merged.fixed.json'));
    assertClean(fixed);
  });

  it('adds identity statements on the identity the policy names, and the account-level statement on "*"', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "SendEmail",',
      '      "Effect": "Allow",',
      '      "Action": "ses:SendRawEmail",',
      '      "Resource": "arn:aws:ses:eu-west-2:123456789012:identity/example.com"',
      '    }',
      '  ]',
      '}',
    );
    const fixed = applyFix(text);
    assert.equal(
      fixed,
      lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Sid": "SendEmail",',
        '      "Effect": "Allow",',
        '      "Action": "ses:SendRawEmail",',
        '      "Resource": "arn:aws:ses:eu-west-2:123456789012:identity/example.com"',
        '    },',
        '    {',
        '      "Sid": "IdentityManagement",',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        "ses:CreateEmailIdentity",',
        '        "ses:DeleteEmailIdentity"',
        '      ],',
        '      "Resource": "arn:aws:ses:eu-west-2:123456789012:identity/example.com"',
        '    },',
        '    {',
        '      "Sid": "AccountLevel",',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        "ses:GetAccount",',
        '        "ses:ListEmailIdentities"',
        '      ],',
        '      "Resource": "*"',
        '    }',
        '  ]',
        '}',
      ),
    );
    assertClean(fixed);
  });

  it('adds to an existing "Resource": "*" statement rather than writing a second one', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ses:CreateEmailIdentity","ses:DeleteEmailIdentity","ses:SendRawEmail","ses:GetAccount"],"Resource":"*"}]}';
    const fixed = applyFix(text);
    assert.equal(fixed, text.replace('"ses:GetAccount"]', '"ses:GetAccount","ses:ListEmailIdentities"]'));
    assertClean(fixed);
  });

  it('writes the ARN from iamPolicy.defaultRegion and defaultAccountId for a policy that names no identity', () => {
    const settings = settingsWith({ ...SELECTED, defaultRegion: 'eu-west-2', defaultAccountId: '123456789012' });
    const text = '{"Version":"2012-10-17","Statement":[]}';
    const fixed = applyFix(text, settings);
    const statements = (JSON.parse(fixed) as { Statement: { Sid: string; Action: string | string[]; Resource: string }[] }).Statement;
    assert.deepEqual(
      statements.map((s) => [s.Sid, s.Action, s.Resource]),
      [
        ['IdentityManagement', ['ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity'], 'arn:aws:ses:eu-west-2:123456789012:identity/*'],
        ['SendEmail', 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/*'],
        ['AccountLevel', ['ses:GetAccount', 'ses:ListEmailIdentities'], '*'],
      ],
    );
    assertClean(fixed, settings);
  });

  it('leaves an explicit Deny alone: widening it is the user’s decision', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:*","Resource":"*"},{"Sid":"NoList","Effect":"Deny","Action":"ses:ListEmailIdentities","Resource":"*"}]}';
    const document = service.parse(text);
    const diagnostics = service.doValidation(document, SELECTED, PATH);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.data?.reason]), [['profile-permission-missing', 'denied']]);
    assert.deepEqual(service.getCodeActions(document, diagnostics, SELECTED).map((a) => a.title), []);
  });
});

describe('readiness: the fix keeps the document’s layout', () => {
  it('adds to a lone statement object on "*", and keeps comments', () => {
    const text = lines(
      '// WordPress mail',
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": {',
      '    "Effect": "Allow", // everything SES needs, we thought',
      '    "Action": ["ses:SendRawEmail", "ses:CreateEmailIdentity", "ses:DeleteEmailIdentity"],',
      '    "Resource": "*"',
      '  }',
      '}',
    );
    const fixed = applyFix(text);
    assert.equal(
      fixed,
      lines(
        '// WordPress mail',
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": {',
        '    "Effect": "Allow", // everything SES needs, we thought',
        '    "Action": ["ses:SendRawEmail", "ses:CreateEmailIdentity", "ses:DeleteEmailIdentity", "ses:GetAccount", "ses:ListEmailIdentities"],',
        '    "Resource": "*"',
        '  }',
        '}',
      ),
    );
    assertClean(fixed);
  });

  it('appends to the group’s own statement, on one line when it is written on one line', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Sid":"IdentityManagement","Effect":"Allow","Action":"ses:CreateEmailIdentity","Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.com"},{"Sid":"SendEmail","Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.com"},{"Sid":"AccountLevel","Effect":"Allow","Action":["ses:GetAccount","ses:ListEmailIdentities"],"Resource":"*"}]}';
    const fixed = applyFix(text);
    assert.equal(fixed, text.replace('"Action":"ses:CreateEmailIdentity"', '"Action":["ses:CreateEmailIdentity","ses:DeleteEmailIdentity"]'));
    assertClean(fixed);
  });

  it('turns a lone scoped statement object into an array of statements', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": {',
      '    "Effect": "Allow",',
      '    "Action": ["ses:SendRawEmail", "ses:CreateEmailIdentity", "ses:DeleteEmailIdentity"],',
      '    "Resource": "arn:aws:ses:eu-west-2:123456789012:identity/example.com"',
      '  }',
      '}',
    );
    const fixed = applyFix(text);
    assert.equal(
      fixed,
      lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [{',
        '    "Effect": "Allow",',
        '    "Action": ["ses:SendRawEmail", "ses:CreateEmailIdentity", "ses:DeleteEmailIdentity"],',
        '    "Resource": "arn:aws:ses:eu-west-2:123456789012:identity/example.com"',
        '  }, {',
        '    "Sid": "AccountLevel",',
        '    "Effect": "Allow",',
        '    "Action": ["ses:GetAccount", "ses:ListEmailIdentities"],',
        '    "Resource": "*"',
        '  }]',
        '}',
      ),
    );
    assertClean(fixed);
  });
});
