import * as assert from 'node:assert/strict';
import { applyEdits, getCodeActions } from '../../../server/src/service/codeActions';
import { DEFAULT_SETTINGS } from '../../../server/src/service/settings';
import { example, service, validate } from '../service';
import { readFixture } from '../../support/repo';
import { grants } from './grants';
import { assertFix, codeActions, crlf, lines, tabs, titles } from './helpers';

const ARN = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';
const MOVE_BOTH = 'Move "ses:GetAccount" and "ses:ListEmailIdentities" to their own statement with "Resource": "*"';

const MERGED_FIXED = readFixture('wp-offload-ses-merged.fixed.json');

describe('quick fix: move account-level actions to their own statement', () => {
  it('turns the merged example into the vendor restricted policy, once per statement and preferred', () => {
    const merged = example('wp-offload-ses-merged.json');
    const action = assertFix(merged, { title: MOVE_BOTH, preferred: true, result: MERGED_FIXED });
    assert.equal(action.diagnostics.length, 2, 'fixes both diagnostics of the statement');
    assert.deepEqual(titles(merged), [MOVE_BOTH], 'offered once for the statement');
    assert.notDeepEqual(grants(merged), grants(example('wp-offload-ses-restricted.json')));
    assert.deepEqual(grants(MERGED_FIXED), grants(example('wp-offload-ses-restricted.json')), 'the vendor restricted policy, Sids and layout aside');
    assert.deepEqual(validate(MERGED_FIXED), []);
  });

  it('offers the statement-wide fix from any one of its diagnostics', () => {
    const merged = example('wp-offload-ses-merged.json');
    const document = service.parse(merged);
    const second = validate(merged)[1]!;
    const [action] = getCodeActions(document, [second], DEFAULT_SETTINGS, service.knowledge);
    assert.equal(applyEdits(merged, action!.edits), MERGED_FIXED);
  });

  it('keeps CRLF line endings', () => {
    assertFix(crlf(example('wp-offload-ses-merged.json')), { title: MOVE_BOTH, result: crlf(MERGED_FIXED) });
  });

  it('keeps tab indentation', () => {
    assertFix(tabs(example('wp-offload-ses-merged.json')), { title: MOVE_BOTH, result: tabs(MERGED_FIXED) });
  });

  it('changes the Resource to "*" when every action of the statement is account-level', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": "ses:GetAccount",',
      `      "Resource": [ "${ARN}" ]`,
      '    },',
      '    {',
      '      "Effect": "Deny",',
      '      "Action": ["ses:ListEmailIdentities", "ses:GetAccount"],',
      `      "Resource": "${ARN}"`,
      '    }',
      '  ]',
      '}',
    );
    const title = 'Change this statement\'s Resource to "*" (all its actions are account-level)';
    const first = assertFix(text, {
      title,
      result: text.replace(`[ "${ARN}" ]`, '[ "*" ]'),
    });
    assert.equal(first.diagnostics.length, 1);
    const actions = codeActions(text).filter((a) => a.title === title);
    assert.equal(actions.length, 2, 'one per statement');
    const applied = applyEdits(text, actions[1]!.edits);
    assert.equal(applied, text.replace(`"Resource": "${ARN}"`, '"Resource": "*"'));
  });

  it('makes a lone statement object an array of two', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": {',
      '    "Effect": "Allow",',
      '    "Action": ["ses:SendRawEmail", "ses:GetAccount"],',
      `    "Resource": "${ARN}"`,
      '  }',
      '}',
    );
    assertFix(text, {
      code: 'account-action-in-scoped-statement',
      result: lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [{',
        '    "Effect": "Allow",',
        '    "Action": ["ses:SendRawEmail"],',
        `    "Resource": "${ARN}"`,
        '  }, {',
        '    "Sid": "AccountLevel",',
        '    "Effect": "Allow",',
        '    "Action": "ses:GetAccount",',
        `    "Resource": "*"`,
        '  }]',
        '}',
      ),
    });
  });

  it('writes a compact statement for a compact policy, keeping its Principal', () => {
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["ses:GetAccount","ses:SendRawEmail","ses:GetAccount"],"Resource":"${ARN}"}]}`;
    assertFix(text, {
      code: 'account-action-in-scoped-statement',
      result: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["ses:SendRawEmail"],"Resource":"${ARN}"},{"Sid":"AccountLevel","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"ses:GetAccount","Resource":"*"}]}`,
    });
  });

  it('moves a wildcard that matches only account-level actions, and leaves one that also matches scoped actions', () => {
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ses:SendRawEmail","ses:GetAcc*","ses:Get*"],"Resource":"${ARN}"}]}`;
    const action = assertFix(text, {
      code: 'account-action-in-scoped-statement',
      result: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ses:SendRawEmail","ses:Get*"],"Resource":"${ARN}"},{"Sid":"AccountLevel","Effect":"Allow","Action":"ses:GetAcc*","Resource":"*"}]}`,
    });
    assert.deepEqual(action.diagnostics.map((d) => text.slice(d.range.start, d.range.end)), ['"ses:GetAcc*"']);
    assert.deepEqual(titles(`{"Statement":[{"Effect":"Allow","Action":"ses:Get*","Resource":"${ARN}"}]}`, undefined, ['account-action-in-scoped-statement']), []);
  });

  it('keeps comments and the spacing of the surviving items', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    /* the one statement */ {',
      '      "Effect": "Allow",',
      '      "Action": [',
      '        "ses:GetAccount", // account',
      '        // scoped',
      '        "ses:SendRawEmail"',
      '      ],',
      `      "Resource": "${ARN}"`,
      '    }',
      '  ]',
      '}',
    );
    assertFix(text, {
      code: 'account-action-in-scoped-statement',
      result: lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    /* the one statement */ {',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        // account',
        '        // scoped',
        '        "ses:SendRawEmail"',
        '      ],',
        `      "Resource": "${ARN}"`,
        '    }, {',
        '      "Sid": "AccountLevel",',
        '      "Effect": "Allow",',
        '      "Action": "ses:GetAccount",',
        '      "Resource": "*"',
        '    }',
        '  ]',
        '}',
      ),
    });
  });

  it('is not offered for an Effect it cannot copy', () => {
    assert.deepEqual(titles(`{"Statement":[{"Effect":"allow","Action":["ses:GetAccount","ses:SendRawEmail"],"Resource":"${ARN}"}]}`, undefined, ['account-action-in-scoped-statement']), []);
  });
});
