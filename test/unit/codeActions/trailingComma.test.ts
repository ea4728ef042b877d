import * as assert from 'node:assert/strict';
import { fixAll } from '../../../server/src/service/codeActions';
import { DEFAULT_SETTINGS } from '../../../server/src/service/settings';
import { assertDiagnostics, example, service, validate } from '../service';
import { assertFix, crlf, lines } from './helpers';

/** The commonest hand-editing slip: one clear diagnostic at the comma, and a fix that removes only it. */
describe('trailing commas', () => {
  const STATEMENT = lines(
    '{',
    '    "Version": "2012-10-17",',
    '    "Statement": [',
    '        {',
    '            "Effect": "Allow",',
    '            "Action": "ses:SendRawEmail",',
    '            "Resource": "*",',
    '        }',
    '    ]',
    '}',
  );

  it('are one trailing-comma error at the comma, not two syntax errors at the brace', () => {
    const [diagnostic] = assertDiagnostics(STATEMENT, [{ code: 'trailing-comma', text: ',' }]);
    assert.equal(diagnostic!.range.start, STATEMENT.indexOf('"*",') + 3);
    assert.equal(diagnostic!.severity, 'error');
    assert.match(diagnostic!.message, /^A comma before "\}": JSON allows none, so IAM rejects the policy\. Remove the comma\.$/);
  });

  it('are found before "]" and past comments and line breaks, and other syntax errors stay json-syntax', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ses:GetAccount", /* more */\n],"Resource":"*"},]}';
    assertDiagnostics(text, [
      { code: 'trailing-comma', text: ',' },
      { code: 'trailing-comma', text: ',' },
    ]);
    for (const stray of ['[,]', '[1,,]', '{"a":,}']) {
      const codes = validate(`{"Version":"2012-10-17","Statement":[],"X":${stray}}`).map((d) => d.code);
      assert.ok(codes.includes('json-syntax') && !codes.includes('trailing-comma'), `${stray}: ${codes.join(', ')}`);
    }
  });

  it('are removed by the quick fix, the line break after the comma kept (CRLF too)', () => {
    assertFix(crlf(STATEMENT), {
      title: 'Remove the trailing comma',
      preferred: true,
      result: crlf(STATEMENT.replace('"Resource": "*",', '"Resource": "*"')),
    });
  });

  it('are all removed by fix-all, which then goes on with the other safe fixes', () => {
    const merged = example('wp-offload-ses-merged.json').replace('"ses:ListEmailIdentities"', '"ses:ListEmailIdentities",');
    const { text, fixed } = fixAll(merged.replace(/\}\n {4}\]/, '},\n    ]'), service, DEFAULT_SETTINGS);
    assert.deepEqual(fixed.map((f) => f.code), ['trailing-comma', 'trailing-comma', 'account-action-in-scoped-statement']);
    assert.deepEqual(validate(text), []);
    assert.equal(text, fixAll(example('wp-offload-ses-merged.json'), service, DEFAULT_SETTINGS).text);
  });

  it('leave fix-all alone when another syntax error is there too', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*",} "x"]}';
    assert.deepEqual(fixAll(text, service, DEFAULT_SETTINGS), { text, fixed: [] });
    assert.ok(service.parse(text).syntaxIssues.length > 2);
  });
});
