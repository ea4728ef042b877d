import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { assertDiagnostics, example, service, settingsWith } from './service';

describe('which documents are policies', () => {
  const isPolicy = (text: string, path: string) => service.isPolicy(service.parse(text), path, DEFAULT_SETTINGS);

  it('takes any JSON whose root object has a Statement', () => {
    assert.equal(isPolicy(example('wp-offload-ses-merged.json'), '/work/anything.json'), true);
  });

  it('takes empty or incomplete files that the iamPolicy.files globs name', () => {
    assert.equal(isPolicy('', '/work/ses-policy.json'), true);
    assert.equal(isPolicy('{"Version":"2012-10-17"', '/work/mail/app.iam.json'), true);
    assert.equal(isPolicy('{}', 'C:\\work\\Policy.json'), true);
  });

  it('leaves other JSON alone', () => {
    assert.equal(isPolicy('{"name":"x","version":"1.0.0"}', '/work/package.json'), false);
    assert.equal(isPolicy('{"compilerOptions":{}}', '/work/tsconfig.json'), false);
    assert.equal(isPolicy('', '/work/data.json'), false);
  });
});

describe('rule settings', () => {
  const merged = example('wp-offload-ses-merged.json');

  it('overrides a severity', () => {
    const diagnostics = service.doValidation(service.parse(merged), settingsWith({ rules: { 'account-action-in-scoped-statement': 'error' } }));
    assert.deepEqual(
      diagnostics.map((d) => d.severity),
      ['error', 'error'],
    );
  });

  it('turns a rule off', () => {
    assertDiagnostics(merged, [], settingsWith({ rules: { 'account-action-in-scoped-statement': 'off' } }));
  });

  it('ignores malformed settings instead of failing', () => {
    const settings = settingsWith({ rules: { 'account-action-in-scoped-statement': 'loud', other: 3 }, files: 'nope', enable: 'yes' });
    assert.equal(settings.enable, true);
    assert.deepEqual(settings.files, DEFAULT_SETTINGS.files);
    assert.equal(service.doValidation(service.parse(merged), settings).length, 2);
  });
});
