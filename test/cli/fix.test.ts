import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExample, REPO_ROOT } from '../support/repo';

/** iam-policy-lint --fix: the safe fixes applied to files, atomically, keeping the file's own bytes. */
const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return result;
}

describe('iam-policy-lint --fix', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'iam-fix-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('splits the merged example, keeping BOM, CRLF and file mode, and reports what it changed', () => {
    const file = join(folder, 'merged-policy.json');
    const original = `\ufeff${readExample('wp-offload-ses-merged.json').replace(/\n/g, '\r\n')}`;
    writeFileSync(file, original);
    chmodSync(file, 0o640);
    const result = run('--fix', file);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /merged-policy\.json: fixed 1: /);
    assert.match(result.stdout, /0 errors, 0 warnings/);
    const fixed = readFileSync(file, 'utf8');
    assert.ok(fixed.startsWith('\ufeff'), 'BOM kept');
    assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF introduced');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    const statements = JSON.parse(fixed.slice(1)).Statement as { Action: string[]; Resource: string }[];
    assert.deepEqual(
      statements.map((s) => [[s.Action].flat().sort(), s.Resource]),
      [
        [['ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity', 'ses:SendRawEmail'], 'arn:aws:ses:eu-west-2:123456789012:identity/example.com'],
        [['ses:GetAccount', 'ses:ListEmailIdentities'], '*'],
      ],
    );
    assert.deepEqual(readdirSync(folder), ['merged-policy.json'], 'no temporary file left behind');
  });

  it('leaves a file that does not parse exactly as it was', () => {
    const file = join(folder, 'broken-policy.json');
    const broken = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:GetAccount" "Resource":"arn:aws:ses:eu-west-2:123456789012:identity/x"}]}';
    writeFileSync(file, broken);
    const result = run('--fix', file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /not fixed: it does not parse/);
    assert.equal(readFileSync(file, 'utf8'), broken);
  });

  it('removes trailing commas, the one syntax error it repairs, and exits 0', () => {
    const file = join(folder, 'comma-policy.json');
    const restricted = readExample('wp-offload-ses-restricted.json');
    writeFileSync(file, restricted.replace('"Resource": "*"', '"Resource": "*",').replace(/\}\n {4}\]/, '},\n    ]'));
    const before = run(file);
    assert.equal(before.status, 1);
    assert.equal(before.stdout.match(/\[trailing-comma\]/g)?.length, 2, before.stdout);
    const result = run('--fix', file);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stderr, /comma-policy\.json: fixed 2: Remove the trailing comma; Remove the trailing comma/);
    assert.equal(readFileSync(file, 'utf8'), restricted);
  });

  it('fixes the file a symlink points to and keeps the link', () => {
    const target = join(folder, 'real-policy.json');
    const link = join(folder, 'linked-policy.json');
    writeFileSync(target, readExample('wp-offload-ses-merged.json'));
    symlinkSync(target, link);
    const result = run('--fix', link);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(lstatSync(link).isSymbolicLink(), 'still a link');
    assert.match(readFileSync(target, 'utf8'), /"Sid": "AccountLevel"/);
    assert.deepEqual(readdirSync(folder).sort(), ['linked-policy.json', 'real-policy.json']);
  });

  it('does not touch a file with nothing to fix', () => {
    const file = join(folder, 'restricted-policy.json');
    writeFileSync(file, readExample('wp-offload-ses-restricted.json'));
    const before = statSync(file).mtimeMs;
    const result = run('--fix', file);
    assert.equal(result.status, 0);
    assert.equal(result.stderr, '');
    assert.equal(statSync(file).mtimeMs, before);
  });
});
