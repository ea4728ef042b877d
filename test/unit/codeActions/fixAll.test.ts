import * as assert from 'node:assert/strict';
import { fixAll } from '../../../server/src/service/codeActions';
import { DEFAULT_SETTINGS } from '../../../server/src/service/settings';
import { example, service, settingsWith, validate } from '../service';
import { crlf, lines } from './helpers';

const ARN = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';

describe('fix-all', () => {
  it('fixes the merged example in one move', () => {
    const { text, fixed } = fixAll(example('wp-offload-ses-merged.json'), service, DEFAULT_SETTINGS);
    assert.deepEqual(fixed, [
      { code: 'account-action-in-scoped-statement', title: 'Move "ses:GetAccount" and "ses:ListEmailIdentities" to their own statement with "Resource": "*"' },
    ]);
    assert.deepEqual(validate(text), []);
  });

  it('fills the vendor template from the settings, and leaves it alone without them', () => {
    const template = example('wp-offload-ses-template.json');
    const settings = settingsWith({ defaultRegion: 'eu-west-2', defaultAccountId: '123456789012' });
    const { text, fixed } = fixAll(template, service, settings);
    assert.equal(text, template.replace(/YOUR_REGION_HERE/g, 'eu-west-2').replace(/YOUR_ACCOUNT_NUMBER_HERE/g, '123456789012'));
    assert.deepEqual(fixed.map((f) => f.code), ['arn-placeholder', 'arn-placeholder', 'arn-placeholder', 'arn-placeholder']);
    assert.deepEqual(validate(text, settings), []);
    assert.deepEqual(fixAll(template, service, DEFAULT_SETTINGS), { text: template, fixed: [] });
  });

  const MESSY = lines(
    '{',
    '  "Statement": [',
    '    {',
    '      "Sid": "Send",',
    '      "effect": "Allow",',
    '      "Action": ["SES:sendrawemail", "ses:GetAccount", "ses:SendRawEmail"],',
    `      "Resource": "${ARN}"`,
    '    },',
    '    {',
    '      "Sid": "Send",',
    '      "Effect": "Allow",',
    '      "Action": ["ses:ListEmailIdentities", "ses:SendRawEmal"],',
    `      "Resource": "${ARN}"`,
    '    },',
    '    { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:s3:::bucket" }',
    '  ]',
    '}',
  );

  it('applies the safe fixes until none is left, and no guess', () => {
    const { text, fixed } = fixAll(MESSY, service, DEFAULT_SETTINGS);
    assert.equal(
      text,
      lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Sid": "Send",',
        '      "Effect": "Allow",',
        '      "Action": ["ses:SendRawEmail"],',
        `      "Resource": "${ARN}"`,
        '    },',
        '    {',
        '      "Sid": "AccountLevel",',
        '      "Effect": "Allow",',
        '      "Action": ["ses:GetAccount", "ses:ListEmailIdentities"],',
        '      "Resource": "*"',
        '    },',
        '    {',
        '      "Sid": "Send2",',
        '      "Effect": "Allow",',
        '      "Action": ["ses:SendRawEmal"],',
        `      "Resource": "${ARN}"`,
        '    },',
        '    { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:s3:::bucket" }',
        '  ]',
        '}',
      ),
    );
    assert.deepEqual(fixed.map((f) => f.code).sort(), [
      'account-action-in-scoped-statement',
      'account-action-in-scoped-statement',
      'action-case',
      'duplicate-action',
      'duplicate-sid',
      'missing-version',
      'unknown-element',
    ]);
    // What is left needs a person: a typo with candidates, and an ARN to choose.
    assert.deepEqual([...new Set(validate(text).map((d) => d.code))].sort(), ['resource-mismatch', 'unknown-action']);
  });

  it('keeps CRLF line endings through every round', () => {
    const { text } = fixAll(crlf(MESSY), service, DEFAULT_SETTINGS);
    assert.equal(text, crlf(fixAll(MESSY, service, DEFAULT_SETTINGS).text));
  });

  it('applies hundreds of fixes, many per round, to the whole document', () => {
    const seen = new Set<string>();
    const names = service.knowledge.catalog.getService('ec2')!.actions.map((a) => `ec2:${a.name}`).filter((name) => {
      const key = name.toLowerCase();
      if (seen.has(key) || key === name) return false;
      seen.add(key);
      return true;
    }).slice(0, 300);
    assert.equal(names.length, 300);
    const policy = (actions: string[]) =>
      lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        ...[0, 1, 2].map((s) => lines('    {', `      "Sid": "Part${s}",`, '      "Effect": "Allow",', '      "Action": [', actions.slice(s * 100, s * 100 + 100).map((a) => `        "${a}"`).join(',\n'), '      ],', '      "Resource": "*"', `    }${s < 2 ? ',' : ''}`)),
        '  ]',
        '}',
      );
    const { text, fixed } = fixAll(policy(names.map((n) => n.toLowerCase())), service, DEFAULT_SETTINGS);
    assert.equal(text, policy(names));
    assert.equal(fixed.length, 300);
    assert.deepEqual(new Set(fixed.map((f) => f.code)), new Set(['action-case']));
    assert.deepEqual(validate(text), []);
  });

  it('moves account-level actions out of more than a hundred statements, one move per round', () => {
    const policy = (statements: string[]) => lines('{', '  "Version": "2012-10-17",', '  "Statement": [', statements.join(',\n'), '  ]', '}');
    const scoped = (i: number, actions: string) => `    { "Sid": "S${i}", "Effect": "Allow", "Action": [${actions}], "Resource": "${ARN}" }`;
    const indices = Array.from({ length: 120 }, (_, i) => i);
    const { text, fixed } = fixAll(policy(indices.map((i) => scoped(i, '"ses:SendRawEmail", "ses:GetAccount"'))), service, DEFAULT_SETTINGS);
    const accountLevel = '    { "Sid": "AccountLevel", "Effect": "Allow", "Action": "ses:GetAccount", "Resource": "*" }';
    assert.equal(text, policy(indices.flatMap((i) => (i === 0 ? [scoped(i, '"ses:SendRawEmail"'), accountLevel] : [scoped(i, '"ses:SendRawEmail"')]))));
    assert.equal(fixed.length, 120);
    assert.deepEqual(fixed[0], { code: 'account-action-in-scoped-statement', title: 'Move "ses:GetAccount" to its own statement with "Resource": "*"' });
    assert.deepEqual(fixed[1], { code: 'account-action-in-scoped-statement', title: 'Move "ses:GetAccount" to statement "AccountLevel", which has "Resource": "*"' });
    assert.deepEqual(validate(text), []);
  });

  it('leaves a document that does not parse untouched', () => {
    const broken = `{"Statement":[{"Effect":"Allow","Action":["ses:GetAccount" "ses:SendRawEmail"],"Resource":"${ARN}"}]}`;
    assert.deepEqual(fixAll(broken, service, DEFAULT_SETTINGS), { text: broken, fixed: [] });
  });
});
